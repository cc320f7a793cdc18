//! The deployment's configuration files: the procedure profile and the working-day calendar.
//!
//! Both ship inside the binary (`config/`) and can be replaced or extended by files an operator
//! names on the command line, without rebuilding. A bad file is refused at start-up with the
//! line it goes wrong on, never half-applied.

use std::path::Path;

use crate::calendar::{Calendar, CalendarError, EMBEDDED_DATA};
use crate::procedure::Profile;

/// The profiles that ship with the engine, by name.
const SHIPPED: [(&str, &str); 2] = [
    ("national", include_str!("../config/profiles/national.toml")),
    ("henan", include_str!("../config/profiles/henan.toml")),
];

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("无法读取配置文件 {path}：{source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("配置文件 {path} 第{line}行有误：{detail}")]
    Invalid {
        path: String,
        line: usize,
        detail: String,
    },
    #[error("配置文件 {path} 第{line}行：{field} = {value} 低于下限{floor}（{article}：{says}）")]
    BelowFloor {
        path: String,
        line: usize,
        field: &'static str,
        value: u32,
        floor: u32,
        article: &'static str,
        says: &'static str,
    },
    #[error("没有名为“{0}”的程序配置（内置：national、henan；或给出配置文件路径）")]
    UnknownProfile(String),
    #[error("日历文件 {path}：{source}")]
    Calendar { path: String, source: CalendarError },
}

/// The texts a calendar is built from: the shipped data and an operator's override file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarSource {
    pub base: String,
    pub overlay: Option<String>,
}

impl CalendarSource {
    pub fn build(&self) -> Result<Calendar, CalendarError> {
        let calendar = Calendar::parse(&self.base)?;
        match &self.overlay {
            Some(text) => calendar.merge(text),
            None => Ok(calendar),
        }
    }
}

/// The shipped calendar, with the operator's override file (a new year, a local adjustment)
/// merged in when one is named.
pub fn load_calendar(override_path: Option<&Path>) -> Result<CalendarSource, ConfigError> {
    let overlay = match override_path {
        None => None,
        Some(path) => Some(
            std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                path: path.display().to_string(),
                source,
            })?,
        ),
    };
    let source = CalendarSource {
        base: EMBEDDED_DATA.to_owned(),
        overlay,
    };
    source.build().map_err(|e| ConfigError::Calendar {
        path: override_path.map_or("config/calendar.toml".into(), |p| p.display().to_string()),
        source: e,
    })?;
    Ok(source)
}

/// 1-based line of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Parses a profile file's text; `path` names it in errors. A number below the regulation's
/// floor is refused like a syntax error: a deployment never starts on a profile that is not
/// the law.
pub fn parse_profile(path: &str, text: &str) -> Result<Profile, ConfigError> {
    let profile = toml::from_str::<Profile>(text).map_err(|e| ConfigError::Invalid {
        path: path.to_owned(),
        line: e.span().map_or(1, |s| line_of(text, s.start)),
        detail: e.message().to_owned(),
    })?;
    if let Some(low) = profile.below_floors().into_iter().next() {
        return Err(ConfigError::BelowFloor {
            path: path.to_owned(),
            line: line_of_key(text, low.field),
            field: low.field,
            value: low.value,
            floor: low.floor,
            article: low.article,
            says: low.says,
        });
    }
    if profile.meeting_quorum_percent > 100 {
        return Err(ConfigError::Invalid {
            path: path.to_owned(),
            line: line_of_key(text, "meeting_quorum_percent"),
            detail: "meeting_quorum_percent 是出席人数占会议组成人员的百分比，不能超过100".into(),
        });
    }
    Ok(profile)
}

/// The 1-based line on which `key = …` is set (1 when the file does not set it).
fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

/// A shipped profile by name (`national`, `henan`), or a profile file by path.
pub fn load_profile(name_or_path: &str) -> Result<Profile, ConfigError> {
    if let Some((name, text)) = SHIPPED.iter().find(|(n, _)| *n == name_or_path) {
        return parse_profile(&format!("config/profiles/{name}.toml"), text);
    }
    let path = Path::new(name_or_path);
    if !path.exists() {
        return Err(ConfigError::UnknownProfile(name_or_path.to_owned()));
    }
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: name_or_path.to_owned(),
        source,
    })?;
    parse_profile(name_or_path, &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::CategorySystem;

    #[test]
    fn the_shipped_profiles_parse_with_the_statutes_numbers() {
        for name in ["national", "henan"] {
            let p = load_profile(name).expect("shipped profile parses");
            assert_eq!(p.name, name);
            assert_eq!(p.consultation_min_days, 30);
            assert_eq!(p.hearing_materials_days, 7);
            assert_eq!(p.review_min_working_days, 7);
            assert_eq!(p.filing_deadline_days, 30);
        }
        assert_eq!(
            load_profile("henan").map(|p| p.categories).ok(),
            Some(CategorySystem::Henan)
        );
    }

    #[test]
    fn a_bad_profile_is_refused_naming_its_line() {
        let text =
            "name = \"x\"\ntitle = \"t\"\ncategories = \"henan\"\nconsultation_min_days = -3\n";
        match parse_profile("my.toml", text) {
            Err(ConfigError::Invalid { line, path, .. }) => {
                assert_eq!((line, path.as_str()), (4, "my.toml"));
            }
            other => panic!("expected an invalid-file error, got {other:?}"),
        }
        let unknown = "name = \"x\"\nbogus = 1\n";
        assert!(matches!(
            parse_profile("p.toml", unknown),
            Err(ConfigError::Invalid { line: 2, .. })
        ));
        assert!(matches!(
            load_profile("no-such-profile"),
            Err(ConfigError::UnknownProfile(_))
        ));
    }

    #[test]
    fn a_profile_below_the_regulations_floor_is_refused_naming_line_and_article() {
        let shipped = include_str!("../config/profiles/national.toml");
        for (key, low, article) in [
            ("consultation_min_days", 5, "第十五条"),
            ("hearing_materials_days", 3, "第十六条"),
            ("review_min_working_days", 5, "第二十六条"),
        ] {
            let text = shipped
                .lines()
                .map(|l| {
                    if l.starts_with(key) {
                        format!("{key} = {low}")
                    } else {
                        l.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            let expected_line = line_of_key(&text, key);
            assert!(expected_line > 1, "{key} is set in the shipped profile");
            match parse_profile("p.toml", &text) {
                Err(e @ ConfigError::BelowFloor { .. }) => {
                    let ConfigError::BelowFloor {
                        line,
                        field,
                        article: a,
                        floor,
                        ..
                    } = &e
                    else {
                        unreachable!("matched above")
                    };
                    assert_eq!((*line, *field, *a), (expected_line, key, article));
                    assert!(*floor > low);
                    assert!(e.to_string().contains(article), "{e}");
                }
                other => panic!("{key} = {low} should be refused, got {other:?}"),
            }
        }
    }

    #[test]
    fn a_quorum_of_half_or_less_is_not_collective_discussion() {
        let text = include_str!("../config/profiles/henan.toml")
            .replace("meeting_quorum_percent = 50", "meeting_quorum_percent = 40");
        assert!(matches!(
            parse_profile("p.toml", &text),
            Err(ConfigError::BelowFloor {
                field: "meeting_quorum_percent",
                article: "第三十条",
                ..
            })
        ));
    }
}
