//! Tests of the working-day calendar: the vectors and totals of `cn-calendar.md`, the refusals
//! (each naming its line), local overrides, and a day-by-day cross-check of 2024–2026 against an
//! independent source (the PyPI package `chinese-calendar`, see the fixture's header).

use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn cal() -> Calendar {
    Calendar::embedded()
}

/// A minimal valid year, for tests of the format.
const MINI: &str = "\
[2030]
notice = \"测试通知\"
published = 2029-11-01

[[2030.holiday]]
name = \"春节\"
from = 2030-02-02
to = 2030-02-08
makeup = [2030-01-26, 2030-02-09]
";

#[test]
fn embedded_data_parses() {
    let c = Calendar::parse(EMBEDDED_DATA).expect("config/calendar.toml parses");
    let years: Vec<i32> = c.years().iter().map(|y| y.year).collect();
    assert_eq!(years, vec![2024, 2025, 2026]);
    assert_eq!(c.version(), Calendar::embedded().version());
}

#[test]
fn seventh_working_day_vectors() {
    let c = cal();
    for (from, expected) in [
        ("2025-09-26", "2025-10-13"),
        ("2025-01-24", "2025-02-10"),
        ("2026-02-12", "2026-02-28"),
        ("2024-09-27", "2024-10-12"),
        ("2026-09-30", "2026-10-15"),
    ] {
        let got = c.add_working_days(d(from), 7).unwrap();
        assert_eq!(got, d(expected), "7th working day after {from}");
        assert_eq!(c.working_days_between(d(from), got).unwrap(), 7);
        assert_eq!(
            c.working_days_between(d(from), got.pred_opt().unwrap())
                .unwrap(),
            6
        );
    }
    // Two of them end on a make-up Saturday.
    assert_eq!(d("2026-02-28").weekday(), Weekday::Sat);
    assert!(c.is_working_day(d("2026-02-28")).unwrap());
    assert_eq!(d("2024-10-12").weekday(), Weekday::Sat);
    assert!(c.is_working_day(d("2024-10-12")).unwrap());
}

#[test]
fn calendar_day_period_vectors() {
    let c = cal();
    // 30-day consultation published 2026-09-10: ends 2026-10-10, a make-up Saturday.
    assert_eq!(
        c.calendar_period_end(d("2026-09-10"), 30).unwrap(),
        PeriodEnd {
            nominal: d("2026-10-10"),
            effective: d("2026-10-10"),
            extended: false
        }
    );
    // Published 2025-01-10: the nominal end 2025-02-09 is a Sunday, so the period runs to 02-10.
    assert_eq!(
        c.calendar_period_end(d("2025-01-10"), 30).unwrap(),
        PeriodEnd {
            nominal: d("2025-02-09"),
            effective: d("2025-02-10"),
            extended: true
        }
    );
    // A period ending inside a long holiday runs past all of it (Art. 203).
    assert_eq!(
        c.calendar_period_end(d("2025-09-01"), 30).unwrap(),
        PeriodEnd {
            nominal: d("2025-10-01"),
            effective: d("2025-10-09"),
            extended: true
        }
    );
}

#[test]
fn yearly_working_day_totals() {
    let totals: Vec<(i32, u32)> = cal()
        .years()
        .iter()
        .map(|y| (y.year, y.working_days))
        .collect();
    assert_eq!(totals, vec![(2024, 251), (2025, 248), (2026, 248)]);
}

