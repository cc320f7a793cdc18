//! 督办: the organ's order to the unit that answers for a late deadline (Art. 34: the organ
//! supervises execution; Art. 39, 40: it orders the sponsor or the executing unit to put a
//! failure right).

use super::{Context, Event};
use crate::procedure::command::IssueSupervisionNotice;
use crate::procedure::deadline::{Direction, deadlines};
use crate::procedure::model::{Decision, SupervisionNotice};
use crate::procedure::rules::{Refusal, Rule, ensure};

/// A notice is issued on a deadline that is late on the day it is issued — passed, and not met
/// by then — and sets a new date after that day. It names the unit the record says answers for
/// the deadline, never one the caller chooses, so it cannot be sent to the wrong office.
pub(super) fn notice(
    d: &Decision,
    n: &IssueSupervisionNotice,
    ctx: &Context,
) -> Result<Event, Refusal> {
    let issued_on = n.issued_on;
    let deadline = n.deadline.label();
    let due = n.due;
    let late = deadlines(d, ctx.calendar).into_iter().find(|dl| {
        dl.kind == n.deadline
            && dl.direction == Direction::By
            && dl.due == Ok(n.due)
            && n.due < issued_on
            && dl.met_on.is_none_or(|met| met > issued_on)
    });
    let unit = match late.and_then(|dl| dl.unit) {
        Some(unit) => unit,
        None => {
            return Err(Refusal::rule(
                Rule::SupervisionLateItem,
                format!(
                    "督办只能针对督办之日已经逾期、尚未办理的期限；本决策没有于{due}到期而未办理的“{deadline}”"
                ),
            ));
        }
    };
    ensure(n.new_date > issued_on, Rule::SupervisionLateItem, || {
        "督办应当确定晚于督办日期的办理期限".into()
    })?;
    Ok(Event::SupervisionNoticeIssued(SupervisionNotice {
        number: d.supervision_notices.len() as u32 + 1,
        issued_on,
        deadline: n.deadline,
        due: n.due,
        unit,
        new_date: n.new_date,
        requirement: n.requirement.clone(),
    }))
}
