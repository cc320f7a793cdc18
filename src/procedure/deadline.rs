//! Deadlines: every time limit a decision's record implies, computed from its dates with the
//! calendar and profile it is bound to.
//!
//! Pure and derived: a deadline is never stored as a fact of its own, so it can never disagree
//! with the record it comes from. Each names the rule and article that set it, the dates it was
//! computed from and the calendar version used, so an official can check the arithmetic.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalogue::YearMonth;
use super::event::Event;
use super::model::{Decision, Stage};
use super::rules::Rule;
use super::values::Text;
use crate::calendar::{Calendar, CalendarError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DeadlineKind {
    /// Art. 15: the consultation runs to the end of the last day its notice announced (《民法典》
    /// Art. 203: to 24:00), and closes no earlier than the day after.
    ConsultationEnd,
    /// Art. 16: hearing materials reach the participants 7 days before the hearing.
    HearingMaterials,
    /// Art. 26: the meeting comes no earlier than the review office's working days allow.
    EarliestMeeting,
    /// 备案: within the profile's days of publication (《民法典》 Art. 203 applies).
    Filing,
    /// Art. 34: the executing unit reports at the profile's interval.
    ExecutionReport,
    /// Art. 38(2): a catalogue item decided by the end of its planned month, or late (久拖不决).
    CataloguePlannedTime,
}

impl DeadlineKind {
    pub const ALL: [DeadlineKind; 6] = [
        DeadlineKind::ConsultationEnd,
        DeadlineKind::HearingMaterials,
        DeadlineKind::EarliestMeeting,
        DeadlineKind::Filing,
        DeadlineKind::ExecutionReport,
        DeadlineKind::CataloguePlannedTime,
    ];

    /// What the deadline is, as an official names it in a notice or a reminder.
    pub fn label(self) -> &'static str {
        match self {
            DeadlineKind::ConsultationEnd => "公开征求意见期限届满",
            DeadlineKind::HearingMaterials => "听证会材料送达",
            DeadlineKind::EarliestMeeting => "提请集体讨论的最早日期",
            DeadlineKind::Filing => "决策备案",
            DeadlineKind::ExecutionReport => "报告执行情况",
            DeadlineKind::CataloguePlannedTime => "目录事项计划决策时间",
        }
    }
}

/// Whether the date is one to meet by, or one not to act before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    By,
    NotBefore,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineStatus {
    /// Not yet due, or (for a not-before date) not yet reached.
    Open,
    Met,
    /// Done, but after the due date: flagged, not refused.
    MetLate,
    /// Due date passed and still not done.
    Overdue,
    /// A not-before date that has been reached.
    Reached,
    /// The due date needs working-day data the calendar does not have yet (a year whose
    /// holiday notice is not loaded): listed, never guessed.
    Uncomputable,
}

