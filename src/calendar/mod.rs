//! THE WORKING-DAY CALENDAR: which days are working days in China, and how statutory periods are
//! counted.
//!
//! The statute counts time in calendar days ("N日": the 30-day consultation, the 7-day hearing
//! materials, the 30-day filing) and in working days ("N个工作日": the 7 working days of legality
//! review). A working day is Monday–Friday, minus the statutory days off, plus the weekend make-up
//! workdays (调休上班日) that the State Council General Office announces each year. This module
//! holds that data — read from `config/calendar.toml`, one table per year with the notice it comes
//! from, optionally merged with local override files — and answers the questions every deadline
//! needs: is this a working day, how many working days lie between two dates, which is the n-th
//! working day after a date, and where a calendar-day period ends under 《民法典》 Art. 201 (the
//! start day is not counted) and Art. 203 (a period whose last day is a rest day ends on the next
//! working day).
//!
//! A computation that reaches a year the data does not cover is refused with
//! [`CalendarError::MissingYear`], never guessed. [`Calendar::version`] identifies the data in
//! force, so a stored deadline can record which calendar computed it.
//!
//! Pure: no I/O, no clock, no database, no GraphQL. Callers read the files and pass their text.

mod data;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use sha2::{Digest, Sha256};
use thiserror::Error;

use data::YearData;

/// The calendar data shipped with the engine (`config/calendar.toml`).
pub const EMBEDDED_DATA: &str = include_str!("../../config/calendar.toml");

static EMBEDDED: LazyLock<Calendar> = LazyLock::new(|| {
    // Cannot fail: the text is fixed at compile time and the unit test
    // `embedded_data_parses` parses exactly this text, so a broken file fails the build's tests.
    Calendar::parse(EMBEDDED_DATA).expect("config/calendar.toml is valid (checked by a unit test)")
});

/// Why the calendar refused data or a computation. Messages are in Chinese, for the operator or
/// the user; lines are 1-based lines of the text being parsed or merged.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CalendarError {
    /// The text is not valid TOML, or does not have the expected shape.
    #[error("日历数据{}格式有误（技术细节：{detail}）", at_line(*.line))]
    Syntax { line: Option<usize>, detail: String },
    /// A value is present but unusable (not a year, not a date, a range backwards, …).
    #[error("日历数据第{line}行有误：{reason}")]
    Invalid { line: usize, reason: String },
    /// A make-up workday that is not a Saturday or Sunday.
    #[error(
        "日历数据第{line}行有误：调休上班日 {date} 是{weekday}，调休上班日只能是星期六或星期日"
    )]
    MakeupNotWeekend {
        line: usize,
        date: NaiveDate,
        weekday: &'static str,
    },
    /// A date listed under a year it does not belong to.
    #[error("日历数据第{line}行有误：日期 {date} 不在{year}年内，不能列入{year}年的安排")]
    DateOutsideYear {
        line: usize,
        date: NaiveDate,
        year: i32,
    },
    /// A date listed both as a day off and as a make-up workday.
    #[error("日历数据第{line}行有误：{date} 既被列为放假日又被列为调休上班日（另见{other}）")]
    OffAndMakeup {
        line: usize,
        date: NaiveDate,
        other: String,
    },
    /// A computation reached a year the data does not cover.
    #[error(
        "{year}年的法定节假日安排尚未录入日历数据，无法计算工作日；请在日历数据文件中补充该年度国务院办公厅通知"
    )]
    MissingYear { year: i32 },
    /// A computation left the range of representable dates.
    #[error("日期 {date} 之后第 {days} 天超出可计算的日期范围")]
    OutOfRange { date: NaiveDate, days: u64 },
}

fn at_line(line: Option<usize>) -> String {
    line.map_or_else(String::new, |l| format!("第{l}行"))
}

impl CalendarError {
    /// The line of the data text the error points at, if it is about the data.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Syntax { line, .. } => *line,
            Self::Invalid { line, .. }
            | Self::MakeupNotWeekend { line, .. }
            | Self::DateOutsideYear { line, .. }
            | Self::OffAndMakeup { line, .. } => Some(*line),
            Self::MissingYear { .. } | Self::OutOfRange { .. } => None,
        }
    }
}

