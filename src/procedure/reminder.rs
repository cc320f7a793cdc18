//! Reminders (超期预警 and 督办): which notices a decision's record calls for today, so that the
//! unit that answers for a deadline hears of it before it passes, when it has passed, and when
//! the government office issues a supervision notice on it.
//!
//! Pure, like the deadlines they come from: the service asks on each sweep and stores each
//! reminder under its key ([`Reminder::key`]), once — so however often it asks, on however many
//! servers, a unit is told once per deadline and threshold.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::catalogue::{Catalogue, Linked};
use super::deadline::{Deadline, DeadlineKind, Direction, deadlines};
use super::model::{Decision, Stage};
use super::values::Text;
use crate::calendar::Calendar;

/// Which notice of a deadline a reminder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    /// The deadline falls due within this many working days (the profile's number for its kind).
    Before(u32),
    /// It has passed and is not met.
    Passed,
    /// The government office issued the supervision notice with this number on it.
    Supervision(u32),
}

impl Threshold {
    /// The stable text stored with the reminder: part of its key, so never renamed.
    pub fn key(self) -> String {
        match self {
            Threshold::Before(n) => format!("BEFORE_{n}"),
            Threshold::Passed => "PASSED".to_owned(),
            Threshold::Supervision(n) => format!("SUPERVISION_{n}"),
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        if key == "PASSED" {
            return Some(Threshold::Passed);
        }
        if let Some(n) = key.strip_prefix("BEFORE_") {
            return n.parse().ok().map(Threshold::Before);
        }
        key.strip_prefix("SUPERVISION_")
            .and_then(|n| n.parse().ok())
            .map(Threshold::Supervision)
    }
}

/// What a reminder is about: a decision, or a catalogue item no decision has decided yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum About {
    Decision(String),
    CatalogueItem(String),
}

impl About {
    pub fn id(&self) -> &str {
        match self {
            About::Decision(id) | About::CatalogueItem(id) => id,
        }
    }
}

/// A notice the record calls for: to the unit that answers for the deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub about: About,
    /// The decision's title or the item's name.
    pub title: Text,
    pub organ: String,
    pub unit: Text,
    pub kind: DeadlineKind,
    pub due: NaiveDate,
    pub threshold: Threshold,
    /// What the unit reads, in full.
    pub message: String,
}

impl Reminder {
    /// What makes it the same reminder however often and wherever it is computed.
    pub fn key(&self) -> (String, DeadlineKind, NaiveDate, String) {
        (
            self.about.id().to_owned(),
            self.kind,
            self.due,
            self.threshold.key(),
        )
    }
}

/// The reminder one deadline calls for on `today`, if any: when it is to be met, is not met,
/// and is `ahead[kind]` working days or fewer away (a kind the table leaves out is not
/// reminded ahead), or has passed. A deadline the calendar cannot compute is not known to be
/// near, so it calls for none.
fn of_deadline(
    dl: &Deadline,
    about: &About,
    (title, organ): (&Text, &str),
    calendar: &Calendar,
    today: NaiveDate,
    ahead: &BTreeMap<DeadlineKind, u32>,
) -> Option<Reminder> {
    let (&Ok(due), Some(unit), None, Direction::By) = (&dl.due, &dl.unit, dl.met_on, dl.direction)
    else {
        return None;
    };
    let what = dl.kind.label();
    let basis = dl.rule.citation();
    let near = ahead.get(&dl.kind).copied().filter(|n| {
        calendar
            .working_days_between(today, due)
            .is_ok_and(|left| left <= i64::from(*n))
    });
    let (threshold, message) = match near {
        _ if today > due => (
            Threshold::Passed,
            format!(
                "【逾期提醒】《{title}》的“{what}”期限已于{due}届满，尚未办理，请{unit}尽快办理（{basis}）。"
            ),
        ),
        Some(n) => (
            Threshold::Before(n),
            format!(
                "【到期预警】《{title}》的“{what}”期限将于{due}届满（提前{n}个工作日提醒），请{unit}及时办理（{basis}）。"
            ),
        ),
        None => return None,
    };
    Some(Reminder {
        about: about.clone(),
        title: title.clone(),
        organ: organ.to_owned(),
        unit: unit.clone(),
        kind: dl.kind,
        due,
        threshold,
        message,
    })
}

/// Adds `r` unless one with its key is there: deadlines of one kind due the same day (filing
/// with two authorities) are one reminder.
fn push_once(out: &mut Vec<Reminder>, r: Reminder) {
    if !out.iter().any(|o| o.key() == r.key()) {
        out.push(r);
    }
}

/// The reminders the decision's record calls for on `today`: one per deadline near or passed
/// (see [`of_deadline`]), and one for each supervision notice. Already sent ones are among
/// them — the caller stores each once. An archived record calls for none.
pub fn reminders(
    d: &Decision,
    calendar: &Calendar,
    today: NaiveDate,
    ahead: &BTreeMap<DeadlineKind, u32>,
) -> Vec<Reminder> {
    if d.stage == Stage::Archived {
        return Vec::new();
    }
    let about = About::Decision(d.id.clone());
    let title = &d.proposal.title;
    let organ = d.proposer.organ.as_str();
    let mut out = Vec::new();
    for dl in deadlines(d, calendar) {
        if let Some(r) = of_deadline(&dl, &about, (title, organ), calendar, today, ahead) {
            push_once(&mut out, r);
        }
    }
    for n in &d.supervision_notices {
        let what = n.deadline.label();
        let message = format!(
            "【督办】政府办公室于{}对《{title}》的“{what}”（{}到期，尚未办理）督办：{}。请{}于{}前办理完毕。",
            n.issued_on, n.due, n.requirement, n.unit, n.new_date
        );
        out.push(Reminder {
            about: about.clone(),
            title: title.clone(),
            organ: organ.to_owned(),
            unit: n.unit.clone(),
            kind: n.deadline,
            due: n.due,
            threshold: Threshold::Supervision(n.number),
            message,
        });
    }
    out
}

/// The reminders the catalogue calls for on `today`: for each item in force that no decision
/// has decided yet, when the end of its planned month is near or has passed (Art. 38(2),
/// 久拖不决), to its lead unit. An item a decision decides is met; one carried over answers in
/// next year's catalogue.
pub fn item_reminders(
    c: &Catalogue,
    linked: impl Fn(&str) -> Option<Linked>,
    calendar: &Calendar,
    today: NaiveDate,
    ahead: &BTreeMap<DeadlineKind, u32>,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    for (item, dl) in c.deadlines(linked, &calendar.version()) {
        let about = About::CatalogueItem(item.id.clone());
        let title = &item.fields.name;
        if let Some(r) = of_deadline(&dl, &about, (title, &c.organ), calendar, today, ahead) {
            push_once(&mut out, r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_threshold_reads_back_from_its_key() {
        for t in [
            Threshold::Before(3),
            Threshold::Passed,
            Threshold::Supervision(2),
        ] {
            assert_eq!(Threshold::parse(&t.key()), Some(t));
        }
        assert_eq!(Threshold::parse("BEFORE_x"), None);
        assert_eq!(Threshold::parse("LATER"), None);
    }
}
