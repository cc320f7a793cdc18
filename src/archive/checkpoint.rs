//! Checkpoints (Art. 33, 39): the heads of every chain at one moment, signed with the operator's
//! ed25519 key. A chain whose events were rewritten consistently, every hash recomputed, passes
//! its own check; it no longer reaches the head a checkpoint kept elsewhere recorded.
//!
//! What is signed is the body's bytes exactly (JSON); the exported file carries them as a string
//! beside the public key and the signature, so that nothing is re-serialized before checking.

use chrono::{DateTime, Utc};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// The checkpoint format this engine writes and reads.
pub const FORMAT: &str = "decision-engine-checkpoint/1";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    #[error("检查点密钥文件应为64位十六进制数字（32字节种子）")]
    BadKey,
    #[error("检查点文件无法读取：{0}")]
    Unreadable(String),
    #[error("检查点的签名无效（检查点被修改，或者不是所给公钥签署的）")]
    BadSignature,
    #[error("公钥应为64位十六进制数字")]
    BadPublicKey,
}

/// One chain's head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    /// `decision` or `catalogue`.
    pub stream: String,
    pub id: String,
    /// How many events the chain had.
    pub count: i64,
    /// The hash of its last event.
    pub hash: String,
}

/// What is signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub format: String,
    pub made_at: DateTime<Utc>,
    pub heads: Vec<Head>,
    /// The SHA-256 over every head in order: one value to write down or publish.
    pub root: String,
}

/// A checkpoint as stored and exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signed {
    /// Its number in the database that made it.
    pub id: i64,
    /// The signed JSON, byte for byte.
    pub body: String,
    pub public_key: String,
    pub signature: String,
}

fn root(heads: &[Head]) -> String {
    let mut h = Sha256::new();
    for head in heads {
        for part in [
            head.stream.as_str(),
            head.id.as_str(),
            &head.count.to_string(),
            head.hash.as_str(),
        ] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
    }
    hex::encode(h.finalize())
}

/// The operator's key, from its file: the 32-byte seed in hexadecimal.
pub fn parse_key(text: &str) -> Result<SigningKey, CheckpointError> {
    let bytes: [u8; 32] = hex::decode(text.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(CheckpointError::BadKey)?;
    Ok(SigningKey::from_bytes(&bytes))
}

/// A new key's file contents.
pub fn new_key() -> (String, String) {
    let seed: [u8; 32] = rand::random();
    let key = SigningKey::from_bytes(&seed);
    (
        hex::encode(seed),
        hex::encode(key.verifying_key().to_bytes()),
    )
}

/// Signs the heads as of `made_at`. The returned checkpoint's id is 0 until stored.
pub fn sign(
    key: &SigningKey,
    made_at: DateTime<Utc>,
    heads: Vec<Head>,
) -> Result<Signed, serde_json::Error> {
    let body = serde_json::to_string(&Body {
        format: FORMAT.into(),
        made_at,
        root: root(&heads),
        heads,
    })?;
    let signature = key.sign(body.as_bytes());
    Ok(Signed {
        id: 0,
        public_key: hex::encode(key.verifying_key().to_bytes()),
        signature: hex::encode(signature.to_bytes()),
        body,
    })
}

impl Signed {
    /// The body, if the signature holds under `trusted` (the operator's public key, kept apart
    /// from the database), or else under the key the checkpoint names.
    pub fn open(&self, trusted: Option<&str>) -> Result<Body, CheckpointError> {
        let key_hex = trusted.unwrap_or(&self.public_key);
        let key: [u8; 32] = hex::decode(key_hex.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(CheckpointError::BadPublicKey)?;
        let key = VerifyingKey::from_bytes(&key).map_err(|_| CheckpointError::BadPublicKey)?;
        let signature = hex::decode(&self.signature)
            .ok()
            .and_then(|b| ed25519_dalek::Signature::try_from(b.as_slice()).ok())
            .ok_or(CheckpointError::BadSignature)?;
        key.verify_strict(self.body.as_bytes(), &signature)
            .map_err(|_| CheckpointError::BadSignature)?;
        let body: Body = serde_json::from_str(&self.body)
            .map_err(|e| CheckpointError::Unreadable(e.to_string()))?;
        if body.format != FORMAT || body.root != root(&body.heads) {
            return Err(CheckpointError::Unreadable("格式或者根摘要不符".into()));
        }
        Ok(body)
    }
}

/// Whether each chain the checkpoint names still reaches its head: `hash_at(head)` is `None`
/// when the chain is not there at all, else the hash of its event at the head's count, if it
/// has one. The findings, one per chain that no longer reaches its head. `only_present` limits
/// the check to the chains present (a package holds some decisions, not all).
pub fn compare(
    body: &Body,
    hash_at: &dyn Fn(&Head) -> Option<Option<String>>,
    only_present: bool,
) -> Vec<String> {
    let mut findings = Vec::new();
    for head in &body.heads {
        let what = match head.stream.as_str() {
            "catalogue" => "年度目录",
            _ => "决策",
        };
        let Some(at) = hash_at(head) else {
            if !only_present {
                findings.push(format!(
                    "{what} {}：检查点（{}）时有{}个事件，现已不存在（被删除）",
                    head.id, body.made_at, head.count
                ));
            }
            continue;
        };
        if head.count > 0 && at.as_ref() != Some(&head.hash) {
            findings.push(format!(
                "{what} {}：第{}个事件与检查点（{}）所载不符（哈希链被改写或者截短）",
                head.id, head.count, body.made_at
            ));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads() -> Vec<Head> {
        vec![Head {
            stream: "decision".into(),
            id: "d1".into(),
            count: 2,
            hash: "b".into(),
        }]
    }

    #[test]
    fn a_signed_checkpoint_opens_only_unaltered_and_under_its_key() {
        let (seed, public) = new_key();
        let key = parse_key(&seed).expect("key");
        let signed = sign(&key, DateTime::UNIX_EPOCH, heads()).expect("signed");
        assert_eq!(signed.public_key, public);
        assert_eq!(signed.open(Some(&public)).expect("opens").heads, heads());
        let altered = Signed {
            body: signed.body.replace("\"count\":2", "\"count\":1"),
            ..signed.clone()
        };
        assert_eq!(
            altered.open(Some(&public)),
            Err(CheckpointError::BadSignature)
        );
        let (_, other) = new_key();
        assert_eq!(
            signed.open(Some(&other)),
            Err(CheckpointError::BadSignature)
        );
    }

    #[test]
    fn a_chain_that_no_longer_reaches_its_head_is_named() {
        let body = Body {
            format: FORMAT.into(),
            made_at: DateTime::UNIX_EPOCH,
            root: root(&heads()),
            heads: heads(),
        };
        let chain = |hashes: &'static [&'static str]| {
            move |h: &Head| Some(hashes.get(h.count as usize - 1).map(|s| (*s).to_owned()))
        };
        // Grown since: still passes through its head.
        assert!(compare(&body, &chain(&["a", "b", "c"]), false).is_empty());
        // Rewritten, or cut short.
        assert_eq!(compare(&body, &chain(&["a", "x"]), false).len(), 1);
        assert_eq!(compare(&body, &chain(&["a"]), false).len(), 1);
        // Gone: a finding, unless only the chains present are checked.
        assert_eq!(compare(&body, &|_| None, false).len(), 1);
        assert!(compare(&body, &|_| None, true).is_empty());
    }
}
