//! Signing in to the workbench (issue 13): an official's password, kept as its argon2id hash;
//! the session a right password opens, for [`SESSION_HOURS`]; and the one place a session's
//! token becomes a [`Caller`] — where every request sees at once that the account was revoked
//! or expired. The API's bearer tokens stay for systems; single sign-on with the province's
//! identity platform would be another way to reach [`Service::open_session`].
//!
//! Rate limits and cookies are the web layer's: this module never sees an address or a header.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Utc};
use rand::RngCore;

use super::{Caller, Service, ServiceError};
use crate::procedure::Official;
use crate::store::StoreError;

/// How long a session lasts from its sign-in: a working day.
pub const SESSION_HOURS: i64 = 8;

/// The shortest password `account passwd` accepts, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest: far above any passphrase, and a bound on what one attempt makes the server hash.
pub const MAX_PASSWORD_CHARS: usize = 256;

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// The same words for an unknown account, a wrong password, an account without a password
    /// and a revoked or expired one: a guesser learns nothing about which accounts exist.
    #[error("账号或者密码不正确，或者该账号已停用")]
    Refused,
    #[error("密码至少须有{MIN_PASSWORD_CHARS}个字符、至多{MAX_PASSWORD_CHARS}个字符")]
    PasswordLength,
    #[error("未找到账号{0}")]
    NoAccount(String),
    #[error("the password could not be hashed")]
    Hash(#[source] argon2::password_hash::Error),
    #[error("the password hashing task failed")]
    Task(#[source] tokio::task::JoinError),
    #[error("the store failed")]
    Store(#[source] StoreError),
}

impl From<StoreError> for SignInError {
    fn from(e: StoreError) -> Self {
        SignInError::Store(e)
    }
}

/// A session just opened: its token (for the cookie, never stored), whose it is, until when.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub official: Official,
    pub expires_at: DateTime<Utc>,
}

/// The argon2id hash of `password` (the crate's default parameters: 19 MiB, two passes, one
/// lane), as a PHC string with its random salt. Slow by design: call it off the async threads.
pub fn hash_password(password: &str) -> Result<String, SignInError> {
    let n = password.chars().count();
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&n) {
        return Err(SignInError::PasswordLength);
    }
    hash(password)
}

fn hash(password: &str) -> Result<String, SignInError> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(SignInError::Hash)?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(SignInError::Hash)?
        .to_string())
}

/// Whether `password` is the one `stored` was made from. A stored hash that does not parse is
/// no match (and logged: the row was edited outside the engine).
fn verify(stored: &str, password: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(e) => {
            tracing::error!(error = %e, "a stored password hash does not parse");
            false
        }
    }
}

/// A hash no password is checked against but to spend the same time when the account has none
/// (or does not exist), so that the answer's delay does not tell which accounts do.
fn decoy() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash("decoy password, never a real one").unwrap_or_default())
}

/// Sets an account's password (the CLI's `account passwd`, which runs without a server, hence
/// on the store and not on a [`Service`]): hashed here, only the hash kept.
#[tracing::instrument(skip(store, password), err)]
pub async fn set_password(
    store: &crate::store::Store,
    account_id: &str,
    password: String,
) -> Result<(), SignInError> {
    let hashed = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(SignInError::Task)??;
    if store.set_password_hash(account_id, &hashed).await? {
        Ok(())
    } else {
        Err(SignInError::NoAccount(account_id.to_owned()))
    }
}

impl Service {
    /// Signs an official in with the account's id or name and its password, and opens a
    /// session. Every refusal is the same [`SignInError::Refused`]; the log says which it was.
    #[tracing::instrument(skip_all)]
    pub async fn sign_in(&self, login: &str, password: String) -> Result<SignedIn, SignInError> {
        let found = self.store.credentials(login.trim()).await?;
        let stored = found.as_ref().and_then(|c| c.password_hash.clone());
        let matches = {
            let stored = stored.unwrap_or_else(|| decoy().to_owned());
            tokio::task::spawn_blocking(move || verify(&stored, &password))
                .await
                .map_err(SignInError::Task)?
        };
        let now = self.now();
        let Some(c) = found else {
            tracing::warn!("sign-in refused: no such account");
            return Err(SignInError::Refused);
        };
        let id = c.account.official.id.clone();
        if c.password_hash.is_none() {
            tracing::warn!(account = %id, "sign-in refused: the account has no password");
            return Err(SignInError::Refused);
        }
        if !matches {
            tracing::warn!(account = %id, "sign-in refused: wrong password");
            return Err(SignInError::Refused);
        }
        if !c.account.is_active(now) {
            tracing::warn!(account = %id, "sign-in refused: the account is revoked or expired");
            return Err(SignInError::Refused);
        }
        self.open_session(c.account.official, now).await
    }

    /// Opens a session for an official whose identity was proven (by a password today).
    async fn open_session(
        &self,
        official: Official,
        now: DateTime<Utc>,
    ) -> Result<SignedIn, SignInError> {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let token = hex::encode(bytes);
        let expires_at = now + chrono::Duration::hours(SESSION_HOURS);
        self.store
            .add_session(&token, &official.id, now, expires_at)
            .await?;
        tracing::info!(account = %official.id, "signed in");
        Ok(SignedIn {
            token,
            official,
            expires_at,
        })
    }

    /// Ends the session of `token`, if it is one.
    #[tracing::instrument(skip_all, err)]
    pub async fn sign_out(&self, token: &str) -> Result<(), ServiceError> {
        if self.store.delete_session(token).await? {
            tracing::info!("signed out");
        }
        Ok(())
    }

    /// The official a session's token stands for, checked on every request: a session of no
    /// row, past its end, or of an account revoked or expired since is refused at once.
    pub async fn session_caller(&self, token: &str) -> Result<Caller, ServiceError> {
        let now = self.now();
        let Some(s) = self.store.session(token).await? else {
            return Err(ServiceError::Unauthenticated);
        };
        if s.expires_at <= now {
            return Err(ServiceError::Unauthenticated);
        }
        match self.store.account(&s.account_id).await? {
            Some(a) if a.is_active(now) => Ok(Caller::Official(a.official)),
            _ => Err(ServiceError::Unauthenticated),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let h = hash_password("正确的密码abc123").expect("hashed");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify(&h, "正确的密码abc123"));
        assert!(!verify(&h, "正确的密码abc124"));
        // The salt is random: the same password hashes differently.
        assert_ne!(h, hash_password("正确的密码abc123").expect("hashed"));
    }

    #[test]
    fn a_password_too_short_or_too_long_is_refused() {
        assert!(matches!(
            hash_password("short"),
            Err(SignInError::PasswordLength)
        ));
        assert!(matches!(
            hash_password(&"长".repeat(MAX_PASSWORD_CHARS + 1)),
            Err(SignInError::PasswordLength)
        ));
        assert!(hash_password(&"长".repeat(MIN_PASSWORD_CHARS)).is_ok());
    }

    #[test]
    fn a_hash_that_does_not_parse_matches_nothing() {
        assert!(!verify("not a phc string", ""));
        assert!(!verify(decoy(), ""));
    }
}