/// The "Weekdays off" lists of cn-calendar.md, and the make-up workdays, match the data.
#[test]
fn weekdays_off_and_weekend_workdays_match_cn_calendar() {
    let c = cal();
    let expected_off: [(i32, &[&str]); 3] = [
        (
            2024,
            &[
                "01-01", "02-12", "02-13", "02-14", "02-15", "02-16", "04-04", "04-05", "05-01",
                "05-02", "05-03", "06-10", "09-16", "09-17", "10-01", "10-02", "10-03", "10-04",
                "10-07",
            ],
        ),
        (
            2025,
            &[
                "01-01", "01-28", "01-29", "01-30", "01-31", "02-03", "02-04", "04-04", "05-01",
                "05-02", "05-05", "06-02", "10-01", "10-02", "10-03", "10-06", "10-07", "10-08",
            ],
        ),
        (
            2026,
            &[
                "01-01", "01-02", "02-16", "02-17", "02-18", "02-19", "02-20", "02-23", "04-06",
                "05-01", "05-04", "05-05", "06-19", "09-25", "10-01", "10-02", "10-05", "10-06",
                "10-07",
            ],
        ),
    ];
    let expected_makeup: [(i32, &[&str]); 3] = [
        (
            2024,
            &[
                "02-04", "02-18", "04-07", "04-28", "05-11", "09-14", "09-29", "10-12",
            ],
        ),
        (2025, &["01-26", "02-08", "04-27", "09-28", "10-11"]),
        (
            2026,
            &["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"],
        ),
    ];
    for ((year, off), (_, makeup)) in expected_off.iter().zip(expected_makeup.iter()) {
        let mut weekdays_off = Vec::new();
        let mut weekend_work = Vec::new();
        let first = NaiveDate::from_ymd_opt(*year, 1, 1).unwrap();
        for day in first.iter_days().take_while(|x| x.year() == *year) {
            let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            let working = c.is_working_day(day).unwrap();
            let md = day.format("%m-%d").to_string();
            if !weekend && !working {
                weekdays_off.push(md);
            } else if weekend && working {
                weekend_work.push(md);
            }
        }
        assert_eq!(weekdays_off, *off, "weekdays off in {year}");
        assert_eq!(weekend_work, *makeup, "weekend workdays in {year}");
        // Total = weekdays − weekdays off + weekend workdays.
        let weekdays = first
            .iter_days()
            .take_while(|x| x.year() == *year)
            .filter(|x| !matches!(x.weekday(), Weekday::Sat | Weekday::Sun))
            .count();
        let total = c
            .years()
            .into_iter()
            .find(|y| y.year == *year)
            .unwrap()
            .working_days;
        assert_eq!(total as usize, weekdays - off.len() + makeup.len());
    }
}

#[test]
fn years_name_their_notices() {
    let years = cal().years();
    assert!(
        years[0].source.contains("国办发明电〔2023〕7号"),
        "{}",
        years[0].source
    );
    assert!(years[0].source.contains("2023-10-25"));
    assert!(years[1].source.contains("国办发明电〔2024〕12号"));
    assert!(years[1].source.contains("2024-11-12"));
    assert!(years[2].source.contains("2026年部分节假日安排"));
    assert!(years[2].source.contains("2025-11-04"));
    assert!(years.iter().all(|y| !y.locally_adjusted));
}

#[test]
fn a_year_without_data_is_refused_naming_it() {
    let c = cal();
    let missing = CalendarError::MissingYear { year: 2027 };
    assert_eq!(c.is_working_day(d("2027-01-04")), Err(missing.clone()));
    // Computations that cross into 2027.
    assert_eq!(
        c.add_working_days(d("2026-12-25"), 10),
        Err(missing.clone())
    );
    assert_eq!(
        c.working_days_between(d("2026-12-01"), d("2027-01-10")),
        Err(missing.clone())
    );
    assert_eq!(
        c.calendar_period_end(d("2026-12-20"), 30),
        Err(missing.clone())
    );
    // ... but stopping inside 2026 is fine.
    assert_eq!(
        c.add_working_days(d("2026-12-25"), 4).unwrap(),
        d("2026-12-31")
    );
    let message = missing.to_string();
    assert!(message.contains("2027年"), "{message}");
    assert!(message.contains("尚未录入"), "{message}");
    assert_eq!(
        c.is_working_day(d("2023-12-29")),
        Err(CalendarError::MissingYear { year: 2023 })
    );
}

