//! The archive package as a use case: who may take a decision's package out, and writing it —
//! rows, pages and every material streamed from the material store into the ZIP — on a blocking
//! thread, so that a large package never stalls the server's request threads.

use std::io::Write;

use futures_util::StreamExt;

use super::{Caller, Service, ServiceError};
use crate::archive::checkpoint::{self, Signed};
use crate::archive::{self, ArchiveError, Manifest};
use crate::procedure::{Sight, Stage};

impl From<ArchiveError> for ServiceError {
    fn from(e: ArchiveError) -> Self {
        ServiceError::Archive(e)
    }
}

impl Service {
    /// One decision's package, written to `out`, for an official whose post covers its record.
    pub async fn export_decision(
        &self,
        caller: &Caller,
        id: &str,
        out: std::fs::File,
    ) -> Result<(std::fs::File, Manifest), ServiceError> {
        let seen = self.decision(caller, id).await?;
        if seen.sight != Sight::Record {
            return Err(ServiceError::NotFound("该决策"));
        }
        self.write_archive(vec![id.to_owned()], None, out).await
    }

    /// The package of every decision archived in `year` (of `organ`, if named), for transfer to
    /// the archives: the operator's, from the command line.
    pub async fn export_year(
        &self,
        year: i32,
        organ: Option<&str>,
        out: std::fs::File,
    ) -> Result<(std::fs::File, Manifest), ServiceError> {
        let mut ids = Vec::new();
        for id in self
            .store
            .decision_ids(Some(Stage::Archived), organ)
            .await?
        {
            let archived = self
                .store
                .load(&id)
                .await?
                .and_then(|l| l.decision.archived_on);
            if archived.is_some_and(|on| chrono::Datelike::year(&on) == year) {
                ids.push(id);
            }
        }
        self.write_archive(ids, Some(year), out).await
    }

    /// The package of these decisions, for the operator (`decision-engine export`), who holds
    /// the database and so every record.
    pub async fn export_decisions(
        &self,
        ids: Vec<String>,
        out: std::fs::File,
    ) -> Result<(std::fs::File, Manifest), ServiceError> {
        self.write_archive(ids, None, out).await
    }

    async fn write_archive(
        &self,
        ids: Vec<String>,
        year: Option<i32>,
        out: std::fs::File,
    ) -> Result<(std::fs::File, Manifest), ServiceError> {
        let service = self.clone();
        let runtime = tokio::runtime::Handle::current();
        // Several decisions each have a folder; one alone is at the root.
        let folders = year.is_some() || ids.len() > 1;
        tokio::task::spawn_blocking(move || {
            let mut w = archive::Writer::new(out, year, service.now());
            for id in ids {
                let rows = runtime
                    .block_on(service.store.record_rows(&id))?
                    .ok_or(ServiceError::NotFound("该决策"))?;
                let d = rows.stored()?;
                let prefix = if folders {
                    format!("{id}/")
                } else {
                    String::new()
                };
                w.decision(&prefix, &rows, &d)?;
                let blobs = match (d.materials.is_empty(), service.store.blobs()) {
                    (true, _) => continue,
                    (false, Some(b)) => b.clone(),
                    (false, None) => return Err(super::MaterialRefusal::NoStorage.into()),
                };
                for m in &d.materials {
                    let mut chunks = runtime
                        .block_on(blobs.get(&m.sha256))?
                        .ok_or(ServiceError::NotFound("材料的文件"))?;
                    let mut f = w.file(format!("{prefix}{}", archive::material_path(m)), false)?;
                    while let Some(chunk) = runtime.block_on(chunks.next()) {
                        f.write_all(&chunk?).map_err(ArchiveError::from)?;
                    }
                    f.finish();
                }
            }
            Ok(w.finish()?)
        })
        .await
        .map_err(|e| ServiceError::Invalid(format!("归档导出中断：{e}")))?
    }
}

/// What a verification of the whole database found.
#[derive(Debug, Default)]
pub struct DatabaseReport {
    pub decisions: usize,
    pub catalogues: usize,
    pub events: usize,
    pub materials: usize,
    /// Each broken record, with the first place it breaks.
    pub findings: Vec<String>,
}

