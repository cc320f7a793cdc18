//! The catalogue's core, without the database: what the acts allow, what the fold keeps.

use chrono::NaiveDate;

use super::*;
use crate::procedure::model::Role;
use crate::procedure::rules::{Refusal, Rule};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date literal")
}

fn t(s: &str) -> Text {
    Text::generated(s)
}

fn actor(role: Role) -> Actor {
    Actor {
        id: format!("{role:?}"),
        name: "经办人".into(),
        organ: "平桥区人民政府".into(),
        unit: "区住房和城乡建设局".into(),
        role,
        on_behalf_of: None,
    }
}

fn fields(name: &str, planned: &str) -> ItemFields {
    ItemFields {
        name: t(name),
        lead_unit: t("区住房和城乡建设局"),
        co_units: vec![],
        kind: MatterKind::PublicPolicy,
        basis_and_content: t("依据"),
        procedures: PlannedProcedures::default(),
        planned: YearMonth::parse(planned).expect("a month"),
        remarks: None,
    }
}

/// Runs `cmd` as `role` on `c` today, returning the next state.
fn run(c: &Catalogue, role: Role, cmd: CatalogueCommand) -> Result<Catalogue, Refusal> {
    let a = actor(role);
    let ctx = CatalogueContext {
        actor: &a,
        today: day("2026-06-15"),
        earliest: day("2019-09-01"),
    };
    let events = decide(c, &cmd, &ctx)?;
    Ok(evolve(c, &events))
}

fn opened(adjustment_consent: bool) -> Catalogue {
    let a = actor(Role::Secretariat);
    let ctx = CatalogueContext {
        actor: &a,
        today: day("2026-06-15"),
        earliest: day("2019-09-01"),
    };
    open(
        "c".into(),
        "平桥区人民政府".into(),
        2026,
        t("《目录》"),
        Role::Secretariat,
        adjustment_consent,
        day("2026-01-05"),
        vec![],
        &ctx,
    )
    .expect("opened")
    .0
}

fn submitted(c: &Catalogue, id: &str, change: Change, reason: Option<&str>) -> Catalogue {
    run(
        c,
        Role::Sponsor,
        CatalogueCommand::Submit {
            id: id.into(),
            change,
            reason: reason.map(t),
            submitted_on: day("2026-01-10"),
        },
    )
    .expect("submitted")
}

fn accepted(c: &Catalogue, id: &str) -> Catalogue {
    run(
        c,
        Role::Secretariat,
        CatalogueCommand::Accept {
            submission_id: id.into(),
            amended: None,
            note: None,
            accepted_on: day("2026-01-20"),
        },
    )
    .expect("accepted")
}

fn fixed(c: &Catalogue, consent: bool, on: &str) -> Catalogue {
    let mut c = run(
        c,
        Role::Secretariat,
        CatalogueCommand::RecordDiscussion(Discussion {
            held_on: day("2026-02-01"),
            session: t("常务会议"),
        }),
    )
    .expect("discussed");
    if consent {
        c = run(
            &c,
            Role::Secretariat,
            CatalogueCommand::RecordConsent(Consent {
                consented_on: day("2026-02-02"),
                reference: t("区委常委会"),
            }),
        )
        .expect("consented");
    }
    run(
        &c,
        Role::Secretariat,
        CatalogueCommand::Publish(Publication {
            published_on: day(on),
            channels: vec![t("网站")],
            document_number: t("平政办〔2026〕1号"),
        }),
    )
    .expect("published")
}

#[test]
fn a_month_reads_both_ways_and_ends_on_its_last_day() {
    let m = YearMonth::parse("2026-02").expect("iso");
    assert_eq!(YearMonth::parse("2026年2月"), Ok(m));
    assert_eq!(m.last_day(), day("2026-02-28"));
    assert_eq!(
        YearMonth::parse("2026-12").map(YearMonth::last_day),
        Ok(day("2026-12-31"))
    );
    assert_eq!(m.label(), "2026年2月");
    assert!(YearMonth::parse("2026-13").is_err());
    assert!(YearMonth::parse("二〇二六年二月").is_err());
}

#[test]
fn the_procedures_column_reads_back_what_it_prints() {
    let p = PlannedProcedures {
        public_consultation: true,
        hearing: true,
        expert_argumentation: false,
        risk_assessment: true,
    };
    assert_eq!(
        p.label(),
        "公开征求意见、听证、风险评估、合法性审查、集体讨论决定"
    );
    assert_eq!(PlannedProcedures::parse(&p.label()), Ok(p));
    assert!(PlannedProcedures::parse("公开征求意见、现场踏勘").is_err());
}