impl DeadlineStatus {
    /// As the workbench shows it.
    pub fn label(self) -> &'static str {
        match self {
            DeadlineStatus::Open => "未到期",
            DeadlineStatus::Met => "已按期完成",
            DeadlineStatus::MetLate => "逾期完成",
            DeadlineStatus::Overdue => "已逾期",
            DeadlineStatus::Reached => "已届满",
            DeadlineStatus::Uncomputable => "暂无法计算",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub direction: Direction,
    /// The due date, or why the calendar cannot give it. A deadline that cannot be computed is
    /// still a deadline of the decision: it is listed with its rule and the dates it comes from,
    /// and the decision's other deadlines stand.
    pub due: Result<NaiveDate, CalendarError>,
    pub rule: Rule,
    /// The dates the due date was computed from, each with what it is.
    pub computed_from: Vec<(&'static str, NaiveDate)>,
    pub calendar_version: String,
    /// When the obligation was fulfilled, if it was.
    pub met_on: Option<NaiveDate>,
    /// The unit that answers for it: the executing unit for execution reports (Art. 34 names
    /// it, and it may differ from the unit that led the drafting), the lead unit otherwise.
    /// `None` before the procedure is started.
    pub unit: Option<Text>,
    /// For a filing deadline, the authority it is owed to: each of the profile's authorities
    /// has its own.
    pub authority: Option<String>,
}

impl Deadline {
    pub fn status(&self, today: NaiveDate) -> DeadlineStatus {
        let Ok(due) = self.due else {
            return DeadlineStatus::Uncomputable;
        };
        match (self.direction, self.met_on) {
            (Direction::NotBefore, _) if today >= due => DeadlineStatus::Reached,
            (Direction::NotBefore, _) => DeadlineStatus::Open,
            (Direction::By, Some(on)) if on <= due => DeadlineStatus::Met,
            (Direction::By, Some(_)) => DeadlineStatus::MetLate,
            (Direction::By, None) if today > due => DeadlineStatus::Overdue,
            (Direction::By, None) => DeadlineStatus::Open,
        }
    }

    /// Late now, or done late: what the overdue views list. A deadline that cannot be
    /// computed is not known to be late, so it is not.
    pub fn is_late(&self, today: NaiveDate) -> bool {
        matches!(
            self.status(today),
            DeadlineStatus::Overdue | DeadlineStatus::MetLate
        )
    }

    /// The year the calendar lacks, when that is why the due date cannot be computed.
    pub fn missing_year(&self) -> Option<i32> {
        match self.due {
            Err(CalendarError::MissingYear { year }) => Some(year),
            _ => None,
        }
    }
}

/// The events the engine records today for deadlines that became late and are not yet recorded
/// (so a sweep that runs twice, or after a restart, records each once). Archived decisions are
/// read-only and get none; a deadline that cannot be computed is not known to be late and
/// gets none, while the decision's other deadlines still do.
pub fn newly_passed(d: &Decision, calendar: &Calendar, today: NaiveDate) -> Vec<Event> {
    if d.stage == Stage::Archived {
        return Vec::new();
    }
    let mut events = Vec::new();
    for dl in deadlines(d, calendar) {
        if !dl.is_late(today) {
            continue;
        }
        // Late implies a computed date: one the calendar cannot give is never late.
        let Ok(due) = dl.due else { continue };
        let event = Event::DeadlinePassed { kind: dl.kind, due };
        // Deadlines of one kind due the same day (filing with two authorities) are one event.
        if !d.passed_deadlines.contains(&(dl.kind, due)) && !events.contains(&event) {
            events.push(event);
        }
    }
    events
}

/// Every deadline the decision's record implies, oldest obligation first. Never fails as a
/// whole: a due date the calendar cannot compute is that deadline's own state.
pub fn deadlines(d: &Decision, calendar: &Calendar) -> Vec<Deadline> {
    let profile = &d.binding.profile;
    let version = &d.binding.calendar_version;
    let lead_unit = d.start.as_ref().map(|s| s.lead_unit.clone());
    let deadline = |kind, direction, due, rule, computed_from, met_on, unit| Deadline {
        kind,
        direction,
        due,
        rule,
        computed_from,
        calendar_version: version.clone(),
        met_on,
        unit,
        authority: None,
    };
    let mut out = Vec::new();
    // The public keeps the whole announced period, its last day to 24:00: the consultation
    // closes on the day after, no earlier.
    if let Some(c) = &d.consultation
        && c.closure.is_none()
    {
        out.push(deadline(
            DeadlineKind::ConsultationEnd,
            Direction::NotBefore,
            // Act dates are bounded to 2000–2099 at the edge: there is always a next day.
            Ok(c.notice.ends_on.succ_opt().unwrap_or(c.notice.ends_on)),
            Rule::ConsultationLastDay,
            vec![
                ("公开征求意见开始日期", c.notice.opened_on),
                ("公告的截止日期（至24时）", c.notice.ends_on),
            ],
            None,
            lead_unit.clone(),
        ));
    }
    for h in &d.hearings {
        let due = h.held_on - chrono::Days::new(u64::from(profile.hearing_materials_days));
        out.push(deadline(
            DeadlineKind::HearingMaterials,
            Direction::By,
            Ok(due),
            Rule::HearingMaterials7Days,
            vec![("听证会召开日期", h.held_on)],
            Some(h.materials_delivered_on),
            lead_unit.clone(),
        ));
    }
    // Art. 26: only while the meeting is still to come, and unless a shorter time was justified.
    if let Some(r) = d.current_review()
        && r.shortened_reason.is_none()
        && matches!(d.stage, Stage::LegalityReview | Stage::AwaitingDiscussion)
    {
        let due = calendar.add_working_days(r.requested_on, profile.review_min_working_days);
        out.push(deadline(
            DeadlineKind::EarliestMeeting,
            Direction::NotBefore,
            due,
            Rule::ReviewMinTime,
            vec![("送请合法性审查日期", r.requested_on)],
            None,
            lead_unit.clone(),
        ));
    }
    if let Some(p) = &d.publication
        && d.proposal.flags.normative_document
    {
        // 《民法典》 Art. 201/203: counted from the day after publication; a last day that is a
        // rest day moves to the next working day. One deadline per authority: each filing is
        // made, and may be late, on its own.
        let end = calendar.calendar_period_end(p.published_on, profile.filing_deadline_days);
        for authority in &profile.filing_authorities {
            out.push(Deadline {
                authority: Some(authority.clone()),
                ..deadline(
                    DeadlineKind::Filing,
                    Direction::By,
                    end.clone().map(|e| e.effective),
                    Rule::FilingDeadline,
                    vec![("公布日期", p.published_on)],
                    d.filing_with(authority).map(|f| f.filed_on),
                    lead_unit.clone(),
                )
            });
        }
    }
    if let Some(x) = &d.execution
        && matches!(d.stage, Stage::InExecution | Stage::PostEvaluation)
        && !x.completed()
    {
        let last = x
            .reports
            .iter()
            .map(|r| r.reported_on)
            .max()
            .unwrap_or(x.started_on);
        let due = last + chrono::Days::new(u64::from(profile.execution_report_interval_days));
        out.push(deadline(
            DeadlineKind::ExecutionReport,
            Direction::By,
            Ok(due),
            Rule::ExecutionReport,
            vec![("上次报告或开始执行日期", last)],
            None,
            Some(x.unit.clone()),
        ));
    }
    out
}

/// Art. 38(2) (依法应当及时作出决策而久拖不决): a catalogue item is due by the last day of its
/// planned month, and met when the organ decides the decision it links to.
pub fn catalogue_deadline(
    planned: YearMonth,
    lead_unit: &Text,
    decided_on: Option<NaiveDate>,
    calendar_version: &str,
) -> Deadline {
    Deadline {
        kind: DeadlineKind::CataloguePlannedTime,
        direction: Direction::By,
        // Month-end is a calendar date: no working days are counted.
        due: Ok(planned.last_day()),
        rule: Rule::CataloguePlannedTime,
        computed_from: vec![("计划决策时间（当月末）", planned.last_day())],
        calendar_version: calendar_version.to_owned(),
        met_on: decided_on,
        unit: Some(lead_unit.clone()),
        authority: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(due: &str, met_on: Option<&str>) -> Deadline {
        Deadline {
            kind: DeadlineKind::Filing,
            direction: Direction::By,
            due: Ok(day(due)),
            rule: Rule::FilingDeadline,
            computed_from: vec![],
            calendar_version: "v".into(),
            met_on: met_on.map(day),
            unit: None,
            authority: None,
        }
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn a_deadline_is_open_until_due_then_overdue_and_met_late_stays_flagged() {
        let open = by("2026-07-01", None);
        assert_eq!(open.status(day("2026-07-01")), DeadlineStatus::Open);
        assert_eq!(open.status(day("2026-07-02")), DeadlineStatus::Overdue);
        assert!(open.is_late(day("2026-07-02")));
        let on_time = by("2026-07-01", Some("2026-07-01"));
        assert_eq!(on_time.status(day("2026-08-01")), DeadlineStatus::Met);
        assert!(!on_time.is_late(day("2026-08-01")));
        let late = by("2026-07-01", Some("2026-07-02"));
        assert_eq!(late.status(day("2026-07-02")), DeadlineStatus::MetLate);
        assert!(late.is_late(day("2030-01-01")));
    }

    #[test]
    fn a_not_before_date_is_reached_never_late() {
        let mut earliest = by("2026-02-28", None);
        earliest.direction = Direction::NotBefore;
        assert_eq!(earliest.status(day("2026-02-27")), DeadlineStatus::Open);
        assert_eq!(earliest.status(day("2026-02-28")), DeadlineStatus::Reached);
        assert!(!earliest.is_late(day("2027-01-01")));
    }

    #[test]
    fn a_due_date_the_calendar_cannot_give_is_uncomputable_and_never_late() {
        let mut filing = by("2026-07-01", None);
        filing.due = Err(CalendarError::MissingYear { year: 2027 });
        assert_eq!(
            filing.status(day("2027-03-01")),
            DeadlineStatus::Uncomputable
        );
        assert!(!filing.is_late(day("2027-03-01")));
        assert_eq!(filing.missing_year(), Some(2027));
        assert_eq!(by("2026-07-01", None).missing_year(), None);
    }
}
