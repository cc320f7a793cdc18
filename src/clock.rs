//! The clock the service is handed: the one place "now" and "today" come from.
//!
//! The procedure core never reads a clock (callers pass `today`); the service reads this one, so
//! the server runs on [`SystemClock`] and a test or a benchmark runs on a [`FixedClock`] it sets
//! and advances — a consultation closing or a deadline passing is then a step of the test, not a
//! property of the day the test happens to run. Statutory dates are China's dates: UTC+8, with no
//! daylight saving.
//!
//! A trait object rather than a generic parameter on `Service`: the service is cloned into every
//! resolver and task, and one virtual call per request costs nothing next to a database write.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};

/// China Standard Time, UTC+8 all year.
pub fn china() -> FixedOffset {
    // 8 h is well inside the ±24 h chrono accepts.
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!("8h is in range"))
}

/// The instant `day` ends in China: when an account valid "until `day`" stops working.
pub fn end_of_day_in_china(day: NaiveDate) -> anyhow::Result<DateTime<Utc>> {
    day.succ_opt()
        .and_then(|next| next.and_hms_opt(0, 0, 0))
        .and_then(|midnight| midnight.and_local_timezone(china()).single())
        .map(|at| at.to_utc())
        .ok_or_else(|| anyhow::anyhow!("{day} has no next day"))
}

/// Where the service reads the time.
pub trait Clock: Send + Sync + 'static {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;

    /// China's date at [`Clock::now`]: the date an act may carry at the latest, and the day
    /// deadlines are judged on.
    fn today(&self) -> NaiveDate {
        self.now().with_timezone(&china()).date_naive()
    }
}

/// The machine's clock: what the server runs on.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still at the instant it was set to until it is set or advanced again.
/// Clones share the instant, so a test keeps one handle and moves the time of the server it
/// handed the other to.
#[derive(Debug, Clone)]
pub struct FixedClock(Arc<Mutex<DateTime<Utc>>>);

impl FixedClock {
    pub fn at(instant: DateTime<FixedOffset>) -> Self {
        Self(Arc::new(Mutex::new(instant.to_utc())))
    }

    /// `date` at `hour`:00 in China. `None` if the hour is not one of the day's.
    pub fn china(date: NaiveDate, hour: u32) -> Option<Self> {
        let local = date.and_hms_opt(hour, 0, 0)?;
        local.and_local_timezone(china()).single().map(Self::at)
    }

    pub fn set(&self, instant: DateTime<FixedOffset>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = instant.to_utc();
    }

    /// Moves the clock to `date` at the same time of day in China.
    pub fn set_date(&self, date: NaiveDate) {
        let mut now = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let time = now.with_timezone(&china()).time();
        if let Some(at) = date.and_time(time).and_local_timezone(china()).single() {
            *now = at.to_utc();
        }
    }

    pub fn advance(&self, by: TimeDelta) {
        let mut now = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *now += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn china_changes_date_at_midnight_utc_plus_8() {
        // 2026-06-14 16:00 UTC is 2026-06-15 00:00 in China.
        let utc_evening = DateTime::parse_from_rfc3339("2026-06-14T16:00:00Z").expect("instant");
        let clock = FixedClock::at(utc_evening);
        assert_eq!(clock.today(), day("2026-06-15"));
        clock.advance(TimeDelta::seconds(-1));
        assert_eq!(clock.today(), day("2026-06-14"));
    }

    #[test]
    fn clones_share_the_instant_and_set_date_keeps_the_time_of_day() {
        let clock = FixedClock::china(day("2026-06-15"), 10).expect("10:00 exists");
        let handle = clock.clone();
        handle.set_date(day("2026-12-20"));
        assert_eq!(clock.today(), day("2026-12-20"));
        assert_eq!(
            clock.now().with_timezone(&china()).to_rfc3339(),
            "2026-12-20T10:00:00+08:00"
        );
        handle.advance(TimeDelta::days(1));
        assert_eq!(clock.today(), day("2026-12-21"));
    }
}