impl Service {
    /// Recomputes every decision's chains and replay, every material's hash and every
    /// catalogue's chain (`decision-engine verify`), telling `progress` how far it got.
    pub async fn verify_database(
        &self,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<DatabaseReport, ServiceError> {
        let mut report = DatabaseReport::default();
        let ids = self.store.decision_ids(None, None).await?;
        let catalogues = self.store.catalogue_ids().await?;
        let total = ids.len() + catalogues.len();
        for (i, id) in ids.iter().enumerate() {
            progress(i, total);
            report.decisions += 1;
            let Some(rows) = self.store.record_rows(id).await? else {
                continue;
            };
            report.events += rows.events.len();
            if let Some(found) = rows.verify() {
                report.findings.push(format!("决策 {id}：{found}"));
                continue;
            }
            let d = rows.stored()?;
            for m in &d.materials {
                report.materials += 1;
                let why = match self.material_digest(&m.sha256).await? {
                    None => Some("缺失"),
                    Some(found) if found != m.sha256 => {
                        Some("的内容与过程记录所载摘要不符（被修改）")
                    }
                    Some(_) => None,
                };
                if let Some(why) = why {
                    report.findings.push(format!(
                        "决策 {id}：第{}份材料“{}”{why}",
                        m.number,
                        m.name.as_str()
                    ));
                    break;
                }
            }
        }
        for (i, id) in catalogues.iter().enumerate() {
            progress(ids.len() + i, total);
            report.catalogues += 1;
            if let Some(seq) = self.store.verify_catalogue(id).await? {
                report.findings.push(format!(
                    "年度目录 {id}：第{seq}个事件与哈希链不符（被修改、删除或者插入）"
                ));
            }
        }
        progress(total, total);
        Ok(report)
    }

    /// The SHA-256 of the bytes stored under `digest`, recomputed; `None` if nothing is there.
    async fn material_digest(
        &self,
        digest: &crate::procedure::Digest,
    ) -> Result<Option<crate::procedure::Digest>, ServiceError> {
        use sha2::Digest as _;
        let blobs = self
            .store
            .blobs()
            .ok_or(super::MaterialRefusal::NoStorage)?;
        let Some(mut chunks) = blobs.get(digest).await? else {
            return Ok(None);
        };
        let mut hasher = sha2::Sha256::new();
        while let Some(chunk) = chunks.next().await {
            hasher.update(&chunk?);
        }
        Ok(Some(crate::procedure::Digest::of_bytes(
            &hasher.finalize().into(),
        )))
    }
}

impl Service {
    /// Signs the heads of every chain as they stand now, and keeps the checkpoint.
    pub async fn make_checkpoint(
        &self,
        key: &ed25519_dalek::SigningKey,
    ) -> Result<Signed, ServiceError> {
        let heads = self.store.chain_heads().await?;
        let made_at = self.now();
        let mut signed = checkpoint::sign(key, made_at, heads)
            .map_err(|e| ServiceError::Archive(ArchiveError::Json(e)))?;
        signed.id = self.store.save_checkpoint(made_at, &signed).await?;
        Ok(signed)
    }

    /// A stored checkpoint (the latest if no number is given), to keep elsewhere.
    pub async fn checkpoint(&self, id: Option<i64>) -> Result<Signed, ServiceError> {
        self.store
            .checkpoint(id)
            .await?
            .ok_or(ServiceError::NotFound("检查点"))
    }

    /// Whether every chain still reaches the head `body` recorded: one finding per chain that
    /// does not (rewritten, cut short, or deleted).
    pub async fn compare_with_checkpoint(
        &self,
        body: &checkpoint::Body,
    ) -> Result<Vec<String>, ServiceError> {
        let mut found = std::collections::HashMap::new();
        for head in &body.heads {
            found.insert(
                (head.stream.clone(), head.id.clone()),
                self.store.event_hash_at(head).await?,
            );
        }
        Ok(checkpoint::compare(
            body,
            &|h| {
                found
                    .get(&(h.stream.clone(), h.id.clone()))
                    .cloned()
                    .flatten()
            },
            false,
        ))
    }
}