#[test]
fn counting_conventions() {
    let c = cal();
    // `from` is not counted and may lie before the data; `to <= from` gives 0.
    assert_eq!(
        c.working_days_between(d("2023-12-31"), d("2024-01-05"))
            .unwrap(),
        4
    );
    assert_eq!(
        c.working_days_between(d("2024-03-05"), d("2024-03-05"))
            .unwrap(),
        0
    );
    assert_eq!(
        c.working_days_between(d("2024-03-05"), d("2024-03-01"))
            .unwrap(),
        0
    );
    assert_eq!(
        c.add_working_days(d("2024-03-05"), 0).unwrap(),
        d("2024-03-05")
    );
    assert_eq!(
        c.add_working_days(d("2023-12-31"), 1).unwrap(),
        d("2024-01-02")
    );
    assert_eq!(
        c.calendar_period_end(d("2024-03-05"), 0).unwrap().effective,
        d("2024-03-05")
    );
    assert_eq!(
        c.working_days_between(d("2023-12-31"), d("2026-12-31"))
            .unwrap(),
        251 + 248 + 248
    );
}

#[test]
fn override_adds_a_year() {
    let extra = "\
[2027]
notice = \"国务院办公厅关于2027年部分节假日安排的通知\"
number = \"测试文号\"
published = 2026-11-01

[[2027.holiday]]
name = \"元旦\"
days = [2027-01-01]
";
    let base = cal();
    let before = base.version();
    let c = base.merge(extra).expect("override with a new year");
    assert!(!c.is_working_day(d("2027-01-01")).unwrap());
    assert!(c.is_working_day(d("2027-01-04")).unwrap());
    assert_eq!(
        c.add_working_days(d("2026-12-30"), 2).unwrap(),
        d("2027-01-04")
    );
    let y2027 = c.years().into_iter().find(|y| y.year == 2027).unwrap();
    assert!(y2027.source.contains("测试文号"), "{}", y2027.source);
    assert!(y2027.locally_adjusted);
    assert_ne!(c.version(), before);
    // The years already present are untouched.
    assert_eq!(
        c.years()[..3]
            .iter()
            .map(|y| y.working_days)
            .collect::<Vec<_>>(),
        vec![251, 248, 248]
    );
}

#[test]
fn override_replaces_and_adds_days_in_a_year() {
    let local = "\
[2026]
notice = \"某省人民政府关于调整2026年国庆节放假安排的通知\"

[[2026.holiday]]
name = \"国庆节\"
from = 2026-10-01
to = 2026-10-08
makeup = [2026-09-20]

[[2026.holiday]]
name = \"地方纪念日\"
days = [2026-03-03]
";
    let c = cal().merge(local).expect("local override");
    // 国庆节 replaced: 10-08 now off, 10-10 no longer a make-up day; 09-20 still is.
    assert!(!c.is_working_day(d("2026-10-08")).unwrap());
    assert!(!c.is_working_day(d("2026-10-10")).unwrap());
    assert!(c.is_working_day(d("2026-09-20")).unwrap());
    // A new local holiday.
    assert!(!c.is_working_day(d("2026-03-03")).unwrap());
    // The other holidays of the year stay.
    assert!(!c.is_working_day(d("2026-02-16")).unwrap());
    assert!(c.is_working_day(d("2026-02-28")).unwrap());
    let y = c.years().into_iter().find(|y| y.year == 2026).unwrap();
    assert_eq!(y.working_days, 248 - 1 - 1 - 1);
    assert!(y.locally_adjusted);
    assert!(y.source.contains("本地调整：某省人民政府"), "{}", y.source);
    assert_ne!(c.version(), cal().version());
    // Other years unchanged.
    assert_eq!(c.years()[0], cal().years()[0]);
}

