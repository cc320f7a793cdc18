//! Values that parse their input once, at the edge.
//!
//! Once a string is a [`Text`] it is trimmed, non-empty and of bounded length; once a list is a
//! [`NonEmpty`] it has at least one element. The rest of the core trusts them and never checks again.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a value did not parse. The GraphQL layer reports it as `INVALID_INPUT` with the field name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("{field}不能为空")]
    Empty { field: &'static str },
    #[error("{field}过长（最多{max}个字符）")]
    TooLong { field: &'static str, max: usize },
    #[error("{field}：{why}")]
    Invalid {
        field: &'static str,
        why: &'static str,
    },
    #[error("{field}应为非负整数")]
    Negative { field: &'static str },
    #[error("日期{date}早于可登记的最早日期{earliest}（条例施行之日；请核对年份）")]
    DateTooEarly {
        date: chrono::NaiveDate,
        earliest: chrono::NaiveDate,
    },
    #[error("决策事项类别不属于本地采用的分类（{profile}）")]
    NotInProfile { profile: String },
}

/// Free text a person typed: trimmed, non-empty, at most `MAX` characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// Long enough for a draft's body; the HTTP body limit bounds a request as a whole.
    pub const MAX: usize = 200_000;

    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValueError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(ValueError::Empty { field });
        }
        if trimmed.chars().count() > Self::MAX {
            return Err(ValueError::TooLong {
                field,
                max: Self::MAX,
            });
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// Text the engine writes itself (a generated statement). It is never blank, and when the
    /// texts it quotes make it longer than any text may be, it is cut there with a note saying
    /// so, instead of failing the act that asked for it.
    pub fn generated(raw: &str) -> Self {
        const CUT: &str = "……（以下内容过长，已截断）";
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Self("（无）".to_owned());
        }
        if trimmed.chars().count() <= Self::MAX {
            return Self(trimmed.to_owned());
        }
        let keep = Self::MAX - CUT.chars().count();
        let mut cut: String = trimmed.chars().take(keep).collect();
        cut.push_str(CUT);
        Self(cut)
    }

    /// Optional text: absent and blank both mean "not given".
    pub fn parse_opt(field: &'static str, raw: Option<&str>) -> Result<Option<Self>, ValueError> {
        match raw.map(str::trim) {
            None | Some("") => Ok(None),
            Some(s) => Self::parse(field, s).map(Some),
        }
    }

    /// Every element must be non-blank text.
    pub fn parse_list(field: &'static str, raw: &[String]) -> Result<Vec<Self>, ValueError> {
        raw.iter().map(|s| Self::parse(field, s)).collect()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_blank_text_is_refused() {
        assert_eq!(Text::parse("标题", "  规划 ").unwrap().as_str(), "规划");
        assert_eq!(
            Text::parse("标题", "   "),
            Err(ValueError::Empty { field: "标题" })
        );
        assert_eq!(Text::parse_opt("理由", Some(" ")), Ok(None));
    }

    #[test]
    fn generated_text_longer_than_any_text_may_be_is_cut_with_a_note() {
        let long = "长".repeat(Text::MAX + 10);
        let text = Text::generated(&long);
        assert_eq!(text.as_str().chars().count(), Text::MAX);
        assert!(text.as_str().ends_with("已截断）"));
        assert_eq!(Text::generated("  说明 ").as_str(), "说明");
    }
}
