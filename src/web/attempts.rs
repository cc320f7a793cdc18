//! How often one may try to sign in to the workbench: two keyed GCRA limiters (`governor`), as
//! for the public's writes ([`crate::graphql::PublicWrites`]) and on the same [`Pace`] — one per
//! client address (an office behind one NAT signs in together), one per account as typed (a
//! guesser who moves from address to address still gets a handful of guesses an hour).
//!
//! Every attempt is counted, before the password is checked: counting only failures would need
//! the verdict first, which costs the hash an attacker wants the server to spend, and a person
//! signs in a few times a day. The cost is that a guesser can keep one account's owner waiting;
//! the account's id and its name are two keys, so the owner may still sign in by the other.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use governor::clock::Clock as _;
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::DashMapStateStore;
use governor::{Quota, RateLimiter};

use crate::graphql::Pace;

type Keyed<K> = RateLimiter<K, DashMapStateStore<K>, Pace, NoOpMiddleware<Nanos>>;

/// Per account: five at once, then one every two minutes (30 an hour).
const PER_ACCOUNT_BURST: u32 = 5;
const PER_ACCOUNT_PER_HOUR: u32 = 30;
/// Per address: twenty at once, then ten a minute.
const PER_ADDRESS_BURST: u32 = 20;
const PER_ADDRESS_PER_MINUTE: u32 = 10;

/// As for the public's writes: the tables are swept of refilled keys now and then.
const SWEEP_EVERY: u64 = 1024;

/// The longest an account's name or id may be to count as a key of its own; longer logins share
/// one (no account has such a name, and the table must not hold what a client makes up).
const MAX_KEY_CHARS: usize = 100;

/// Which budget was spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spent {
    Address,
    Account,
}

pub struct SignInAttempts {
    pace: Pace,
    by_address: Keyed<IpAddr>,
    by_account: Keyed<String>,
    checks: AtomicU64,
}

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

impl SignInAttempts {
    pub fn new(pace: Pace) -> Self {
        Self {
            by_address: RateLimiter::dashmap_with_clock(
                Quota::per_minute(nz(PER_ADDRESS_PER_MINUTE)).allow_burst(nz(PER_ADDRESS_BURST)),
                pace.clone(),
            ),
            by_account: RateLimiter::dashmap_with_clock(
                Quota::per_hour(nz(PER_ACCOUNT_PER_HOUR)).allow_burst(nz(PER_ACCOUNT_BURST)),
                pace.clone(),
            ),
            pace,
            checks: AtomicU64::new(0),
        }
    }

    /// Counts one attempt from `client` at `login`; `Err` says which budget is spent and how
    /// long until it has one again. The address is counted first, so that a client out of
    /// attempts spends no account's.
    pub fn spend(&self, client: IpAddr, login: &str) -> Result<(), (Spent, Duration)> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.by_address.retain_recent();
            self.by_account.retain_recent();
        }
        let wait = |not_until: governor::NotUntil<Nanos>| not_until.wait_time_from(self.pace.now());
        self.by_address
            .check_key(&client)
            .map_err(|n| (Spent::Address, wait(n)))?;
        let login = login.trim();
        let key = if login.chars().count() <= MAX_KEY_CHARS {
            login.to_owned()
        } else {
            String::new()
        };
        self.by_account
            .check_key(&key)
            .map_err(|n| (Spent::Account, wait(n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphql::ManualPace;

    #[test]
    fn an_account_has_five_attempts_then_one_every_two_minutes() {
        let clock = ManualPace::default();
        let attempts = SignInAttempts::new(clock.pace());
        let a: IpAddr = [192, 0, 2, 1].into();
        let b: IpAddr = [192, 0, 2, 2].into();
        for _ in 0..PER_ACCOUNT_BURST {
            assert_eq!(attempts.spend(a, "张三"), Ok(()));
        }
        // From another address too: the account's budget is its own.
        assert_eq!(
            attempts.spend(b, "张三"),
            Err((Spent::Account, Duration::from_secs(120)))
        );
        // Another account is not held up.
        assert_eq!(attempts.spend(b, "李四"), Ok(()));
        clock.advance(Duration::from_secs(120));
        assert_eq!(attempts.spend(a, " 张三 "), Ok(()));
    }

    #[test]
    fn an_address_has_twenty_attempts_at_once() {
        let clock = ManualPace::default();
        let attempts = SignInAttempts::new(clock.pace());
        let a: IpAddr = [192, 0, 2, 1].into();
        for i in 0..PER_ADDRESS_BURST {
            assert_eq!(attempts.spend(a, &format!("账号{i}")), Ok(()));
        }
        assert_eq!(
            attempts.spend(a, "又一个账号"),
            Err((Spent::Address, Duration::from_secs(6)))
        );
    }
}
