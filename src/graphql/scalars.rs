//! `Date`: an ISO `YYYY-MM-DD` calendar date, the date an act took place; and `Month`, a
//! catalogue item's planned month, `YYYY-MM`, read as strictly.
//!
//! Strict on purpose. chrono's `%Y-%m-%d` reads "2026-1-5" and "+2026-01-05" and any year from
//! -262144 on; a date the official did not quite mean to type would then be recorded as the date
//! of a statutory act. Only exactly four digits, a dash, two digits, a dash and two digits that
//! name a real day are read, and only in 2000–2099: the engine records acts of this century (the
//! Regulation itself dates from 2019), so a year outside it is a typing error, not a date. How
//! far back an act may be back-dated within that range is the procedure's question (its profile),
//! not the syntax's.
//!
//! A refusal carries `extensions.code = "INVALID_INPUT"` itself, because async-graphql reports a
//! scalar that does not parse before any resolver runs, outside the one place resolver errors are
//! mapped; the error-code extension in `graphql/mod.rs` then makes its message the Chinese one.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::{Datelike, NaiveDate};

use super::INVALID_INPUT_REASON;
use crate::procedure::catalogue::YearMonth;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub NaiveDate);

/// The years a date may name.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

/// Why a string is not a `Date`, in the words of the message the client reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("日期应为YYYY-MM-DD格式（如2026-01-05），收到“{0}”")]
    Format(String),
    #[error("日期“{0}”不存在")]
    NoSuchDay(String),
    #[error("日期“{0}”的年份应在2000年至2099年之间")]
    OutOfRange(String),
    #[error("日期应为YYYY-MM-DD格式的字符串，收到{0}")]
    NotAString(String),
}

/// Reads `YYYY-MM-DD` and nothing else.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let shaped = b.len() == 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10);
    if !shaped {
        // Echo at most a short prefix: the message should not carry a megabyte back.
        return Err(DateError::Format(s.chars().take(20).collect()));
    }
    // The shape guarantees ASCII digits, so these parses and the slicing cannot fail; they are
    // still answered as a format error rather than unwrapped.
    let number = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return Err(DateError::Format(s.to_owned()));
    };
    let date = i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .ok_or_else(|| DateError::NoSuchDay(s.to_owned()))?;
    if !YEARS.contains(&date.year()) {
        return Err(DateError::OutOfRange(s.to_owned()));
    }
    Ok(date)
}

fn refusal(e: DateError) -> InputValueError<Date> {
    let reason = e.to_string();
    InputValueError::custom(&reason)
        .with_extension("code", "INVALID_INPUT")
        .with_extension(INVALID_INPUT_REASON, reason)
}

/// A calendar date written exactly `YYYY-MM-DD` (e.g. `2026-01-05`), a real day in the years
/// 2000–2099. Anything else is refused with `INVALID_INPUT`.
#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => parse_date(s).map(Date).map_err(refusal),
            other => Err(refusal(DateError::NotAString(
                other.to_string().chars().take(20).collect(),
            ))),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

/// A month written exactly `YYYY-MM` (e.g. `2026-09`) in 2000–2099: a catalogue item's planned
/// decision time (计划决策时间). Anything else is refused with `INVALID_INPUT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month(pub YearMonth);

#[Scalar(name = "Month")]
impl ScalarType for Month {
    fn parse(value: Value) -> InputValueResult<Self> {
        let refused = |shown: &str| {
            let reason = format!(
                "计划决策时间应为YYYY-MM格式（如2026-09），收到“{}”",
                shown.chars().take(20).collect::<String>()
            );
            InputValueError::custom(&reason)
                .with_extension("code", "INVALID_INPUT")
                .with_extension(INVALID_INPUT_REASON, reason)
        };
        let Value::String(s) = &value else {
            return Err(refused(&value.to_string()));
        };
        let b = s.as_bytes();
        let shaped = b.len() == 7
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && b[5..].iter().all(u8::is_ascii_digit);
        match YearMonth::parse(s) {
            Ok(m) if shaped && YEARS.contains(&m.year()) => Ok(Month(m)),
            _ => Err(refused(s)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Self {
        Date(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_iso_date_of_this_century_is_read() {
        assert_eq!(
            parse_date("2026-01-05"),
            Ok(NaiveDate::from_ymd_opt(2026, 1, 5).expect("a real day"))
        );
        assert!(parse_date("2000-01-01").is_ok());
        assert!(parse_date("2099-12-31").is_ok());
        assert!(parse_date("2028-02-29").is_ok());
    }

    #[test]
    fn anything_but_four_two_and_two_digits_is_refused() {
        for s in [
            "2026-1-5",
            "2026-01-5",
            "+2026-01-05",
            "02026-01-05",
            "2026/01/05",
            "2026-01-05 ",
            " 2026-01-05",
            "2026-01-05T00:00:00",
            "20260105",
            "２０２６-01-05",
            "2026-0１-05",
            "",
            "-005-01-01",
        ] {
            assert!(
                matches!(parse_date(s), Err(DateError::Format(_))),
                "{s:?}: {:?}",
                parse_date(s)
            );
        }
    }

    #[test]
    fn a_day_that_does_not_exist_is_refused() {
        for s in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-01-00",
        ] {
            assert_eq!(parse_date(s), Err(DateError::NoSuchDay(s.into())));
        }
    }

    #[test]
    fn a_year_outside_2000_to_2099_is_refused() {
        for s in [
            "0000-01-01",
            "1900-01-01",
            "1999-12-31",
            "2100-01-01",
            "9999-12-31",
        ] {
            assert_eq!(parse_date(s), Err(DateError::OutOfRange(s.into())));
        }
    }

    #[test]
    fn a_long_string_is_not_echoed_whole() {
        let long = "2".repeat(100_000);
        let message = parse_date(&long).expect_err("not a date").to_string();
        assert!(message.chars().count() < 60, "{message}");
    }
}
