//! Attaching and reading materials: which files the deployment accepts (type and size, set by the
//! operator), measured and hashed by the server, never taken on the uploader's word. A refused
//! upload leaves nothing behind in the record; its bytes are stored only once they passed.

use std::path::Path;
use std::sync::Arc;

use futures_util::stream::BoxStream;

use super::{Caller, Idempotency, Service, ServiceError};
use crate::procedure::{
    AttachMaterial, Command, Decision, Digest, DocumentKind, Length, Material, Text,
};
use crate::store::{BlobError, hash_file, head_bytes};

/// The default largest material: a scanned 100-page signed opinion fits.
pub const DEFAULT_MATERIAL_MAX_MB: u64 = 50;

/// The file types a deployment may accept, by extension: the media type recorded, and the
/// leading bytes the content must begin with where the format has such a mark.
const KNOWN_TYPES: &[(&str, &str, &[&[u8]])] = &[
    ("pdf", "application/pdf", &[b"%PDF-"]),
    // 版式文档 OFD (GB/T 33190), the format of Chinese official documents: a ZIP container.
    ("ofd", "application/ofd", &[b"PK\x03\x04"]),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &[b"PK\x03\x04"],
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &[b"PK\x03\x04"],
    ),
    ("doc", "application/msword", &[b"\xD0\xCF\x11\xE0"]),
    ("xls", "application/vnd.ms-excel", &[b"\xD0\xCF\x11\xE0"]),
    ("wps", "application/vnd.ms-works", &[b"\xD0\xCF\x11\xE0"]),
    ("jpg", "image/jpeg", &[b"\xFF\xD8\xFF"]),
    ("jpeg", "image/jpeg", &[b"\xFF\xD8\xFF"]),
    ("png", "image/png", &[b"\x89PNG\r\n\x1a\n"]),
    ("tif", "image/tiff", &[b"II*\0", b"MM\0*"]),
    ("tiff", "image/tiff", &[b"II*\0", b"MM\0*"]),
    ("txt", "text/plain; charset=utf-8", &[]),
];

/// The types accepted unless the operator names others.
pub const DEFAULT_MATERIAL_TYPES: &str = "pdf,ofd,docx,xlsx,doc,xls,wps,jpg,jpeg,png,tif,tiff,txt";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MaterialRefusal {
    #[error("材料“{name}”超过大小上限（{size}字节，上限{max}字节），未保存")]
    TooLarge { name: String, size: u64, max: u64 },
    #[error("不接受“{name}”这类文件（可上传：{allowed}），未保存")]
    TypeNotAllowed { name: String, allowed: String },
    #[error("文件“{name}”的内容不是其扩展名所示的格式，未保存")]
    ContentMismatch { name: String },
    #[error("材料“{0}”是空文件，未保存")]
    Empty(String),
    #[error("未配置材料存储，不能上传或者读取材料")]
    NoStorage,
}

/// The operator's choice of what may be uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub max_bytes: u64,
    /// Extensions, lowercase.
    pub types: Vec<&'static str>,
}

impl Default for Policy {
    /// The shipped defaults, which parse (a unit test holds them to it); were they ever not to,
    /// nothing would be accepted rather than anything.
    fn default() -> Self {
        Self::parse(DEFAULT_MATERIAL_TYPES, DEFAULT_MATERIAL_MAX_MB).unwrap_or(Self {
            max_bytes: DEFAULT_MATERIAL_MAX_MB << 20,
            types: Vec::new(),
        })
    }
}

impl Policy {
    /// From a comma-separated list of extensions; one the engine does not know is refused, so
    /// that no type is accepted without a check of its content.
    pub fn parse(types: &str, max_mb: u64) -> Result<Self, String> {
        let mut accepted = Vec::new();
        for ext in types.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let ext = ext.trim_start_matches('.').to_ascii_lowercase();
            let known = KNOWN_TYPES
                .iter()
                .find(|(e, _, _)| *e == ext)
                .map(|(e, _, _)| *e)
                .ok_or_else(|| {
                    let names: Vec<&str> = KNOWN_TYPES.iter().map(|t| t.0).collect();
                    format!("不支持的材料类型 {ext}；可选：{}", names.join(","))
                })?;
            accepted.push(known);
        }
        if accepted.is_empty() {
            return Err("至少应允许一种材料类型".into());
        }
        Ok(Self {
            max_bytes: max_mb << 20,
            types: accepted,
        })
    }

    /// The media type of an accepted file, or why it is not accepted.
    fn media_type(&self, name: &str, head: &[u8]) -> Result<&'static str, MaterialRefusal> {
        let ext = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let (_, media, marks) = KNOWN_TYPES
            .iter()
            .find(|(e, _, _)| *e == ext && self.types.contains(e))
            .ok_or_else(|| MaterialRefusal::TypeNotAllowed {
                name: name.to_owned(),
                allowed: self.types.join("、"),
            })?;
        // Plain text has no mark: its first bytes are UTF-8 (a character cut at the end aside).
        let text_ok = marks.is_empty()
            && !head.contains(&0)
            && std::str::from_utf8(head).map_or_else(|e| e.error_len().is_none(), |_| true);
        if marks.iter().any(|m| head.starts_with(m)) || text_ok {
            Ok(media)
        } else {
            Err(MaterialRefusal::ContentMismatch {
                name: name.to_owned(),
            })
        }
    }
}

