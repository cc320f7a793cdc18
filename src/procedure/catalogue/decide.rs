//! The acts on a catalogue, judged against it as it stands; and the fold of their events.
//!
//! The version in preparation moves drafting → discussed (the organ fixes it, Art. 3(3):
//! 决策机关…确定决策事项目录) → consented (the same-level Party committee) → published, and then
//! the next adjustment starts drafting. Items change only while drafting, so what is published
//! is what was discussed and consented to.

use chrono::NaiveDate;

use super::super::model::{Actor, Role};
use super::super::rules::{Refusal, Rule, ensure};
use super::super::values::{Text, ValueError};
use super::*;

/// Who acts, and when.
#[derive(Debug, Clone, Copy)]
pub struct CatalogueContext<'a> {
    pub actor: &'a Actor,
    pub today: NaiveDate,
    /// The profile's earliest record date: nothing is dated before it.
    pub earliest: NaiveDate,
}

/// Opens the catalogue of `year` with last year's carried-over items.
#[allow(clippy::too_many_arguments)]
pub fn open(
    id: String,
    organ: String,
    year: i32,
    title: Text,
    office: Role,
    adjustment_consent: bool,
    opened_on: NaiveDate,
    carried_in: Vec<Item>,
    ctx: &CatalogueContext,
) -> Result<(Catalogue, CatalogueEvent), Refusal> {
    if ctx.actor.role != office {
        return Err(Refusal::Forbidden {
            act: CatalogueAct::Open.label(),
        });
    }
    dated(opened_on, ctx)?;
    let event = CatalogueEvent::Opened(Opening {
        organ: organ.clone(),
        year,
        title: title.clone(),
        office,
        adjustment_consent,
        opened_on,
        carried_in: carried_in.clone(),
        opened_by: ctx.actor.clone(),
    });
    let empty = Catalogue {
        id,
        organ,
        year,
        title,
        office,
        adjustment_consent,
        opened_on,
        version: 0,
        items: Vec::new(),
        submissions: Vec::new(),
        revision: Revision {
            number: 1,
            step: Step::Drafting,
            changes: Vec::new(),
        },
        versions: Vec::new(),
        carried_over: Vec::new(),
        report: None,
        passed: Vec::new(),
    };
    let catalogue = evolve(&empty, std::slice::from_ref(&event));
    Ok((catalogue, event))
}