#[test]
fn an_adjustment_publishes_without_consent_only_where_the_profile_says_so() {
    for needs_consent in [true, false] {
        let c = opened(needs_consent);
        let c = submitted(
            &c,
            "a",
            Change::Add {
                fields: fields("甲", "2026-09"),
            },
            None,
        );
        let c = fixed(&accepted(&c, "a"), true, "2026-02-03");
        let c = submitted(
            &c,
            "b",
            Change::Add {
                fields: fields("乙", "2026-10"),
            },
            Some("新增"),
        );
        let c = run(
            &accepted(&c, "b"),
            Role::Secretariat,
            CatalogueCommand::RecordDiscussion(Discussion {
                held_on: day("2026-03-01"),
                session: t("常务会议"),
            }),
        )
        .expect("discussed");
        let published = run(
            &c,
            Role::Secretariat,
            CatalogueCommand::Publish(Publication {
                published_on: day("2026-03-02"),
                channels: vec![t("网站")],
                document_number: t("平政办〔2026〕2号"),
            }),
        );
        match (needs_consent, published) {
            (true, Err(Refusal::Rule { rule, .. })) => assert_eq!(rule, Rule::CatalogueConsent),
            (false, Ok(c)) => {
                assert_eq!(c.versions.len(), 2);
                assert_eq!(c.versions[1].consent, None);
            }
            (needs, other) => panic!("consent needed {needs}: {other:?}"),
        }
    }
}

#[test]
fn an_item_withdrawn_before_it_was_ever_published_leaves_no_trace() {
    let c = opened(true);
    let c = submitted(
        &c,
        "a",
        Change::Add {
            fields: fields("甲", "2026-09"),
        },
        None,
    );
    let c = accepted(&c, "a");
    let c = submitted(
        &c,
        "w",
        Change::Withdraw {
            item_id: "a".into(),
        },
        None,
    );
    let c = accepted(&c, "w");
    assert!(c.items.is_empty());
    assert!(c.revision.changes.is_empty());
}

#[test]
fn the_version_in_force_is_the_last_published_on_or_before_the_day() {
    let c = opened(true);
    let c = submitted(
        &c,
        "a",
        Change::Add {
            fields: fields("甲", "2026-09"),
        },
        None,
    );
    let c = fixed(&accepted(&c, "a"), true, "2026-02-03");
    assert_eq!(c.in_force_on(day("2026-02-02")), None);
    assert_eq!(c.in_force_on(day("2026-02-03")).map(|v| v.number), Some(1));
}

#[test]
fn a_diff_over_several_versions_gathers_each_reason() {
    let c = opened(false);
    let c = submitted(
        &c,
        "a",
        Change::Add {
            fields: fields("甲", "2026-07"),
        },
        None,
    );
    let mut c = fixed(&accepted(&c, "a"), true, "2026-02-03");
    for (i, (month, why)) in [("2026-09", "第一次推迟"), ("2026-11", "第二次推迟")]
        .iter()
        .enumerate()
    {
        let id = format!("m{i}");
        c = submitted(
            &c,
            &id,
            Change::Amend {
                item_id: "a".into(),
                fields: fields("甲", month),
            },
            Some(why),
        );
        c = fixed(&accepted(&c, &id), false, "2026-04-01");
    }
    let d = diff(&c, 1, 3).expect("diff");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].kind, ItemChangeKind::Changed);
    assert_eq!(
        d[0].fields,
        vec![FieldChange {
            field: "计划决策时间",
            from: "2026年7月".into(),
            to: "2026年11月".into()
        }]
    );
    assert_eq!(d[0].reasons, ["第一次推迟", "第二次推迟"]);
    assert!(matches!(diff(&c, 1, 9), Err(Refusal::NotFound { .. })));
}

#[test]
fn a_unit_cannot_do_the_offices_acts_nor_the_office_submit() {
    let c = opened(true);
    let refused = run(
        &c,
        Role::Secretariat,
        CatalogueCommand::Submit {
            id: "x".into(),
            change: Change::Add {
                fields: fields("甲", "2026-09"),
            },
            reason: None,
            submitted_on: day("2026-01-10"),
        },
    );
    assert!(matches!(refused, Err(Refusal::Forbidden { .. })));
    let c = submitted(
        &c,
        "a",
        Change::Add {
            fields: fields("甲", "2026-09"),
        },
        None,
    );
    let refused = run(
        &c,
        Role::Sponsor,
        CatalogueCommand::Accept {
            submission_id: "a".into(),
            amended: None,
            note: None,
            accepted_on: day("2026-01-20"),
        },
    );
    assert!(matches!(refused, Err(Refusal::Forbidden { .. })));
}