/// A file as it reached the server: its name as the uploader gave it, and its bytes, waiting
/// in a local file (the multipart request's spool, or the file the CLI names).
pub struct Upload {
    pub name: String,
    pub file: tokio::fs::File,
}

/// What an official states of the document besides its bytes.
pub struct Attachment {
    pub kind: DocumentKind,
    pub dated: chrono::NaiveDate,
    pub note: Option<Text>,
}

impl Service {
    /// Which files may be attached.
    pub fn material_policy(&self) -> &Policy {
        &self.material_policy
    }

    /// The service accepting the files `policy` names.
    pub fn with_material_policy(mut self, policy: Policy) -> Self {
        Arc::make_mut(&mut self.0).material_policy = policy;
        self
    }

    /// Measures, checks and stores an uploaded file, then attaches it to the decision as an
    /// act of the record (Art. 33).
    #[allow(clippy::too_many_arguments)]
    pub async fn attach_material(
        &self,
        caller: &Caller,
        on_behalf: Option<&str>,
        id: &str,
        expected_version: i64,
        attachment: Attachment,
        mut upload: Upload,
        key: Option<&Idempotency>,
    ) -> Result<Decision, ServiceError> {
        let official = caller.official()?;
        // Who may not attach this kind stores nothing.
        if !official
            .roles
            .iter()
            .any(|r| attachment.kind.producers().contains(r))
        {
            return Err(crate::procedure::Refusal::Forbidden {
                act: attachment.kind.act_label(),
            }
            .into());
        }
        let blobs = self.store.blobs().ok_or(MaterialRefusal::NoStorage)?;
        let name = Text::parse_as("文件名", Length::Title, &upload.name)
            .map_err(crate::procedure::Refusal::from)?;
        let size = upload.file.metadata().await.map_err(BlobError::from)?.len();
        let max = self.material_policy.max_bytes;
        if size > max {
            return Err(MaterialRefusal::TooLarge {
                name: upload.name.clone(),
                size,
                max,
            }
            .into());
        }
        if size == 0 {
            return Err(MaterialRefusal::Empty(upload.name.clone()).into());
        }
        let head = head_bytes(&mut upload.file, 16).await?;
        let media_type = self.material_policy.media_type(&upload.name, &head)?;
        let (sha256, size) = hash_file(&mut upload.file).await?;
        blobs.put_file(&sha256, &mut upload.file).await?;
        let cmd = Command::AttachMaterial(AttachMaterial {
            kind: attachment.kind,
            name,
            media_type: media_type.to_owned(),
            size,
            sha256,
            dated: attachment.dated,
            note: attachment.note,
        });
        self.act_once(official, on_behalf, id, expected_version, cmd, key)
            .await
    }

    /// A material of a decision the caller sees, with its bytes as a stream.
    pub async fn material(
        &self,
        caller: &Caller,
        id: &str,
        sha256: &str,
    ) -> Result<
        (
            Material,
            BoxStream<'static, Result<bytes::Bytes, BlobError>>,
        ),
        ServiceError,
    > {
        let seen = self.decision(caller, id).await?;
        let digest = Digest::parse(sha256).map_err(|e| ServiceError::Invalid(e.to_string()))?;
        let material = seen
            .decision
            .materials
            .iter()
            .find(|m| m.sha256 == digest)
            .cloned()
            .ok_or(ServiceError::NotFound("该材料"))?;
        let blobs = self.store.blobs().ok_or(MaterialRefusal::NoStorage)?;
        let bytes = blobs
            .get(&digest)
            .await?
            .ok_or(ServiceError::NotFound("该材料的文件"))?;
        Ok((material, bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_types_parse_and_an_unknown_type_stops_start_up() {
        let p = Policy::default();
        assert_eq!(p.max_bytes, 50 << 20);
        assert_eq!(p.types.len(), DEFAULT_MATERIAL_TYPES.split(',').count());
        assert!(Policy::parse("pdf,exe", 1).is_err_and(|e| e.contains("exe")));
        assert!(Policy::parse(" , ", 1).is_err());
    }

    #[test]
    fn a_file_is_what_its_extension_says_only_if_its_first_bytes_agree() {
        let p = Policy::parse("pdf,txt,png", 1).expect("policy");
        assert_eq!(
            p.media_type("意见书.PDF", b"%PDF-1.7"),
            Ok("application/pdf")
        );
        assert_eq!(
            p.media_type("意见书.pdf", b"<html>"),
            Err(MaterialRefusal::ContentMismatch {
                name: "意见书.pdf".into()
            })
        );
        // Text has no mark: UTF-8, a character cut at the end aside, and no NUL.
        assert!(p.media_type("说明.txt", "说明文字".as_bytes()).is_ok());
        assert!(p.media_type("说明.txt", &"说明".as_bytes()[..4]).is_ok());
        assert!(p.media_type("说明.txt", b"a\0b").is_err());
        assert!(matches!(
            p.media_type("扫描件.jpg", b"\xFF\xD8\xFF"),
            Err(MaterialRefusal::TypeNotAllowed { .. })
        ));
        assert!(matches!(
            p.media_type("无扩展名", b"%PDF-"),
            Err(MaterialRefusal::TypeNotAllowed { .. })
        ));
    }
}