/// Judges one act on the catalogue.
pub fn decide(
    c: &Catalogue,
    cmd: &CatalogueCommand,
    ctx: &CatalogueContext,
) -> Result<Vec<CatalogueEvent>, Refusal> {
    let act = CatalogueAct::of(cmd);
    let role_ok = if act.by_units() {
        ctx.actor.role == Role::Sponsor
    } else {
        ctx.actor.role == c.office
    };
    if !role_ok {
        return Err(Refusal::Forbidden { act: act.label() });
    }
    use CatalogueCommand as C;
    match cmd {
        C::Submit {
            id,
            change,
            reason,
            submitted_on,
        } => {
            dated(*submitted_on, ctx)?;
            not_before(*submitted_on, c.opened_on, "目录编制之日")?;
            // Art. 3(3): the catalogue is adjusted "根据实际情况" — an adjustment says what changed.
            ensure(
                c.versions.is_empty() || reason.is_some(),
                Rule::CatalogueAdjustmentReason,
                || "目录公布后调整事项，应当说明调整的理由".into(),
            )?;
            match change {
                Change::Add { fields } => in_year(fields, c.year)?,
                Change::Amend { item_id, fields } => {
                    active_item(c, item_id)?;
                    in_year(fields, c.year)?;
                }
                Change::Withdraw { item_id } => {
                    active_item(c, item_id)?;
                }
            }
            Ok(vec![CatalogueEvent::ItemSubmitted(Submission {
                id: id.clone(),
                change: change.clone(),
                reason: reason.clone(),
                unit: Text::generated(&ctx.actor.unit),
                submitted_by: ctx.actor.name.clone(),
                submitted_on: *submitted_on,
                status: SubmissionStatus::Pending,
            })])
        }
        C::Accept {
            submission_id,
            amended,
            note,
            accepted_on,
        } => {
            drafting(c, act)?;
            let s = pending(c, submission_id, act)?;
            dated(*accepted_on, ctx)?;
            not_before(*accepted_on, s.submitted_on, "申报之日")?;
            if amended.is_some() && note.is_none() {
                return Err(ValueError::Empty {
                    field: "修改申报内容的说明",
                }
                .into());
            }
            let item = match (&s.change, amended) {
                (Change::Add { .. }, Some(fields)) => {
                    in_year(fields, c.year)?;
                    new_item(&s.id, fields.clone())
                }
                (Change::Add { fields }, None) => new_item(&s.id, fields.clone()),
                (Change::Amend { item_id, fields }, edit) => {
                    let fields = edit.as_ref().unwrap_or(fields);
                    in_year(fields, c.year)?;
                    Item {
                        fields: fields.clone(),
                        ..active_item(c, item_id)?.clone()
                    }
                }
                (Change::Withdraw { item_id }, _) => Item {
                    status: ItemStatus::Withdrawn {
                        withdrawn_on: *accepted_on,
                        reason: s
                            .reason
                            .clone()
                            .unwrap_or_else(|| Text::generated("申报单位撤回")),
                    },
                    ..active_item(c, item_id)?.clone()
                },
            };
            Ok(vec![CatalogueEvent::SubmissionAccepted {
                submission_id: s.id.clone(),
                item,
                note: note.clone(),
                accepted_on: *accepted_on,
            }])
        }
        C::Reject {
            submission_id,
            reason,
            rejected_on,
        } => {
            let s = pending(c, submission_id, act)?;
            dated(*rejected_on, ctx)?;
            not_before(*rejected_on, s.submitted_on, "申报之日")?;
            Ok(vec![CatalogueEvent::SubmissionRejected {
                submission_id: s.id.clone(),
                reason: reason.clone(),
                rejected_on: *rejected_on,
            }])
        }
        C::Import { items, imported_on } => {
            drafting(c, act)?;
            if !c.versions.is_empty() {
                return Err(Refusal::NothingToActOn {
                    act: act.label(),
                    why: "目录已经公布，公布后的变更只能由承办单位申请调整",
                });
            }
            if items.is_empty() {
                return Err(ValueError::Empty {
                    field: "导入的事项",
                }
                .into());
            }
            dated(*imported_on, ctx)?;
            not_before(*imported_on, c.opened_on, "目录编制之日")?;
            for (_, fields) in items {
                in_year(fields, c.year)?;
            }
            Ok(vec![CatalogueEvent::ItemsImported {
                items: items
                    .iter()
                    .map(|(id, f)| new_item(id, f.clone()))
                    .collect(),
                imported_on: *imported_on,
            }])
        }
        C::RecordDiscussion(d) => {
            drafting(c, act)?;
            if c.revision.changes.is_empty() {
                return Err(Refusal::NothingToActOn {
                    act: act.label(),
                    why: "目录（调整）尚无采纳的事项或者变更",
                });
            }
            dated(d.held_on, ctx)?;
            not_before(d.held_on, last_change_on(c), "最后一项变更的采纳之日")?;
            Ok(vec![CatalogueEvent::Discussed(d.clone())])
        }
        C::RecordConsent(consent) => {
            let Step::Discussed { discussion } = &c.revision.step else {
                return Err(match c.revision.step {
                    Step::Consented { .. } => Refusal::AlreadyDone { act: act.label() },
                    _ => Refusal::rule(
                        Rule::CatalogueFixed,
                        "目录（调整）应当先由决策机关确定（常务会议讨论），再报请同级党委同意",
                    ),
                });
            };
            dated(consent.consented_on, ctx)?;
            not_before(consent.consented_on, discussion.held_on, "常务会议讨论之日")?;
            Ok(vec![CatalogueEvent::Consented(consent.clone())])
        }
        C::Publish(p) => {
            // Art. 3(3): 决策机关…确定决策事项目录…经同级党委同意后向社会公布.
            let needs_consent = c.revision.number == 1 || c.adjustment_consent;
            let after = match &c.revision.step {
                Step::Drafting => {
                    return Err(Refusal::rule(
                        Rule::CatalogueFixed,
                        "目录（调整）未经决策机关确定（常务会议讨论），不得公布",
                    ));
                }
                Step::Discussed { .. } if needs_consent => {
                    return Err(Refusal::rule(
                        Rule::CatalogueConsent,
                        "目录未经同级党委同意，不得向社会公布",
                    ));
                }
                Step::Discussed { discussion } => (discussion.held_on, "常务会议讨论之日"),
                Step::Consented { consent, .. } => (consent.consented_on, "同级党委同意之日"),
            };
            if p.channels.is_empty() {
                return Err(ValueError::Empty {
                    field: "公布途径"
                }
                .into());
            }
            dated(p.published_on, ctx)?;
            not_before(p.published_on, after.0, after.1)?;
            Ok(vec![CatalogueEvent::Published {
                number: c.revision.number,
                publication: p.clone(),
            }])
        }
        C::CarryOver(carry) => {
            let Some(latest) = c.latest() else {
                return Err(Refusal::NothingToActOn {
                    act: act.label(),
                    why: "目录尚未公布，没有可结转的事项",
                });
            };
            let listed = latest
                .items
                .iter()
                .any(|i| i.id == carry.item_id && i.is_active());
            if !listed {
                return Err(Refusal::NotFound {
                    what: "目录中在列的该事项",
                });
            }
            if c.carried(&carry.item_id).is_some() {
                return Err(Refusal::AlreadyDone { act: act.label() });
            }
            dated(carry.carried_on, ctx)?;
            not_before(
                carry.carried_on,
                latest.publication.published_on,
                "目录公布之日",
            )?;
            Ok(vec![CatalogueEvent::ItemCarriedOver(carry.clone())])
        }
        C::PublishReport(r) => {
            let Some(latest) = c.latest() else {
                return Err(Refusal::NothingToActOn {
                    act: act.label(),
                    why: "目录尚未公布，没有执行情况可报告",
                });
            };
            if c.report.is_some() {
                return Err(Refusal::AlreadyDone { act: act.label() });
            }
            if r.publication.channels.is_empty() {
                return Err(ValueError::Empty {
                    field: "公布途径"
                }
                .into());
            }
            let on = r.publication.published_on;
            dated(on, ctx)?;
            not_before(on, latest.publication.published_on, "目录公布之日")?;
            // What the year decided is known only as it ends: the report comes from its last month.
            if on < report_earliest(c.year) {
                return Err(Refusal::NothingToActOn {
                    act: act.label(),
                    why: "年度执行情况自目录年度的最后一个月起方可公布",
                });
            }
            Ok(vec![CatalogueEvent::ReportPublished(r.clone())])
        }
    }
}