#[test]
fn override_can_replace_a_whole_year() {
    let local = "\
[2025]
replace = true
notice = \"测试：整年替换\"
published = 2025-01-01
";
    let c = cal().merge(local).unwrap();
    // No holidays left in 2025: 2025-10-01 (Wed) is a working day, 2025-09-28 (Sun) is not.
    assert!(c.is_working_day(d("2025-10-01")).unwrap());
    assert!(!c.is_working_day(d("2025-09-28")).unwrap());
    let y = c.years().into_iter().find(|y| y.year == 2025).unwrap();
    assert_eq!(y.working_days, 261);
    assert!(y.source.starts_with("测试：整年替换"));
}

#[test]
fn override_conflicting_with_the_base_names_the_override_line() {
    let local = "\
[2026]

[[2026.holiday]]
name = \"地方调休\"
days = []
makeup = [2026-10-03]
";
    let err = cal().merge(local).unwrap_err();
    match &err {
        CalendarError::OffAndMakeup { line, date, other } => {
            assert_eq!(*line, 6);
            assert_eq!(*date, d("2026-10-03"));
            assert!(other.starts_with("先前载入的日历数据第"), "{other}");
        }
        e => panic!("unexpected {e:?}"),
    }
    assert!(err.to_string().contains("第6行"), "{err}");
}

