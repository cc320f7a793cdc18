//! Values that parse their input once, at the edge.
//!
//! Once a string is a [`Text`] it is trimmed, non-empty and no longer than its kind of field
//! allows ([`Length`]); a list of them has been counted, and a number the core keeps unsigned
//! ([`unsigned`]) is not negative. The rest of the core trusts them and never checks again.
//!
//! The bounds are part of the value, not a check somewhere later: a title of 100,000 characters or
//! ten thousand publication channels never become a command, so nothing downstream (the
//! statement the engine generates, the event log, the hash chain) has to wonder how large a field
//! can be. The request body limit in `http.rs` bounds a request as a whole; these bound each field.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a value did not parse. The GraphQL layer reports it as `INVALID_INPUT`; every message names
/// the field, in the words an official reads on the form.
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
    #[error("{field}过多（最多{max}项）")]
    TooMany { field: &'static str, max: usize },
    #[error("{field}应为非负整数（收到{value}）")]
    Negative { field: &'static str, value: i64 },
    #[error("日期{date}早于可登记的最早日期{earliest}（条例施行之日；请核对年份）")]
    DateTooEarly {
        date: chrono::NaiveDate,
        earliest: chrono::NaiveDate,
    },
    #[error("决策事项类别不属于本地采用的分类（{profile}）")]
    NotInProfile { profile: String },
}

/// The kinds of text a form holds, each with its maximum length in characters (not bytes: a
/// Chinese character is one). Every text input field is one of these; the GraphQL inputs say which.
///
/// A few kinds rather than a number per field: the limits are there to refuse what no real form
/// holds, not to second-guess a drafter, and a reader can keep five numbers in mind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// One line naming something: a person, a unit, a place, a session, a document or receipt
    /// number, a channel, a risk point.
    Name,
    /// A decision's title, or a citation of a law or document (《…》 with its number).
    Title,
    /// A few paragraphs: a summary, a reason, a finding, an opinion, an explanation.
    Statement,
    /// A public comment: what Art. 15 invites anyone to send, bounded so one sender cannot flood
    /// the record.
    Comment,
    /// A document: the draft's text, a record of a hearing, a report on how opinions were adopted.
    Document,
}

impl Length {
    /// The maximum number of characters of this kind of text.
    pub const fn max(self) -> usize {
        match self {
            Length::Name => 100,
            Length::Title => 200,
            Length::Statement => 5_000,
            Length::Comment => 10_000,
            Length::Document => 200_000,
        }
    }
}

/// Free text a person typed: trimmed, non-empty, and at most [`Length::max`] characters of the
/// kind it was parsed as (never more than [`Text::MAX`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// The longest any text may be: a document (a draft's body). The request body limit in
    /// `http.rs` is set above it.
    pub const MAX: usize = Length::Document.max();

    /// Text of the widest kind, a [`Length::Document`], for callers that check further (the
    /// service's comment body); input fields use [`Text::parse_as`] with their kind, and text the
    /// engine writes itself [`Text::generated`].
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, ValueError> {
        Self::parse_as(field, Length::Document, raw)
    }

    /// Text of the given kind: trimmed, non-empty, at most `kind.max()` characters.
    pub fn parse_as(field: &'static str, kind: Length, raw: &str) -> Result<Self, ValueError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(ValueError::Empty { field });
        }
        let max = kind.max();
        // `chars().nth(max)` stops after max + 1 characters instead of counting a huge string.
        if trimmed.chars().nth(max).is_some() {
            return Err(ValueError::TooLong { field, max });
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

    /// Optional text of the widest kind: absent and blank both mean "not given".
    pub fn parse_opt(field: &'static str, raw: Option<&str>) -> Result<Option<Self>, ValueError> {
        Self::parse_opt_as(field, Length::Document, raw)
    }

    /// Optional text of the given kind: absent and blank both mean "not given".
    pub fn parse_opt_as(
        field: &'static str,
        kind: Length,
        raw: Option<&str>,
    ) -> Result<Option<Self>, ValueError> {
        match raw.map(str::trim) {
            None | Some("") => Ok(None),
            Some(s) => Self::parse_as(field, kind, s).map(Some),
        }
    }

    /// At most `max_items` entries, each non-blank text of the given kind.
    pub fn parse_list_as(
        field: &'static str,
        kind: Length,
        max_items: usize,
        raw: &[String],
    ) -> Result<Vec<Self>, ValueError> {
        bounded(field, max_items, raw)?
            .iter()
            .map(|s| Self::parse_as(field, kind, s))
            .collect()
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

/// The list itself, if it has at most `max` entries: counted before any entry is parsed, so a
/// list of a million entries costs one comparison.
pub fn bounded<'a, T>(
    field: &'static str,
    max: usize,
    list: &'a [T],
) -> Result<&'a [T], ValueError> {
    if list.len() > max {
        return Err(ValueError::TooMany { field, max });
    }
    Ok(list)
}

