//! The archive package (Art. 33): one ZIP per decision, or one per year for transfer, that an
//! archive accepts and a court can check without the engine's database.
//!
//! Inside, for each decision (at the root, or under `<id>/` in a year's package):
//! - `decision.json`, `events.jsonl`, `messages.jsonl`: the decision's row, its events and its
//!   messages from the public exactly as stored, every column, so that `verify` recomputes the
//!   chains and the replay offline as the server does ([`crate::store::RecordRows`]);
//! - `materials/0001.pdf`, …: every document attached, named by its number (the original names
//!   are in the file list, so that no archive tool mangles a Chinese file name);
//! - `record.html`: the record in Chinese for people — who did what when, the meetings with each
//!   member's position, the legality findings, the public's comments and what became of them;
//! - `file-list.html`: the 卷内目录.
//!
//! And at the root `manifest.json`: the format, every decision with the head of its chain, and
//! every file with its SHA-256 and size. The package is written as it goes (each material
//! streamed from the store into the ZIP), never held in memory.

pub mod checkpoint;
mod html;
mod verify;

use std::io::{Seek, Write};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use zip::write::SimpleFileOptions;

use crate::procedure::{Decision, Material};
use crate::store::RecordRows;

pub use verify::{Finding, Report, verify_file};

/// The package format this engine writes and `verify` reads.
pub const FORMAT: &str = "decision-engine-archive/1";

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("写入归档文件失败")]
    Io(#[from] std::io::Error),
    #[error("写入归档文件失败")]
    Zip(#[from] zip::result::ZipError),
    #[error("归档内容无法序列化")]
    Json(#[from] serde_json::Error),
}

/// What the package holds, for a reader and for `verify`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    /// `decision` (one, at the root), `decisions` (several, each in its folder) or `year` (a
    /// year's archived decisions, each in its folder).
    pub kind: String,
    /// The year of a year's package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub exported_at: DateTime<Utc>,
    pub engine_version: String,
    pub decisions: Vec<DecisionEntry>,
    /// Every other file of the package, with its digest.
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DecisionEntry {
    pub id: String,
    pub title: String,
    pub organ: String,
    pub stage: String,
    /// Where its files are: "" at the root, `<id>/` in a year's package.
    pub prefix: String,
    pub event_count: i64,
    /// The hash of its last event: what a checkpoint kept elsewhere is compared with.
    pub head_hash: String,
    pub message_count: usize,
    pub materials: Vec<MaterialEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MaterialEntry {
    pub number: u32,
    pub kind: String,
    pub name: String,
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

/// The path of a material inside its decision's folder.
pub fn material_path(m: &Material) -> String {
    let ext = std::path::Path::new(m.name.as_str())
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| e.len() <= 8 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map(|e| format!(".{}", e.to_ascii_lowercase()))
        .unwrap_or_default();
    format!("materials/{:04}{ext}", m.number)
}

/// A package being written: files are added one at a time, each hashed as it is written.
pub struct Writer<W: Write + Seek> {
    zip: zip::ZipWriter<W>,
    manifest: Manifest,
}

/// A file of the package being written.
pub struct Entry<'a, W: Write + Seek> {
    writer: &'a mut Writer<W>,
    path: String,
    hasher: Sha256,
    size: u64,
}

impl<W: Write + Seek> Write for Entry<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.writer.zip.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.zip.flush()
    }
}

impl<W: Write + Seek> Entry<'_, W> {
    /// The file is complete: its digest goes into the manifest.
    pub fn finish(self) -> FileEntry {
        let entry = FileEntry {
            path: self.path,
            sha256: hex::encode(self.hasher.finalize()),
            size: self.size,
        };
        self.writer.manifest.files.push(entry.clone());
        entry
    }
}

impl<W: Write + Seek> Writer<W> {
    pub fn new(out: W, year: Option<i32>, exported_at: DateTime<Utc>) -> Self {
        Self {
            zip: zip::ZipWriter::new(out),
            manifest: Manifest {
                format: FORMAT.into(),
                kind: if year.is_some() { "year" } else { "decision" }.into(),
                year,
                exported_at,
                engine_version: env!("CARGO_PKG_VERSION").into(),
                decisions: Vec::new(),
                files: Vec::new(),
            },
        }
    }

    /// Starts a file: text compressed, documents (already compressed, mostly) stored.
    pub fn file(&mut self, path: String, compress: bool) -> Result<Entry<'_, W>, ArchiveError> {
        let options = SimpleFileOptions::default()
            .compression_method(if compress {
                zip::CompressionMethod::Deflated
            } else {
                zip::CompressionMethod::Stored
            })
            .large_file(false);
        self.zip.start_file(&path, options)?;
        Ok(Entry {
            writer: self,
            path,
            hasher: Sha256::new(),
            size: 0,
        })
    }

    /// Writes a decision's rows and its human-readable record; its materials follow, one
    /// [`Writer::file`] each, at the paths [`material_path`] gives.
    pub fn decision(
        &mut self,
        prefix: &str,
        rows: &RecordRows,
        d: &Decision,
    ) -> Result<(), ArchiveError> {
        let mut f = self.file(format!("{prefix}decision.json"), true)?;
        serde_json::to_writer_pretty(&mut f, &rows.decision)?;
        f.finish();
        let mut f = self.file(format!("{prefix}events.jsonl"), true)?;
        for e in &rows.events {
            serde_json::to_writer(&mut f, e)?;
            f.write_all(b"\n")?;
        }
        f.finish();
        let mut f = self.file(format!("{prefix}messages.jsonl"), true)?;
        for m in &rows.messages {
            serde_json::to_writer(&mut f, m)?;
            f.write_all(b"\n")?;
        }
        f.finish();
        let mut f = self.file(format!("{prefix}record.html"), true)?;
        f.write_all(html::record(rows, d).into_string().as_bytes())?;
        f.finish();
        let mut f = self.file(format!("{prefix}file-list.html"), true)?;
        f.write_all(html::file_list(d).into_string().as_bytes())?;
        f.finish();
        self.manifest.decisions.push(DecisionEntry {
            id: d.id.clone(),
            title: d.proposal.title.to_string(),
            organ: d.organ().to_owned(),
            stage: d.stage.label().to_owned(),
            prefix: prefix.to_owned(),
            event_count: rows.decision.event_count,
            head_hash: rows.decision.last_hash.clone(),
            message_count: rows.messages.len(),
            materials: d
                .materials
                .iter()
                .map(|m| MaterialEntry {
                    number: m.number,
                    kind: format!("{:?}", m.kind),
                    name: m.name.to_string(),
                    path: format!("{prefix}{}", material_path(m)),
                    sha256: m.sha256.to_string(),
                    size: m.size,
                })
                .collect(),
        });
        Ok(())
    }

    /// Writes the manifest and the ZIP's directory; the package is complete.
    pub fn finish(mut self) -> Result<(W, Manifest), ArchiveError> {
        if self.manifest.year.is_none() && self.manifest.decisions.len() > 1 {
            self.manifest.kind = "decisions".into();
        }
        let manifest = self.manifest.clone();
        self.zip
            .start_file("manifest.json", SimpleFileOptions::default())?;
        serde_json::to_writer_pretty(&mut self.zip, &manifest)?;
        Ok((self.zip.finish()?, manifest))
    }
}
