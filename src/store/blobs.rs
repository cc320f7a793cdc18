//! The bytes of materials, content-addressed: a document is stored under the SHA-256 of its
//! bytes (`sha256/ab/ab12…`), so the same file uploaded twice is stored once and a stored file
//! that no longer hashes to its name is known to be damaged.
//!
//! Through `object_store`: a local directory by default; S3-compatible storage (the organ's own
//! MinIO) when the location is `s3://bucket/prefix`, configured by the usual `AWS_*` variables
//! (`AWS_ENDPOINT`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`,
//! `AWS_ALLOW_HTTP` for a plain-HTTP endpoint inside the organ's network), so that several
//! replicas share one store.

use std::io::SeekFrom;
use std::sync::Arc;

use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, WriteMultipart};
use sha2::{Digest as _, Sha256};
use tokio::fs::File;
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use crate::procedure::Digest;

#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    #[error("材料存储位置“{location}”不可用")]
    Open {
        location: String,
        source: object_store::Error,
    },
    #[error("无法创建材料目录“{location}”")]
    CreateDir {
        location: String,
        source: std::io::Error,
    },
    #[error("材料存储读写失败")]
    Store(#[from] object_store::Error),
    #[error("读取上传的文件失败")]
    Read(#[from] std::io::Error),
}

/// Where materials are kept.
#[derive(Clone)]
pub struct Blobs {
    inner: Arc<dyn ObjectStore>,
}

impl std::fmt::Debug for Blobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Blobs({})", self.inner)
    }
}

/// How much of a file is read, hashed and sent at a time: a 50 MB upload is never held whole.
const CHUNK: usize = 1 << 20;

impl Blobs {
    /// `s3://bucket[/prefix]` for S3-compatible storage; anything else is a local directory
    /// (created if missing), with or without `file://`.
    pub fn open(location: &str) -> Result<Self, BlobError> {
        let inner: Arc<dyn ObjectStore> = if location.starts_with("s3://") {
            // The HTTPS client's cryptography; another part of the process may have chosen it.
            let _ = rustls::crypto::ring::default_provider().install_default();
            Arc::new(
                AmazonS3Builder::from_env()
                    .with_url(location)
                    .build()
                    .map_err(|source| BlobError::Open {
                        location: location.to_owned(),
                        source,
                    })?,
            )
        } else {
            let dir = location.strip_prefix("file://").unwrap_or(location);
            std::fs::create_dir_all(dir).map_err(|source| BlobError::CreateDir {
                location: dir.to_owned(),
                source,
            })?;
            Arc::new(
                LocalFileSystem::new_with_prefix(dir).map_err(|source| BlobError::Open {
                    location: dir.to_owned(),
                    source,
                })?,
            )
        };
        Ok(Self { inner })
    }

    fn path(digest: &Digest) -> ObjectPath {
        let hex = digest.as_str();
        ObjectPath::from(format!("sha256/{}/{hex}", &hex[..2]))
    }

    /// Stores the file, from its start, under `digest` unless a file is there already (the
    /// same bytes).
    pub async fn put_file(&self, digest: &Digest, source: &mut File) -> Result<(), BlobError> {
        let path = Self::path(digest);
        if self.inner.head(&path).await.is_ok() {
            return Ok(());
        }
        source.seek(SeekFrom::Start(0)).await?;
        let mut upload =
            WriteMultipart::new_with_chunk_size(self.inner.put_multipart(&path).await?, CHUNK * 5);
        let mut buf = vec![0; CHUNK];
        loop {
            let n = source.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            upload.wait_for_capacity(4).await?;
            upload.write(&buf[..n]);
        }
        upload.finish().await?;
        Ok(())
    }

    /// The stored bytes, as a stream of chunks; `None` if nothing is stored under `digest`.
    pub async fn get(
        &self,
        digest: &Digest,
    ) -> Result<Option<BoxStream<'static, Result<bytes::Bytes, BlobError>>>, BlobError> {
        match self.inner.get(&Self::path(digest)).await {
            Ok(found) => Ok(Some(
                found
                    .into_stream()
                    .map(|c| c.map_err(BlobError::from))
                    .boxed(),
            )),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

/// The SHA-256 and size of a local file from its start, read in chunks.
pub async fn hash_file(source: &mut File) -> Result<(Digest, u64), BlobError> {
    source.seek(SeekFrom::Start(0)).await?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut buf = vec![0; CHUNK];
    loop {
        let n = source.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok((Digest::of_bytes(&hasher.finalize().into()), size))
}

/// The first bytes of a file: what its kind is recognised by.
pub async fn head_bytes(source: &mut File, n: usize) -> Result<Vec<u8>, BlobError> {
    source.seek(SeekFrom::Start(0)).await?;
    let mut buf = vec![0; n];
    let mut got = 0;
    while got < n {
        let read = source.read(&mut buf[got..]).await?;
        if read == 0 {
            break;
        }
        got += read;
    }
    buf.truncate(got);
    Ok(buf)
}