/// A number the core keeps unsigned (a draft's version, an incident's number), as a GraphQL `Int`
/// arrives. A negative number is refused, not wrapped to a huge one or read as "none". Zero is a
/// number the core can hold, and its rules answer it (no draft or incident has the number 0: a
/// meeting on "draft 0" is refused by `meeting.version`, citing Art. 30).
pub fn unsigned(field: &'static str, value: i32) -> Result<u32, ValueError> {
    u32::try_from(value).map_err(|_| ValueError::Negative {
        field,
        value: value.into(),
    })
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

    #[test]
    fn text_of_each_kind_is_refused_one_character_past_its_limit_counted_in_characters() {
        for kind in [
            Length::Name,
            Length::Title,
            Length::Statement,
            Length::Comment,
            Length::Document,
        ] {
            let max = kind.max();
            let at_limit = "字".repeat(max);
            assert_eq!(
                Text::parse_as("字段", kind, &at_limit).map(|t| t.as_str().chars().count()),
                Ok(max)
            );
            // Surrounding blanks are trimmed before counting.
            assert!(Text::parse_as("字段", kind, &format!(" {at_limit}\n")).is_ok());
            assert_eq!(
                Text::parse_as("字段", kind, &format!("{at_limit}字")),
                Err(ValueError::TooLong {
                    field: "字段", max
                })
            );
        }
        assert!(Length::Name.max() < Length::Title.max());
        assert!(Length::Title.max() < Length::Statement.max());
        assert!(Length::Statement.max() < Length::Comment.max());
        assert_eq!(Text::MAX, Length::Document.max());
    }

    #[test]
    fn a_list_is_counted_before_its_entries_are_parsed() {
        let three = vec!["甲".to_owned(), " ".to_owned(), "丙".to_owned()];
        assert_eq!(
            Text::parse_list_as("公布途径", Length::Name, 2, &three),
            Err(ValueError::TooMany {
                field: "公布途径",
                max: 2
            })
        );
        assert_eq!(
            Text::parse_list_as("公布途径", Length::Name, 3, &three),
            Err(ValueError::Empty {
                field: "公布途径"
            })
        );
        assert_eq!(bounded("发言", 0, &[] as &[u8]), Ok(&[] as &[u8]));
    }

    #[test]
    fn a_negative_number_is_refused_not_wrapped() {
        assert_eq!(unsigned("草案版本", 0), Ok(0));
        assert_eq!(unsigned("草案版本", i32::MAX), Ok(i32::MAX as u32));
        for value in [-1, i32::MIN] {
            assert_eq!(
                unsigned("草案版本", value),
                Err(ValueError::Negative {
                    field: "草案版本",
                    value: value.into()
                })
            );
        }
        assert_eq!(
            unsigned("执行问题编号", -3).map_err(|e| e.to_string()),
            Err("执行问题编号应为非负整数（收到-3）".to_owned())
        );
    }
}