/// Folds events into the catalogue's next state. Never fails: events were judged when made.
pub fn evolve(c: &Catalogue, events: &[CatalogueEvent]) -> Catalogue {
    let mut c = c.clone();
    for e in events {
        apply(&mut c, e);
    }
    c
}

fn apply(c: &mut Catalogue, e: &CatalogueEvent) {
    c.version += 1;
    match e {
        CatalogueEvent::Opened(o) => {
            c.added(&o.carried_in);
            c.items = o.carried_in.clone();
        }
        CatalogueEvent::ItemSubmitted(s) => c.submissions.push(s.clone()),
        CatalogueEvent::SubmissionAccepted {
            submission_id,
            item,
            note,
            accepted_on,
        } => {
            let Some(s) = c.submissions.iter_mut().find(|s| &s.id == submission_id) else {
                return;
            };
            let edited = match &s.change {
                Change::Add { fields } | Change::Amend { fields, .. } => *fields != item.fields,
                Change::Withdraw { .. } => false,
            };
            s.status = SubmissionStatus::Accepted {
                accepted_on: *accepted_on,
                note: note.clone(),
                edited,
            };
            let reason = s.reason.clone();
            let published = c.published_item(&item.id);
            let kind = match (item.is_active(), published) {
                (false, false) => {
                    // Never published: it leaves the draft without a trace in any version.
                    c.items.retain(|i| i.id != item.id);
                    c.revision.changes.retain(|ch| ch.item_id != item.id);
                    return;
                }
                (false, true) => ChangeKind::Withdrawn,
                (true, true) => ChangeKind::Changed,
                (true, false) => ChangeKind::Added,
            };
            match c.items.iter_mut().find(|i| i.id == item.id) {
                Some(existing) => *existing = item.clone(),
                None => c.items.push(item.clone()),
            }
            // One change per item per version: the last one says what the version does to it.
            c.revision.changes.retain(|ch| ch.item_id != item.id);
            c.revision.changes.push(AppliedChange {
                item_id: item.id.clone(),
                kind,
                reason,
                submission_id: Some(submission_id.clone()),
            });
        }
        CatalogueEvent::SubmissionRejected {
            submission_id,
            reason,
            rejected_on,
        } => {
            if let Some(s) = c.submissions.iter_mut().find(|s| &s.id == submission_id) {
                s.status = SubmissionStatus::Rejected {
                    rejected_on: *rejected_on,
                    reason: reason.clone(),
                };
            }
        }
        CatalogueEvent::ItemsImported { items, .. } => {
            c.added(items);
            c.items.extend(items.iter().cloned());
        }
        CatalogueEvent::Discussed(d) => {
            c.revision.step = Step::Discussed {
                discussion: d.clone(),
            }
        }
        CatalogueEvent::Consented(consent) => {
            if let Step::Discussed { discussion } = &c.revision.step {
                c.revision.step = Step::Consented {
                    discussion: discussion.clone(),
                    consent: consent.clone(),
                };
            }
        }
        CatalogueEvent::Published {
            number,
            publication,
        } => {
            let (discussion, consent) = match &c.revision.step {
                Step::Discussed { discussion } => (discussion.clone(), None),
                Step::Consented {
                    discussion,
                    consent,
                } => (discussion.clone(), Some(consent.clone())),
                Step::Drafting => return,
            };
            c.versions.push(Version {
                number: *number,
                items: c.items.clone(),
                discussion,
                consent,
                publication: publication.clone(),
                changes: std::mem::take(&mut c.revision.changes),
            });
            c.revision = Revision {
                number: number + 1,
                step: Step::Drafting,
                changes: Vec::new(),
            };
        }
        CatalogueEvent::ItemCarriedOver(carry) => c.carried_over.push(carry.clone()),
        CatalogueEvent::ReportPublished(r) => c.report = Some(r.clone()),
        CatalogueEvent::DeadlinePassed { item_id, due } => {
            c.passed.push((item_id.clone(), *due));
        }
    }
}

