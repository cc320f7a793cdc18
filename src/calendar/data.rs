//! Reading the calendar data file: TOML text → checked year records, every value carrying the
//! line it came from so that a refusal can point the operator at it.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::CalendarError;

/// One `[YYYY]` table as written in the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawYear {
    notice: Option<Spanned<String>>,
    number: Option<Spanned<String>>,
    published: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    holiday: Vec<RawHoliday>,
}

/// One `[[YYYY.holiday]]` entry as written in the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: Spanned<String>,
    from: Option<Spanned<Datetime>>,
    to: Option<Spanned<Datetime>>,
    days: Option<Vec<Spanned<Datetime>>>,
    #[serde(default)]
    makeup: Vec<Spanned<Datetime>>,
}

/// A date of the data, with where it was written: `line` in the text loaded as number `origin`
/// (0 = the base data, 1.. = the overrides merged after it, in order).
#[derive(Clone, Copy, Debug)]
pub(super) struct DayEntry {
    pub date: NaiveDate,
    pub line: usize,
    pub origin: usize,
}

#[derive(Clone, Debug)]
pub(super) struct Holiday {
    pub name: String,
    pub off: Vec<DayEntry>,
    pub makeup: Vec<DayEntry>,
}

/// The document a year's arrangement (or a local adjustment of it) rests on.
#[derive(Clone, Debug)]
pub(super) struct Notice {
    pub title: String,
    pub number: Option<String>,
    pub published: Option<NaiveDate>,
}

impl Notice {
    pub fn render(&self) -> String {
        let mut parts = Vec::new();
        if let Some(number) = &self.number {
            parts.push(number.clone());
        }
        if let Some(published) = self.published {
            parts.push(format!("{published}发布"));
        }
        if parts.is_empty() {
            self.title.clone()
        } else {
            format!("{}（{}）", self.title, parts.join("，"))
        }
    }
}

#[derive(Clone, Debug)]
pub(super) struct YearData {
    pub notice: Notice,
    /// Local adjustments merged from override files, with their stated basis when given
    /// (`None`: the override did not name one).
    pub local: Vec<Option<Notice>>,
    pub holidays: Vec<Holiday>,
}

/// The parsed file: year → (line of its key, its table), in year order.
pub(super) type RawFile = BTreeMap<i32, (usize, RawYear)>;

/// 1-based line number of a byte offset in `text`.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

pub(super) fn parse_file(text: &str) -> Result<RawFile, CalendarError> {
    let raw: BTreeMap<Spanned<String>, RawYear> =
        toml::from_str(text).map_err(|e| CalendarError::Syntax {
            line: e.span().map(|s| line_of(text, s.start)),
            detail: e.message().trim().to_string(),
        })?;
    let mut file = RawFile::new();
    for (key, year) in raw {
        let line = line_of(text, key.span().start);
        let name = key.get_ref();
        let number = if name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()) {
            name.parse::<i32>().ok()
        } else {
            None
        };
        let Some(number) = number else {
            return Err(CalendarError::Invalid {
                line,
                reason: format!("“{name}”不是年份；每张表的名称应为四位数字年份，如 [2026]"),
            });
        };
        file.insert(number, (line, year));
    }
    Ok(file)
}

fn to_date(text: &str, value: &Spanned<Datetime>) -> Result<(NaiveDate, usize), CalendarError> {
    let line = line_of(text, value.span().start);
    let dt = value.get_ref();
    let invalid = || CalendarError::Invalid {
        line,
        reason: format!("“{dt}”不是日期；日期应写成 YYYY-MM-DD（不带时间、不加引号）"),
    };
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                .map(|date| (date, line))
                .ok_or_else(invalid)
        }
        _ => Err(invalid()),
    }
}

fn in_year(year: i32, date: NaiveDate, line: usize) -> Result<(), CalendarError> {
    if date.year() == year {
        Ok(())
    } else {
        Err(CalendarError::DateOutsideYear { line, date, year })
    }
}