#[test]
fn override_of_a_new_year_needs_its_notice() {
    let err = cal()
        .merge("# 地方\n\n[[2028.holiday]]\nname = \"元旦\"\ndays = [2028-01-03]\n")
        .unwrap_err();
    assert!(
        matches!(err, CalendarError::Invalid { line: 3, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("2028年"), "{err}");
}

#[test]
fn the_format_sample_parses() {
    let c = Calendar::parse(MINI).unwrap();
    assert!(c.is_working_day(d("2030-01-26")).unwrap());
    assert!(!c.is_working_day(d("2030-02-04")).unwrap());
    assert_eq!(c.version().len(), 64);
}

fn line_of_error(text: &str) -> (usize, String) {
    let err = Calendar::parse(text).expect_err("refused");
    let line = err.line().unwrap_or_else(|| panic!("no line in {err:?}"));
    let message = err.to_string();
    assert!(message.contains(&format!("第{line}行")), "{message}");
    (line, message)
}

#[test]
fn a_makeup_day_on_a_weekday_is_refused_with_its_line() {
    // 2030-01-28 is a Monday.
    let text = MINI.replace(
        "makeup = [2030-01-26, 2030-02-09]",
        "makeup = [\n  2030-01-26,\n  2030-01-28,\n]",
    );
    let (line, message) = line_of_error(&text);
    assert_eq!(line, 11);
    assert!(message.contains("星期一"), "{message}");
    assert!(matches!(
        Calendar::parse(&text),
        Err(CalendarError::MakeupNotWeekend { .. })
    ));
}

#[test]
fn a_day_off_outside_its_year_is_refused_with_its_line() {
    let text = MINI.replace("to = 2030-02-08", "to = 2031-02-08");
    assert_eq!(line_of_error(&text).0, 8);
    assert!(matches!(
        Calendar::parse(&text),
        Err(CalendarError::DateOutsideYear { year: 2030, .. })
    ));
    let text = format!(
        "{MINI}\n[[2030.holiday]]\nname = \"元旦\"\ndays = [\n  2030-01-01,\n  2029-12-31,\n]\n"
    );
    assert_eq!(line_of_error(&text).0, 15);
    // A make-up day outside the year too.
    let text = MINI.replace("2030-02-09]", "2031-02-08]");
    assert_eq!(line_of_error(&text).0, 9);
}

#[test]
fn a_date_both_off_and_makeup_is_refused_with_its_line() {
    // 2030-02-09 (Sat) is both a make-up day (line 9) and, below, a day off (line 14).
    let text =
        format!("{MINI}\n[[2030.holiday]]\nname = \"地方节日\"\ndays = [\n  2030-02-09,\n]\n");
    let (line, message) = line_of_error(&text);
    assert_eq!(line, 14);
    assert!(message.contains("2030-02-09"), "{message}");
    assert!(message.contains("第9行"), "{message}");
    // Within one holiday: the make-up line comes after the range.
    let text = MINI.replace("2030-02-09]", "2030-02-03]");
    assert_eq!(line_of_error(&text).0, 9);
}

#[test]
fn malformed_data_is_refused_with_its_line() {
    // TOML syntax error on line 7.
    let text = MINI.replace("from = 2030-02-02", "from = 2030-02-02 oops");
    let (line, message) = line_of_error(&text);
    assert_eq!(line, 7);
    assert!(message.contains("格式有误"), "{message}");
    // An unknown key (a typo) on line 8.
    let text = MINI.replace("to = 2030-02-08", "too = 2030-02-08");
    assert_eq!(line_of_error(&text).0, 8);
    // A date with a time on line 3.
    let text = MINI.replace("published = 2029-11-01", "published = 2029-11-01T08:00:00");
    assert_eq!(line_of_error(&text).0, 3);
    // A quoted date is not a TOML date: line 7.
    let text = MINI.replace("from = 2030-02-02", "from = \"2030-02-02\"");
    assert_eq!(line_of_error(&text).0, 7);
    // A range backwards: line 8.
    let text = MINI.replace("to = 2030-02-08", "to = 2030-02-01");
    assert_eq!(line_of_error(&text).0, 8);
    // Neither a range nor a list of days: the name's line 6.
    let text = MINI.replace("from = 2030-02-02\n", "");
    assert_eq!(line_of_error(&text).0, 6);
    // A table that is not a year: line 11.
    let text = format!("{MINI}\n[year2031]\nnotice = \"x\"\n");
    assert_eq!(line_of_error(&text).0, 11);
    // A year without its notice: the year's line 1.
    let text = MINI.replace("notice = \"测试通知\"\npublished = 2029-11-01\n", "");
    assert_eq!(line_of_error(&text).0, 1);
    // A publication date without a notice: line 2 (once the notice line is gone).
    let text = MINI.replace("notice = \"测试通知\"\n", "");
    assert_eq!(line_of_error(&text).0, 2);
}

#[test]
fn version_depends_only_on_the_working_days() {
    let a = Calendar::parse(MINI).unwrap();
    // Same days written differently (a list instead of a range, another title): same version.
    let rewritten = MINI
        .replace("测试通知", "另一个标题")
        .replace(
            "from = 2030-02-02\nto = 2030-02-08",
            "days = [2030-02-02, 2030-02-03, 2030-02-04, 2030-02-05, 2030-02-06, 2030-02-07, 2030-02-08]",
        );
    let b = Calendar::parse(&rewritten).unwrap();
    assert_eq!(a.version(), b.version());
    // A different day: a different version.
    let c = Calendar::parse(&MINI.replace("2030-02-08\n", "2030-02-07\n")).unwrap();
    assert_ne!(a.version(), c.version());
    assert!(a.version().chars().all(|ch| ch.is_ascii_hexdigit()));
    assert_eq!(cal().version(), cal().version());
}

/// Every day of 2024–2026 against the fixture generated once from the PyPI package
/// `chinese-calendar` 1.11.0 (see the fixture's header for the command).
#[test]
fn every_day_2024_2026_matches_chinese_calendar_fixture() {
    let fixture = include_str!("../../tests/fixtures/cn-workdays-2024-2026.txt");
    let c = cal();
    let mut checked = 0;
    let mut expected_day = d("2024-01-01");
    for line in fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (date, mark) = line.split_once(' ').expect("`YYYY-MM-DD W|R`");
        let date = d(date);
        assert_eq!(date, expected_day, "the fixture lists every day in order");
        let working = match mark.trim() {
            "W" => true,
            "R" => false,
            other => panic!("bad mark {other:?} for {date}"),
        };
        assert_eq!(c.is_working_day(date).unwrap(), working, "{date}");
        checked += 1;
        expected_day = expected_day.succ_opt().unwrap();
    }
    assert_eq!(checked, 366 + 365 + 365);
    assert_eq!(expected_day, d("2027-01-01"));
}

fn day_in_data() -> impl Strategy<Value = NaiveDate> {
    // 2024-01-01 .. 2026-12-31 (1096 days).
    (0u64..1096).prop_map(|k| d("2024-01-01") + chrono::Days::new(k))
}

proptest! {
    #[test]
    fn add_working_days_and_working_days_between_agree(from in day_in_data(), n in 0u32..300) {
        let c = cal();
        match c.add_working_days(from, n) {
            Ok(to) => {
                prop_assert_eq!(c.working_days_between(from, to).unwrap(), i64::from(n));
                if n > 0 {
                    prop_assert!(c.is_working_day(to).unwrap());
                    prop_assert_eq!(c.working_days_between(from, to.pred_opt().unwrap()).unwrap(), i64::from(n) - 1);
                } else {
                    prop_assert_eq!(to, from);
                }
            }
            Err(e) => prop_assert_eq!(e, CalendarError::MissingYear { year: 2027 }),
        }
    }

    #[test]
    fn working_days_between_is_inverted_by_add_working_days(a in day_in_data(), b in day_in_data()) {
        let c = cal();
        let k = c.working_days_between(a, b).unwrap();
        prop_assert!(k >= 0);
        let k = u32::try_from(k).unwrap();
        // The k-th working day after a is on or before b; the (k+1)-th (if known) is after b.
        prop_assert!(c.add_working_days(a, k).unwrap() <= b.max(a));
        if let Ok(next) = c.add_working_days(a, k + 1) {
            prop_assert!(next > b);
        }
        // Additivity over an intermediate day.
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let mid = lo + chrono::Days::new(((hi - lo).num_days() / 2) as u64);
        prop_assert_eq!(
            c.working_days_between(lo, hi).unwrap(),
            c.working_days_between(lo, mid).unwrap() + c.working_days_between(mid, hi).unwrap()
        );
    }

    #[test]
    fn a_period_ends_on_a_working_day_not_before_its_nominal_end(start in day_in_data(), days in 0u32..60) {
        let c = cal();
        if let Ok(end) = c.calendar_period_end(start, days) {
            prop_assert_eq!(end.nominal, start + chrono::Days::new(days.into()));
            prop_assert!(c.is_working_day(end.effective).unwrap());
            prop_assert!(end.effective >= end.nominal);
            prop_assert_eq!(end.extended, end.effective != end.nominal);
            // No working day lies strictly between the nominal and effective ends.
            prop_assert!(c.working_days_between(end.nominal, end.effective).unwrap() <= 1);
        }
    }
}

#[test]
fn coverage_runs_to_the_end_of_the_unbroken_years_and_stops_at_a_gap() {
    let c = cal();
    assert_eq!(c.covered_until(d("2026-11-29")), Some(d("2026-12-31")));
    assert_eq!(c.covered_until(d("2024-03-01")), Some(d("2026-12-31")));
    // Past the data: the end already reached.
    assert_eq!(c.covered_until(d("2027-02-05")), Some(d("2026-12-31")));
    // Before the data: nothing covers that day.
    assert_eq!(c.covered_until(d("2023-06-01")), None);
    // 2028 loaded without 2027: computing stops at the end of 2026 all the same.
    let gap = c
        .merge("[2028]\nnotice = \"测试\"\npublished = 2027-10-20\n\n[[2028.holiday]]\nname = \"元旦\"\ndays = [2028-01-03]\n")
        .expect("2028 alone");
    assert_eq!(gap.covered_until(d("2026-11-29")), Some(d("2026-12-31")));
    assert_eq!(gap.covered_until(d("2028-05-01")), Some(d("2028-12-31")));
}
