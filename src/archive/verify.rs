//! `decision-engine verify FILE.zip`: the package checked with no database — every decision's
//! chain of events and of messages recomputed and its record replayed as the server does
//! ([`RecordRows::verify`]), every material hashed against the digest its event recorded, every
//! file against the manifest.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use sha2::{Digest as _, Sha256};

use super::{FORMAT, Manifest, material_path};
use crate::store::{Break, RecordRows};

/// What is wrong with a package, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Finding {
    #[error("归档文件无法读取：{0}")]
    Unreadable(String),
    #[error("缺少文件 {path}")]
    Missing { path: String },
    #[error("决策 {decision}：{path} 第{line}行无法读取（被修改）")]
    BadLine {
        decision: String,
        path: String,
        line: usize,
    },
    #[error("决策 {decision}：{found}")]
    Record { decision: String, found: Break },
    #[error("决策 {decision}：清单所载链头与过程记录不符")]
    Head { decision: String },
    #[error("决策 {decision}：第{number}份材料“{name}”{why}")]
    Material {
        decision: String,
        number: u32,
        name: String,
        why: &'static str,
    },
    #[error("文件 {path} 与清单所载摘要不符（被修改）")]
    File { path: String },
    #[error("文件 {path} 未列入清单（被加入）")]
    Unlisted { path: String },
}

/// What `verify` found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub decisions: usize,
    pub events: usize,
    pub materials: usize,
    /// Each decision's event hashes in order, as the package has them: what a checkpoint is
    /// compared with.
    pub chains: std::collections::HashMap<String, Vec<String>>,
    pub findings: Vec<Finding>,
}

type Zip = zip::ZipArchive<BufReader<File>>;

fn digest(zip: &mut Zip, path: &str) -> Result<Option<String>, Finding> {
    let mut entry = match zip.by_name(path) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(Finding::Unreadable(format!("{path}：{e}"))),
    };
    let mut hasher = Sha256::new();
    let mut buf = vec![0; 1 << 16];
    loop {
        let n = entry
            .read(&mut buf)
            .map_err(|e| Finding::Unreadable(format!("{path}：{e}")))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(Some(hex::encode(hasher.finalize())))
}

/// The rows of one JSON document per line.
fn lines<T: serde::de::DeserializeOwned>(
    zip: &mut Zip,
    decision: &str,
    path: String,
) -> Result<Vec<T>, Finding> {
    let entry = zip
        .by_name(&path)
        .map_err(|_| Finding::Missing { path: path.clone() })?;
    let mut rows = Vec::new();
    for (i, line) in BufReader::new(entry).lines().enumerate() {
        let bad = || Finding::BadLine {
            decision: decision.to_owned(),
            path: path.clone(),
            line: i + 1,
        };
        let line = line.map_err(|_| bad())?;
        rows.push(serde_json::from_str(&line).map_err(|_| bad())?);
    }
    Ok(rows)
}

/// Checks the package at `path`; the report lists every finding, the first first.
pub fn verify_file(path: &Path, progress: &dyn Fn(usize, usize)) -> Report {
    let mut report = Report::default();
    let opened = File::open(path)
        .map_err(|e| e.to_string())
        .and_then(|f| zip::ZipArchive::new(BufReader::new(f)).map_err(|e| e.to_string()));
    let mut zip = match opened {
        Ok(z) => z,
        Err(e) => {
            report.findings.push(Finding::Unreadable(e));
            return report;
        }
    };
    let manifest: Manifest = match zip
        .by_name("manifest.json")
        .map_err(|e| e.to_string())
        .and_then(|m| serde_json::from_reader(m).map_err(|e| e.to_string()))
    {
        Ok(m) => m,
        Err(e) => {
            report
                .findings
                .push(Finding::Unreadable(format!("manifest.json：{e}")));
            return report;
        }
    };
    if manifest.format != FORMAT {
        report.findings.push(Finding::Unreadable(format!(
            "格式“{}”不是本程序所写的“{FORMAT}”",
            manifest.format
        )));
        return report;
    }
    let total = manifest.decisions.len();
    for (i, entry) in manifest.decisions.iter().enumerate() {
        progress(i, total);
        report.decisions += 1;
        if let Err(f) = decision(&mut zip, entry, &mut report) {
            report.findings.push(f);
        }
    }
    progress(total, total);
    // Every file as the manifest lists it, and nothing else.
    let listed: BTreeSet<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    for f in &manifest.files {
        match digest(&mut zip, &f.path) {
            Ok(Some(d)) if d == f.sha256 => {}
            Ok(Some(_)) => report.findings.push(Finding::File {
                path: f.path.clone(),
            }),
            Ok(None) => report.findings.push(Finding::Missing {
                path: f.path.clone(),
            }),
            Err(e) => report.findings.push(e),
        }
    }
    let mut names = Vec::new();
    for i in 0..zip.len() {
        match zip
            .by_index_raw(i)
            .and_then(|entry| entry.name().map(|n| n.into_owned()))
        {
            Ok(name) => names.push(name),
            Err(e) => report.findings.push(Finding::Unreadable(e.to_string())),
        }
    }
    for name in names {
        if name != "manifest.json" && !listed.contains(name.as_str()) && !name.ends_with('/') {
            report.findings.push(Finding::Unlisted { path: name });
        }
    }
    report
}

fn decision(
    zip: &mut Zip,
    entry: &super::DecisionEntry,
    report: &mut Report,
) -> Result<(), Finding> {
    let id = entry.id.clone();
    let p = &entry.prefix;
    let row_path = format!("{p}decision.json");
    let row = zip
        .by_name(&row_path)
        .map_err(|_| Finding::Missing {
            path: row_path.clone(),
        })
        .and_then(|r| {
            serde_json::from_reader(r).map_err(|_| Finding::BadLine {
                decision: id.clone(),
                path: row_path.clone(),
                line: 1,
            })
        })?;
    let rows = RecordRows {
        decision: row,
        events: lines(zip, &id, format!("{p}events.jsonl"))?,
        messages: lines(zip, &id, format!("{p}messages.jsonl"))?,
    };
    report.events += rows.events.len();
    report.chains.insert(
        id.clone(),
        rows.events.iter().map(|e| e.hash.clone()).collect(),
    );
    if let Some(found) = rows.verify() {
        return Err(Finding::Record {
            decision: id,
            found,
        });
    }
    if entry.head_hash != rows.decision.last_hash || entry.event_count != rows.decision.event_count
    {
        return Err(Finding::Head { decision: id });
    }
    // The record is its history's: its materials are the ones the chained events name.
    let stored = rows
        .stored()
        .map_err(|e| Finding::Unreadable(e.to_string()))?;
    for m in &stored.materials {
        report.materials += 1;
        let path = format!("{p}{}", material_path(m));
        let why = match digest(zip, &path)? {
            None => Some("缺失"),
            Some(d) if d != m.sha256.as_str() => Some("的内容与过程记录所载摘要不符（被修改）"),
            Some(_) => None,
        };
        if let Some(why) = why {
            return Err(Finding::Material {
                decision: id,
                number: m.number,
                name: m.name.to_string(),
                why,
            });
        }
    }
    Ok(())
}