/// The notice fields of a year table; all of them optional here (an override of a year already
/// loaded may leave them out).
pub(super) fn notice_of(text: &str, raw: &RawYear) -> Result<Option<Notice>, CalendarError> {
    let published = raw
        .published
        .as_ref()
        .map(|p| to_date(text, p))
        .transpose()?;
    match &raw.notice {
        None => {
            if let Some((_, line)) = published {
                return Err(CalendarError::Invalid {
                    line,
                    reason: "写了 published（发布日期）却没有写 notice（通知标题）".into(),
                });
            }
            if let Some(number) = &raw.number {
                return Err(CalendarError::Invalid {
                    line: line_of(text, number.span().start),
                    reason: "写了 number（文号）却没有写 notice（通知标题）".into(),
                });
            }
            Ok(None)
        }
        Some(title) => {
            let t = title.get_ref().trim();
            if t.is_empty() {
                return Err(CalendarError::Invalid {
                    line: line_of(text, title.span().start),
                    reason: "notice（通知标题）不能为空".into(),
                });
            }
            Ok(Some(Notice {
                title: t.to_string(),
                number: raw
                    .number
                    .as_ref()
                    .map(|n| n.get_ref().trim().to_string())
                    .filter(|n| !n.is_empty()),
                published: published.map(|(d, _)| d),
            }))
        }
    }
}

/// The holidays of a year table, each date checked on its own (inside the year; a make-up day on
/// a weekend). Conflicts between dates are checked once the year is assembled.
pub(super) fn holidays_of(
    text: &str,
    year: i32,
    raw: &RawYear,
    origin: usize,
) -> Result<Vec<Holiday>, CalendarError> {
    let mut out = Vec::with_capacity(raw.holiday.len());
    for h in &raw.holiday {
        let name_line = line_of(text, h.name.span().start);
        let name = h.name.get_ref().trim().to_string();
        if name.is_empty() {
            return Err(CalendarError::Invalid {
                line: name_line,
                reason: "节日名称 name 不能为空".into(),
            });
        }
        let mut off = Vec::new();
        match (&h.from, &h.to, &h.days) {
            (Some(from), Some(to), None) => {
                let (first, first_line) = to_date(text, from)?;
                let (last, last_line) = to_date(text, to)?;
                in_year(year, first, first_line)?;
                in_year(year, last, last_line)?;
                if last < first {
                    return Err(CalendarError::Invalid {
                        line: last_line,
                        reason: format!("{name}的放假截止日 {last} 早于起始日 {first}"),
                    });
                }
                off.extend(
                    first
                        .iter_days()
                        .take_while(|d| *d <= last)
                        .map(|date| DayEntry {
                            date,
                            line: first_line,
                            origin,
                        }),
                );
            }
            (None, None, Some(days)) => {
                for value in days {
                    let (date, line) = to_date(text, value)?;
                    in_year(year, date, line)?;
                    off.push(DayEntry { date, line, origin });
                }
            }
            _ => {
                return Err(CalendarError::Invalid {
                    line: name_line,
                    reason: format!(
                        "{name}的放假日期应写成 from 与 to（起止日，含两端），或写成 days（逐日列出），二者择一"
                    ),
                });
            }
        }
        let mut makeup = Vec::with_capacity(h.makeup.len());
        for value in &h.makeup {
            let (date, line) = to_date(text, value)?;
            in_year(year, date, line)?;
            if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                return Err(CalendarError::MakeupNotWeekend {
                    line,
                    date,
                    weekday: weekday_cn(date.weekday()),
                });
            }
            makeup.push(DayEntry { date, line, origin });
        }
        out.push(Holiday { name, off, makeup });
    }
    Ok(out)
}

/// Refuses a year in which a date is both a day off and a make-up workday. The line named is that
/// of the later-loaded (or, within one text, later-written) of the two entries; the other is cited.
pub(super) fn check_conflicts(data: &YearData) -> Result<(), CalendarError> {
    let mut off: BTreeMap<NaiveDate, DayEntry> = BTreeMap::new();
    for e in data.holidays.iter().flat_map(|h| &h.off) {
        off.entry(e.date).or_insert(*e);
    }
    for m in data.holidays.iter().flat_map(|h| &h.makeup) {
        if let Some(o) = off.get(&m.date) {
            let (here, there) = if (m.origin, m.line) >= (o.origin, o.line) {
                (m, o)
            } else {
                (o, m)
            };
            let other = if there.origin == here.origin {
                format!("第{}行", there.line)
            } else {
                format!("先前载入的日历数据第{}行", there.line)
            };
            return Err(CalendarError::OffAndMakeup {
                line: here.line,
                date: m.date,
                other,
            });
        }
    }
    Ok(())
}

pub(super) fn weekday_cn(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}