impl Catalogue {
    /// Whether a published version lists the item (so withdrawing it is an adjustment).
    fn published_item(&self, id: &str) -> bool {
        self.latest()
            .is_some_and(|v| v.items.iter().any(|i| i.id == id))
    }

    /// Records items entering the draft at once (import, carry-in) as added.
    fn added(&mut self, items: &[Item]) {
        for i in items {
            self.revision.changes.push(AppliedChange {
                item_id: i.id.clone(),
                kind: ChangeKind::Added,
                reason: i
                    .carried_from
                    .map(|y| Text::generated(&format!("由{y}年度目录结转"))),
                submission_id: None,
            });
        }
    }
}

fn new_item(id: &str, fields: ItemFields) -> Item {
    Item {
        id: id.to_owned(),
        fields,
        status: ItemStatus::Active,
        carried_from: None,
    }
}

/// Items change only while the version in preparation is still being drafted.
fn drafting(c: &Catalogue, act: CatalogueAct) -> Result<(), Refusal> {
    match c.revision.step {
        Step::Drafting => Ok(()),
        _ => Err(Refusal::NothingToActOn {
            act: act.label(),
            why: "本版目录（调整）已经常务会议讨论，讨论后不能再变更事项；公布后可以再行调整",
        }),
    }
}

fn pending<'a>(c: &'a Catalogue, id: &str, act: CatalogueAct) -> Result<&'a Submission, Refusal> {
    let s = c.submission(id).ok_or(Refusal::NotFound {
        what: "该目录申报"
    })?;
    match s.status {
        SubmissionStatus::Pending => Ok(s),
        _ => Err(Refusal::AlreadyDone { act: act.label() }),
    }
}

fn active_item<'a>(c: &'a Catalogue, id: &str) -> Result<&'a Item, Refusal> {
    c.item(id)
        .filter(|i| i.is_active())
        .ok_or(Refusal::NotFound {
            what: "目录中在列的该事项",
        })
}

/// A catalogue lists the matters of its year.
fn in_year(fields: &ItemFields, year: i32) -> Result<(), Refusal> {
    if fields.planned.year() != year {
        return Err(ValueError::Invalid {
            field: "计划决策时间",
            why: "应在目录所属年度之内（跨年度的事项在年末结转到下一年度目录）",
        }
        .into());
    }
    Ok(())
}

fn dated(on: NaiveDate, ctx: &CatalogueContext) -> Result<(), Refusal> {
    if on < ctx.earliest {
        return Err(Refusal::InvalidInput(ValueError::DateTooEarly {
            date: on,
            earliest: ctx.earliest,
        }));
    }
    let today = ctx.today;
    ensure(on <= today, Rule::RecordDates, || {
        format!("办理日期{on}晚于今天{today}：可以补录已经发生的事项，不能预先登记")
    })
}

fn not_before(on: NaiveDate, earliest: NaiveDate, what: &str) -> Result<(), Refusal> {
    ensure(on >= earliest, Rule::RecordDates, || {
        format!("办理日期{on}早于{what}{earliest}")
    })
}

/// The date of the last change accepted into the version in preparation.
fn last_change_on(c: &Catalogue) -> NaiveDate {
    c.revision
        .changes
        .iter()
        .filter_map(|ch| ch.submission_id.as_deref())
        .filter_map(|id| c.submission(id))
        .filter_map(|s| match s.status {
            SubmissionStatus::Accepted { accepted_on, .. } => Some(accepted_on),
            _ => None,
        })
        .max()
        .unwrap_or(c.opened_on)
}