/// What the calendar holds for one year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearInfo {
    pub year: i32,
    /// The State Council General Office notice the year rests on (title, number when known,
    /// publication date), followed by any local adjustment merged from an override file.
    pub source: String,
    /// Number of working days in the year.
    pub working_days: u32,
    /// Whether an override file changed the national arrangement of this year.
    pub locally_adjusted: bool,
}

/// The end of a calendar-day period (《民法典》 Art. 201, 203).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodEnd {
    /// Start + days: the start day itself is not counted (Art. 201).
    pub nominal: NaiveDate,
    /// The nominal end, or the next working day if the nominal end is a rest day (Art. 203).
    pub effective: NaiveDate,
    /// Whether Art. 203 moved the end (`effective != nominal`).
    pub extended: bool,
}

#[derive(Clone, Debug)]
struct Year {
    data: YearData,
    /// Working-day flag of each day of the year, indexed by `ordinal0`.
    working: Vec<bool>,
    working_days: u32,
}

impl Year {
    fn build(year: i32, data: YearData) -> Result<Self, CalendarError> {
        data::check_conflicts(&data)?;
        let first =
            NaiveDate::from_ymd_opt(year, 1, 1).ok_or(CalendarError::MissingYear { year })?;
        let mut working: Vec<bool> = first
            .iter_days()
            .take_while(|d| d.year() == year)
            .map(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            .collect();
        for h in &data.holidays {
            for e in &h.off {
                working[e.date.ordinal0() as usize] = false;
            }
        }
        for h in &data.holidays {
            for e in &h.makeup {
                working[e.date.ordinal0() as usize] = true;
            }
        }
        let working_days = working.iter().filter(|w| **w).count() as u32;
        Ok(Self {
            data,
            working,
            working_days,
        })
    }
}

/// China's working-day calendar over the years its data covers.
#[derive(Clone, Debug)]
pub struct Calendar {
    years: BTreeMap<i32, Year>,
    /// How many texts have been loaded (the base data counts as the first).
    loads: usize,
}

impl Calendar {
    /// Reads calendar data (the format of `config/calendar.toml`): one table per year with its
    /// notice, days off and make-up workdays. Refuses, naming the line, text that is not valid
    /// TOML, a make-up workday that is not a Saturday or Sunday, a date outside its year, or a
    /// date that is both a day off and a make-up workday.
    pub fn parse(text: &str) -> Result<Calendar, CalendarError> {
        Calendar {
            years: BTreeMap::new(),
            loads: 0,
        }
        .load(text)
    }

    /// The calendar shipped with the engine (`config/calendar.toml`, compiled in).
    pub fn embedded() -> Calendar {
        EMBEDDED.clone()
    }

    /// Applies a local override file (same format): a year not yet present is added whole; in a
    /// year already present, a holiday entry replaces every entry of the same name and a new name
    /// is added (so a day can be moved or added), and `replace = true` on the year table replaces
    /// the whole year. A `notice` in an override of an existing year records the basis of the
    /// local adjustment. Errors name the line of the override text.
    pub fn merge(self, override_text: &str) -> Result<Calendar, CalendarError> {
        self.load(override_text)
    }

    fn load(mut self, text: &str) -> Result<Calendar, CalendarError> {
        let origin = self.loads;
        let file = data::parse_file(text)?;
        for (year, (line, raw)) in file {
            let notice = data::notice_of(text, &raw)?;
            let holidays = data::holidays_of(text, year, &raw, origin)?;
            let existing = if raw.replace {
                None
            } else {
                self.years.get(&year).map(|y| y.data.clone())
            };
            let merged = match existing {
                None => {
                    let Some(notice) = notice.filter(|n| n.published.is_some()) else {
                        return Err(CalendarError::Invalid {
                            line,
                            reason: format!(
                                "{year}年的表必须写明 notice（国务院办公厅通知标题）和 published（发布日期）"
                            ),
                        });
                    };
                    YearData {
                        notice,
                        local: if origin == 0 { vec![] } else { vec![None] },
                        holidays,
                    }
                }
                Some(mut data) => {
                    // Entries of a name the override mentions are replaced by all of the
                    // override's entries of that name.
                    data.holidays
                        .retain(|old| !holidays.iter().any(|h| h.name == old.name));
                    data.holidays.extend(holidays);
                    data.local.push(notice);
                    data
                }
            };
            self.years.insert(year, Year::build(year, merged)?);
        }
        self.loads += 1;
        Ok(self)
    }

    /// A stable identifier of the data in force: the hex SHA-256 of a canonical rendering of every
    /// year's departures from the Monday–Friday rule (weekdays off, weekend workdays). Two
    /// calendars with the same version give the same answer for every date; notice titles and
    /// the way the file is written do not enter it.
    pub fn version(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"cn-working-days/1\n");
        for (year, y) in &self.years {
            hasher.update(format!("{year}:").as_bytes());
            let first = NaiveDate::from_ymd_opt(*year, 1, 1);
            for d in first
                .into_iter()
                .flat_map(|f| f.iter_days())
                .take(y.working.len())
            {
                let weekday = !matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
                let working = y.working[d.ordinal0() as usize];
                if weekday != working {
                    let sign = if working { '+' } else { '-' };
                    hasher.update(format!(" {:02}{:02}{sign}", d.month(), d.day()).as_bytes());
                }
            }
            hasher.update(b"\n");
        }
        hex::encode(hasher.finalize())
    }

    /// The years covered, in order, each with its source and working-day total.
    pub fn years(&self) -> Vec<YearInfo> {
        self.years
            .iter()
            .map(|(year, y)| {
                let mut source = y.data.notice.render();
                for local in &y.data.local {
                    match local {
                        Some(n) => source.push_str(&format!("；本地调整：{}", n.render())),
                        None => source.push_str("；含本地调整（覆盖文件未注明依据）"),
                    }
                }
                YearInfo {
                    year: *year,
                    source,
                    working_days: y.working_days,
                    locally_adjusted: !y.data.local.is_empty(),
                }
            })
            .collect()
    }

    /// The last day the data answers for without a gap, as seen from `from`: the 31 December of
    /// the last year in the unbroken run of covered years that holds `from`'s year. When `from`'s
    /// year is not covered, the end of the last covered year before it (already past); `None`
    /// when no year up to `from`'s is covered. A later year loaded after a gap does not count:
    /// a computation would stop at the gap.
    pub fn covered_until(&self, from: NaiveDate) -> Option<NaiveDate> {
        let mut year = from.year();
        if !self.years.contains_key(&year) {
            year = *self.years.range(..year).next_back()?.0;
        } else {
            while self.years.contains_key(&(year + 1)) {
                year += 1;
            }
        }
        NaiveDate::from_ymd_opt(year, 12, 31)
    }

    /// Whether `d` is a working day; refused if `d`'s year has no data.
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool, CalendarError> {
        let year = d.year();
        self.years
            .get(&year)
            .map(|y| y.working[d.ordinal0() as usize])
            .ok_or(CalendarError::MissingYear { year })
    }

    /// The number of working days after `from`, up to and including `to` (0 if `to <= from`).
    /// Only the days counted need data: `from` itself may lie in a year without it.
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<i64, CalendarError> {
        let mut count = 0;
        let mut d = from;
        while d < to {
            d = next_day(d)?;
            if self.is_working_day(d)? {
                count += 1;
            }
        }
        Ok(count)
    }

    /// The n-th working day after `date` (`date` itself is not counted; `n = 0` gives `date`).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let mut left = n;
        let mut d = date;
        while left > 0 {
            d = next_day(d)?;
            if self.is_working_day(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }

    /// The end of a period of `days` calendar days starting on `start`: the start day is not
    /// counted (《民法典》 Art. 201), and if the last day is a rest day the period ends on the next
    /// working day (Art. 203).
    pub fn calendar_period_end(
        &self,
        start: NaiveDate,
        days: u32,
    ) -> Result<PeriodEnd, CalendarError> {
        let nominal =
            start
                .checked_add_days(Days::new(days.into()))
                .ok_or(CalendarError::OutOfRange {
                    date: start,
                    days: days.into(),
                })?;
        let effective = if self.is_working_day(nominal)? {
            nominal
        } else {
            self.add_working_days(nominal, 1)?
        };
        Ok(PeriodEnd {
            nominal,
            effective,
            extended: effective != nominal,
        })
    }
}

fn next_day(d: NaiveDate) -> Result<NaiveDate, CalendarError> {
    d.succ_opt()
        .ok_or(CalendarError::OutOfRange { date: d, days: 1 })
}

#[cfg(test)]
mod tests;
