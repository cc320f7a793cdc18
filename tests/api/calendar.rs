//! Statutory time over HTTP: the calendar queries anyone can check, the working-day rule of
//! the legality review around the 2026 Spring Festival (make-up Saturday included), deadlines as
//! the server's clock moves past them, a deadline the calendar cannot compute yet, and the
//! operator's warning before the calendar data ends.

use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn anyone_can_ask_which_day_the_engine_counts_as_the_seventh_working_day() {
    let app = spawn_app().await;
    let q = r#"{ add: addWorkingDays(date: "2026-02-12", n: 7)
                 between: workingDaysBetween(from: "2026-02-12", to: "2026-02-28")
                 years: calendarYears { year source workingDays } calendarVersion }"#;
    let body = app.gql(None, q, json!({})).await;
    assert!(body["errors"].is_null(), "{body}");
    assert_eq!(body["data"]["add"], "2026-02-28");
    assert_eq!(body["data"]["between"], 7);
    let totals: Vec<(i64, i64)> = body["data"]["years"]
        .as_array()
        .expect("years")
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap_or(0),
                y["workingDays"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(totals, [(2024, 251), (2025, 248), (2026, 248)]);
    assert!(
        body["data"]["years"][0]["source"]
            .as_str()
            .is_some_and(|s| s.contains("国办发明电〔2023〕7号")),
        "{body}"
    );
    assert_eq!(
        body["data"]["calendarVersion"].as_str().map(str::len),
        Some(64)
    );
}

#[tokio::test]
async fn a_computation_reaching_a_year_without_data_is_refused_naming_the_year() {
    let app = spawn_app().await;
    for q in [
        r#"{ addWorkingDays(date: "2026-12-28", n: 10) }"#,
        r#"{ workingDaysBetween(from: "2026-12-01", to: "2027-01-15") }"#,
    ] {
        let body = app.gql(None, q, json!({})).await;
        let e = &body["errors"][0];
        assert_eq!(e["extensions"]["code"], "INVALID_INPUT", "{body}");
        assert_eq!(e["extensions"]["missingYear"], 2027);
        assert!(
            e["message"].as_str().is_some_and(|m| m.contains("2027年")),
            "{body}"
        );
    }
}

/// Starts the procedure and settles every drafting track, on the dates given: start, draft,
/// consultation opening, its announced end, and its closing.
async fn draft_with_fixed_dates(f: &mut Flow<'_>, lead_unit: &str, dates: [&str; 5]) {
    let [started, drafted, opened, ends, closed] = dates;
    // `SPONSOR` (区住房和城乡建设局) drafts: as the lead unit, or as a co-unit of another lead.
    let co_units: Vec<&str> = Some("区住房和城乡建设局")
        .filter(|u| *u != lead_unit)
        .into_iter()
        .collect();
    f.ok(
        "SECRETARIAT",
        "startProcedure",
        json!({"startedOn": started, "leadUnit": lead_unit, "coUnits": co_units}),
    )
    .await;
    f.ok(
        "SPONSOR",
        "reviseDraft",
        json!({"revisedOn": drafted, "text": "第一条 ……"}),
    )
    .await;
    f.ok(
        "SPONSOR",
        "openPublicConsultation",
        consultation(opened, ends, None),
    )
    .await;
    f.ok(
        "SPONSOR",
        "closePublicConsultation",
        json!({"closedOn": closed, "adoptionReport": "未收到意见"}),
    )
    .await;
    for (track, basis) in [
        ("EXPERT_ARGUMENTATION", "非专业性事项"),
        ("RISK_ASSESSMENT", "不涉及社会稳定"),
        ("FAIR_COMPETITION_REVIEW", "不涉及市场主体"),
    ] {
        f.ok(
            "SPONSOR",
            "markTrackNotRequired",
            json!({"track": track, "basis": basis}),
        )
        .await;
    }
}

/// A decision taken, with fixed dates, to a legality review requested on 2026-02-12 (Thursday
/// before the Spring Festival) and concluded on 2026-02-26.
async fn reviewed_before_spring_festival<'a>(
    app: &'a App,
    shortened_reason: Option<&str>,
) -> Flow<'a> {
    let mut f = Flow::propose_with(app, json!({"proposedOn": "2026-01-05"})).await;
    draft_with_fixed_dates(
        &mut f,
        "区住房和城乡建设局",
        [
            "2026-01-06",
            "2026-01-07",
            "2026-01-08",
            "2026-02-07",
            "2026-02-09",
        ],
    )
    .await;
    let steps: [(&str, &str, Value); 3] = [
        (
            "SPONSOR",
            "requestLegalityReview",
            json!({"requestedOn": "2026-02-12", "legalBasis": ["《城乡规划法》"], "shortenedReason": shortened_reason}),
        ),
        (
            "REVIEW_OFFICE",
            "assignCounsel",
            json!({"assignedOn": "2026-02-12", "counselAccountId": app.ids["COUNSEL"], "kind": "LEGAL_ADVISER", "affiliation": "河南天中律师事务所"}),
        ),
        (
            "COUNSEL",
            "submitLegalOpinion",
            json!({"givenOn": "2026-02-13", "kind": "LEGAL_ADVISER", "opinion": "合法"}),
        ),
    ];
    for (role, mutation, input) in steps {
        f.ok(role, mutation, input).await;
    }
    let mut concluded = conclude("LAWFUL");
    concluded["concludedOn"] = json!("2026-02-13");
    f.ok("REVIEW_OFFICE", "concludeLegalityReview", concluded)
        .await;
    f
}

fn meeting_on(date: &str) -> Value {
    let mut m = meeting(1, "ADOPTED");
    m["heldOn"] = json!(date);
    m
}

#[tokio::test]
async fn a_meeting_six_working_days_after_the_review_request_is_refused_and_the_seventh_is_lawful()
{
    let app = spawn_app().await;
    let mut f = reviewed_before_spring_festival(&app, None).await;
    let before = app.decision(&f.id).await;

    // 2026-02-27 is the 6th working day after 02-12: 02-13, 02-14 (make-up Saturday), 02-24…02-27.
    let err = f
        .act(
            "SECRETARIAT",
            "recordCollectiveDiscussion",
            meeting_on("2026-02-27"),
        )
        .await
        .expect_err("six working days are too few");
    assert_eq!(err.code, "RULE_VIOLATION");
    assert_eq!(err.rule.as_deref(), Some("review.min_time"));
    assert_eq!(err.article.as_deref(), Some("第二十六条"));
    assert!(
        err.message.contains("2026-02-28"),
        "names the earliest lawful date: {}",
        err.message
    );
    assert_eq!(app.decision(&f.id).await, before);

    // The 7th working day is the make-up Saturday 2026-02-28.
    assert_eq!(
        f.ok(
            "SECRETARIAT",
            "recordCollectiveDiscussion",
            meeting_on("2026-02-28")
        )
        .await,
        "ADOPTED"
    );
}

#[tokio::test]
async fn a_shorter_review_is_lawful_only_with_the_reason_recorded_at_the_request() {
    let app = spawn_app().await;
    let mut f =
        reviewed_before_spring_festival(&app, Some("春节前须完成供暖补贴发放，情况紧急")).await;
    assert_eq!(
        f.ok(
            "SECRETARIAT",
            "recordCollectiveDiscussion",
            meeting_on("2026-02-13")
        )
        .await,
        "ADOPTED"
    );
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { legalityReview { shortenedReason } profile { name reviewMinWorkingDays } calendarVersion } }",
            json!({"id": f.id}),
        )
        .await;
    let d = &body["data"]["decision"];
    assert_eq!(
        d["legalityReview"]["shortenedReason"],
        "春节前须完成供暖补贴发放，情况紧急"
    );
    assert_eq!(
        d["profile"],
        json!({"name": "henan", "reviewMinWorkingDays": 7})
    );
    assert_eq!(d["calendarVersion"].as_str().map(str::len), Some(64));
}

/// A normative document taken, with fixed dates, to its publication on `published_on`.
pub(super) async fn published<'a>(app: &'a App, unit: &str, published_on: &str) -> Flow<'a> {
    published_as(app, unit, published_on, true).await
}

/// A decision taken, with fixed dates, to its publication on `published_on`; a normative
/// document (with filing deadlines) or not.
pub(super) async fn published_as<'a>(
    app: &'a App,
    unit: &str,
    published_on: &str,
    normative_document: bool,
) -> Flow<'a> {
    let mut f = Flow::propose_with(
        app,
        json!({"proposedOn": "2026-03-02", "flags": {"normativeDocument": normative_document}}),
    )
    .await;
    draft_with_fixed_dates(
        &mut f,
        unit,
        [
            "2026-03-03",
            "2026-03-04",
            "2026-03-05",
            "2026-04-04",
            "2026-04-06",
        ],
    )
    .await;
    let steps: [(&str, &str, Value); 7] = [
        (
            "SPONSOR",
            "requestLegalityReview",
            json!({"requestedOn": "2026-04-07", "legalBasis": ["《城乡规划法》"]}),
        ),
        (
            "REVIEW_OFFICE",
            "assignCounsel",
            json!({"assignedOn": "2026-04-07", "counselAccountId": app.ids["COUNSEL"], "kind": "PUBLIC_LAWYER", "affiliation": "平桥区司法局"}),
        ),
        (
            "COUNSEL",
            "submitLegalOpinion",
            json!({"givenOn": "2026-04-08", "kind": "PUBLIC_LAWYER", "opinion": "合法"}),
        ),
        ("REVIEW_OFFICE", "concludeLegalityReview", {
            let mut c = conclude("LAWFUL");
            c["concludedOn"] = json!("2026-04-09");
            c
        }),
        (
            "SECRETARIAT",
            "recordCollectiveDiscussion",
            meeting_on("2026-04-20"),
        ),
        (
            "SECRETARIAT",
            "recordPartyCommitteeReport",
            json!({"reportedOn": "2026-04-21", "recipient": "中共平桥区委", "summary": "请示报告"}),
        ),
        (
            "SECRETARIAT",
            "publishDecision",
            json!({"publishedOn": published_on, "channels": ["平桥区人民政府网站"], "documentNumber": "平政〔2026〕8号"}),
        ),
    ];
    for (role, mutation, input) in steps {
        f.ok(role, mutation, input).await;
    }
    f
}

/// Files with every authority the Henan profile names: the standing committee and the upper
/// government, each its own filing.
pub(super) async fn file_with_both(f: &mut Flow<'_>, on: &str) {
    for (authority, receipt) in [
        ("本级人民代表大会常务委员会", "平人大备〔2026〕5号"),
        ("上一级人民政府", "信政备〔2026〕31号"),
    ] {
        f.ok(
            "SECRETARIAT",
            "fileDecision",
            json!({"filedOn": on, "authority": authority, "receiptNumber": receipt}),
        )
        .await;
    }
}

#[tokio::test]
async fn a_filing_31_days_after_publication_is_accepted_but_flagged_late() {
    let app = spawn_app().await;
    // Published Monday 2026-06-01: the 30 days end on Wednesday 2026-07-01, a working day.
    let mut late = published(&app, "区民政局", "2026-06-01").await;
    let mut on_time = published(&app, "区水利局", "2026-06-01").await;
    app.clock.set_date(day("2026-07-02"));
    file_with_both(&mut late, "2026-07-02").await;
    file_with_both(&mut on_time, "2026-07-01").await;

    let q = "query($id: ID!) { decision(id: $id) { deadlines { kind due status metOn rule computedFrom { label date } calendarVersion } } }";
    let body = app.gql(Some("AUDITOR"), q, json!({"id": late.id})).await;
    let filing_deadline = body["data"]["decision"]["deadlines"]
        .as_array()
        .expect("deadlines")
        .iter()
        .find(|d| d["kind"] == "FILING")
        .cloned()
        .expect("a filing deadline");
    assert_eq!(filing_deadline["due"], "2026-07-01");
    assert_eq!(filing_deadline["status"], "MET_LATE");
    assert_eq!(filing_deadline["metOn"], "2026-07-02");
    assert_eq!(filing_deadline["rule"], "filing.deadline");
    assert_eq!(filing_deadline["computedFrom"][0]["date"], "2026-06-01");

    let overdue = app
        .gql(
            Some("AUDITOR"),
            "{ deadlines(filter: {overdue: true, kind: FILING}) { decisionId leadUnit deadline { status } } overdueByUnit { unit late } }",
            json!({}),
        )
        .await;
    let listed = overdue["data"]["deadlines"].as_array().expect("list");
    assert_eq!(listed.len(), 2, "one late filing per authority: {overdue}");
    assert_eq!(listed[1]["decisionId"], json!(late.id));
    assert_eq!(listed[0]["decisionId"], json!(late.id));
    assert_eq!(listed[0]["leadUnit"], "区民政局");
    let units = &overdue["data"]["overdueByUnit"];
    assert!(
        units
            .as_array()
            .expect("units")
            .iter()
            .any(|u| u["unit"] == "区民政局"),
        "{units}"
    );
    assert!(
        !units
            .as_array()
            .expect("units")
            .iter()
            .any(|u| u["unit"] == "区水利局"),
        "{units}"
    );
}

#[tokio::test]
async fn an_execution_report_falls_due_at_the_profiles_interval_and_is_flagged_once_overdue() {
    let app = spawn_app().await;
    // Executed from 2026-04-23: the Henan profile's 180 days make the first report due on
    // 2026-10-20; the server's clock is moved to 2026-11-02, when it is overdue.
    app.clock.set_date(day("2026-11-02"));
    let mut f = published(&app, "区住房和城乡建设局", "2026-04-22").await;
    f.ok(
        "SECRETARIAT",
        "startExecution",
        json!({"startedOn": "2026-04-23", "executingUnit": "区住房和城乡建设局"}),
    )
    .await;
    let q = "query($id: ID!) { decision(id: $id) { deadlines { kind due status rule computedFrom { label date } } } }";
    let report_deadline = |body: Value| {
        body["data"]["decision"]["deadlines"]
            .as_array()
            .expect("deadlines")
            .iter()
            .find(|d| d["kind"] == "EXECUTION_REPORT")
            .cloned()
            .expect("an execution-report deadline")
    };
    let first = report_deadline(app.gql(Some("AUDITOR"), q, json!({"id": f.id})).await);
    assert_eq!(first["due"], "2026-10-20");
    assert_eq!(first["status"], "OVERDUE");
    assert_eq!(first["rule"], "execution.report");
    assert_eq!(first["computedFrom"][0]["date"], "2026-04-23");

    // Flagged, not refused: the late report is recorded, and the next falls due 180 days on.
    f.ok(
        "SPONSOR",
        "reportExecution",
        json!({"reportedOn": "2026-11-02", "summary": "已完成12个小区"}),
    )
    .await;
    let next = report_deadline(app.gql(Some("AUDITOR"), q, json!({"id": f.id})).await);
    assert_eq!(next["due"], "2027-05-01");
    assert_eq!(next["computedFrom"][0]["date"], "2026-11-02");
}

#[tokio::test]
async fn a_filing_period_ending_on_a_rest_day_runs_to_the_next_working_day() {
    let app = spawn_app().await;
    app.clock.set_date(day("2026-09-04"));
    // Published 2026-09-04: day 30 is Sunday 2026-10-04, inside the National Day holiday, so
    // the period runs to Thursday 2026-10-08 (《民法典》 Art. 203).
    let f = published(&app, "区交通运输局", "2026-09-04").await;
    let filing_on = |date: &'static str| {
        let app = &app;
        let id = f.id.clone();
        async move {
            app.clock.set_date(day(date));
            let body = app
                .gql(
                    Some("AUDITOR"),
                    "query($id: ID!) { decision(id: $id) { deadlines { kind due status daysRemaining workingDaysRemaining } } }",
                    json!({"id": id}),
                )
                .await;
            filing_deadline(&body)
        }
    };
    // On the last day the filing is still in time; the day after, it is overdue.
    assert_eq!(
        filing_on("2026-10-08").await,
        json!({"kind": "FILING", "due": "2026-10-08", "status": "OPEN", "daysRemaining": 0, "workingDaysRemaining": 0})
    );
    assert_eq!(
        filing_on("2026-10-09").await,
        json!({"kind": "FILING", "due": "2026-10-08", "status": "OVERDUE", "daysRemaining": -1, "workingDaysRemaining": -1})
    );
    // Seen from before the holiday: the working days left skip it and count the make-up
    // Saturday 2026-09-20 (09-18 → 09-30: 09-21…09-24, 09-28…09-30 and 09-20 is 8, then 10-08).
    assert_eq!(
        filing_on("2026-09-18").await["workingDaysRemaining"],
        json!(9)
    );
}

/// The filing deadline in a `decision { deadlines { … } }` body.
fn filing_deadline(body: &Value) -> Value {
    body["data"]["decision"]["deadlines"]
        .as_array()
        .unwrap_or_else(|| panic!("deadlines in {body}"))
        .iter()
        .find(|d| d["kind"] == "FILING")
        .cloned()
        .unwrap_or_else(|| panic!("a filing deadline in {body}"))
}

#[tokio::test]
async fn two_servers_sweeping_at_once_record_each_passed_deadline_once() {
    let app = spawn_app().await;
    let replica = app.another_server(AppConfig::default()).await;
    // Two decisions published and never filed: each filing deadline passes on 2026-07-02.
    let first = published(&app, "区民政局", "2026-06-01").await;
    let second = published(&app, "区民政局", "2026-06-01").await;
    app.clock.set_date(day("2026-07-02"));
    let (a, b) = tokio::join!(
        app.service.sweep_deadlines(),
        replica.service.sweep_deadlines()
    );
    let (a, b) = (a.expect("sweep"), b.expect("sweep on the replica"));
    assert_eq!(a + b, 2, "recorded {a} here and {b} on the replica");
    for f in [&first, &second] {
        let kinds: Vec<String> = app.decision(&f.id).await["history"]
            .as_array()
            .expect("history")
            .iter()
            .filter_map(|e| e["kind"].as_str().map(str::to_owned))
            .filter(|k| k == "DEADLINE_PASSED")
            .collect();
        assert_eq!(kinds.len(), 1, "{kinds:?}");
    }
}

#[tokio::test]
async fn on_postgresql_one_server_sweeps_at_a_time_and_another_takes_over_when_it_is_gone() {
    if std::env::var_os("TEST_POSTGRES_URL").is_none() {
        return;
    }
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let app = spawn_app().await;
    let f = published(&app, "区民政局", "2026-06-01").await;
    app.clock.set_date(day("2026-07-02"));
    // Another server is sweeping: it holds the lease.
    let other = decision_engine::store::connect(&app.database_url)
        .await
        .expect("a second connection");
    let sweeping = other.begin().await.expect("transaction");
    sweeping
        .execute_unprepared(&format!(
            "SELECT pg_advisory_xact_lock({})",
            decision_engine::store::SWEEP_LOCK_KEYS
        ))
        .await
        .expect("lease taken");
    assert_eq!(app.service.sweep_deadlines().await.expect("sweep"), 0);
    // It goes away mid-sweep (its transaction ends with its session): this server takes over.
    drop(sweeping);
    other.close().await.expect("closed");
    // PostgreSQL frees a session's locks when its backend has exited, a moment after the
    // client hung up: under a loaded suite the first try can still find the lease held.
    let mut swept = 0;
    for _ in 0..100 {
        swept = app.service.sweep_deadlines().await.expect("sweep");
        if swept > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(swept, 1);
    let history = app.decision(&f.id).await["history"].clone();
    let passed = history
        .as_array()
        .expect("history")
        .iter()
        .filter(|e| e["kind"] == "DEADLINE_PASSED")
        .count();
    assert_eq!(passed, 1);
}

#[tokio::test]
async fn the_sweep_records_a_passed_deadline_once_when_the_clock_passes_it_even_across_a_restart() {
    let app = spawn_app().await;
    // Published 2026-06-01 and never filed: the filing deadline is 2026-07-01.
    let f = published(&app, "区民政局", "2026-06-01").await;
    assert_eq!(app.service.sweep_deadlines().await.expect("sweep"), 0);
    app.clock.set_date(day("2026-07-01"));
    assert_eq!(
        app.service
            .sweep_deadlines()
            .await
            .expect("on the last day"),
        0
    );
    app.clock.set_date(day("2026-07-02"));
    assert_eq!(app.service.sweep_deadlines().await.expect("sweep"), 1);
    assert_eq!(app.service.sweep_deadlines().await.expect("sweep again"), 0);
    // A restarted server: a new service over the same database.
    let restarted = app.another_server(AppConfig::default()).await;
    assert_eq!(
        restarted
            .service
            .sweep_deadlines()
            .await
            .expect("sweep after restart"),
        0
    );

    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { version history { kind actor { role } payload } } }",
            json!({"id": f.id}),
        )
        .await;
    let history = body["data"]["decision"]["history"]
        .as_array()
        .expect("history");
    let passed: Vec<&Value> = history
        .iter()
        .filter(|e| e["kind"] == "DEADLINE_PASSED")
        .collect();
    assert_eq!(passed.len(), 1, "{body}");
    assert_eq!(passed[0]["actor"]["role"], "SYSTEM");
    assert_eq!(
        passed[0]["payload"],
        json!({"kind": "Filing", "due": "2026-07-01"})
    );
}

/// The citation of the filing deadline: the provincial rules, which set the 30 days.
const ARTICLE: &str = "省级重大行政决策程序规定";

const DEADLINE_FIELDS: &str = "kind due status missingYear uncomputableReason rule article computedFrom { label date } metOn unit daysRemaining workingDaysRemaining";

#[tokio::test]
async fn a_filing_due_in_a_year_without_calendar_data_is_listed_as_uncomputable_and_the_reports_stand()
 {
    let app = spawn_app().await;
    app.clock.set_date(day("2026-12-20"));
    // Filing due 2026-07-01, never filed: overdue.
    let overdue = published(&app, "区民政局", "2026-06-01").await;
    // Published 2026-12-15: day 30 is 2027-01-14, and whether that is a working day (Art. 203)
    // is in the 2027 notice the shipped calendar does not have.
    let beyond = published(&app, "区水利局", "2026-12-15").await;

    let q =
        format!("query($id: ID!) {{ decision(id: $id) {{ deadlines {{ {DEADLINE_FIELDS} }} }} }}");
    let body = app.gql(Some("AUDITOR"), &q, json!({"id": beyond.id})).await;
    assert!(body["errors"].is_null(), "{body}");
    let filing = filing_deadline(&body);
    assert_eq!(
        filing,
        json!({
            "kind": "FILING", "due": null, "status": "UNCOMPUTABLE", "missingYear": 2027,
            "uncomputableReason": "2027年的法定节假日安排尚未录入日历数据，无法计算工作日；请在日历数据文件中补充该年度国务院办公厅通知",
            "rule": "filing.deadline", "article": ARTICLE,
            "computedFrom": [{"label": "公布日期", "date": "2026-12-15"}],
            "metOn": null, "unit": "区水利局", "daysRemaining": null, "workingDaysRemaining": null
        })
    );

    let report = format!(
        "{{ all: deadlines(filter: {{kind: FILING}}) {{ decisionId deadline {{ status due missingYear }} }}
            late: deadlines(filter: {{overdue: true}}) {{ decisionId leadUnit deadline {{ {DEADLINE_FIELDS} }} }}
            overdueByUnit {{ unit late }} }}"
    );
    let body = app.gql(Some("AUDITOR"), &report, json!({})).await;
    assert!(body["errors"].is_null(), "{body}");
    // Soonest first; the dates not known yet last. One filing per authority the Henan profile
    // names (the standing committee and the upper government), hence two of each.
    let overdue_filing = json!({"decisionId": overdue.id, "deadline": {"status": "OVERDUE", "due": "2026-07-01", "missingYear": null}});
    let beyond_filing = json!({"decisionId": beyond.id, "deadline": {"status": "UNCOMPUTABLE", "due": null, "missingYear": 2027}});
    assert_eq!(
        body["data"]["all"],
        json!([overdue_filing, overdue_filing, beyond_filing, beyond_filing])
    );
    let late = json!({"decisionId": overdue.id, "leadUnit": "区民政局", "deadline": {
        "kind": "FILING", "due": "2026-07-01", "status": "OVERDUE", "missingYear": null,
        "uncomputableReason": null, "rule": "filing.deadline", "article": ARTICLE,
        "computedFrom": [{"label": "公布日期", "date": "2026-06-01"}], "metOn": null, "unit": "区民政局",
        "daysRemaining": -172, "workingDaysRemaining": -118
    }});
    assert_eq!(body["data"]["late"], json!([late, late]));
    assert_eq!(
        body["data"]["overdueByUnit"],
        json!([{"unit": "区民政局", "late": 2}])
    );

    // The sweep records the deadline that passed (one event for both authorities' filings, due
    // the same day) and leaves the ones it cannot compute.
    assert_eq!(app.service.sweep_deadlines().await.expect("sweep"), 1);
    let kinds = |id: String| {
        let app = &app;
        async move {
            let d = app.decision(&id).await;
            d["history"]
                .as_array()
                .expect("history")
                .iter()
                .filter(|e| e["kind"] == "DEADLINE_PASSED")
                .count()
        }
    };
    assert_eq!(kinds(overdue.id.clone()).await, 1);
    assert_eq!(kinds(beyond.id.clone()).await, 0);
}

/// The 2027 arrangement as an operator would load it with `--calendar FILE` (test data: only
/// New Year's Day, enough to cover the year).
const YEAR_2027: &str = "\
[2027]
notice = \"国务院办公厅关于2027年部分节假日安排的通知（测试数据）\"
published = 2026-11-10

[[2027.holiday]]
name = \"元旦\"
days = [2027-01-01]
";

#[tokio::test]
async fn healthz_warns_from_sixty_days_before_the_calendar_data_ends_and_says_how_to_load_the_next_year()
 {
    let app = spawn_app().await;
    let calendar_on = |date: &'static str| {
        let app = &app;
        async move {
            app.clock.set_date(day(date));
            let (status, body) = app.healthz().await;
            assert_eq!(status, 200, "{body}");
            assert_eq!(body["status"], "ok", "{body}");
            body["calendar"].clone()
        }
    };
    assert_eq!(
        calendar_on("2026-06-15").await,
        json!({"coversUntil": "2026-12-31", "daysLeft": 199, "warning": null})
    );
    assert_eq!(
        calendar_on("2026-10-31").await,
        json!({"coversUntil": "2026-12-31", "daysLeft": 61, "warning": null})
    );
    let first_day = calendar_on("2026-11-01").await;
    assert_eq!(first_day["daysLeft"], 60);
    assert!(first_day["warning"].is_string(), "{first_day}");

    let warned = calendar_on("2026-11-29").await;
    assert_eq!(warned["coversUntil"], "2026-12-31");
    assert_eq!(warned["daysLeft"], 32);
    assert_eq!(
        warned["warning"],
        "工作日日历数据只覆盖到2026-12-31（还剩32天），涉及2027年的法定期限将无法计算。\
         国务院办公厅发布2027年部分节假日安排的通知后，请按 config/calendar.toml 的格式把该年的\
         放假日期和调休上班日写入一个日历文件（写明通知标题 notice 和发布日期 published），再以 \
         --calendar <文件路径>（或环境变量 DECISION_CALENDAR）重新启动服务，与内置日历合并载入，\
         无需重新编译。"
    );

    // Past the end, the warning says so.
    let past = calendar_on("2027-01-03").await;
    assert_eq!(past["daysLeft"], -3);
    assert!(
        past["warning"]
            .as_str()
            .is_some_and(|w| w.starts_with("工作日日历数据已于2026-12-31用尽（已过3天）")),
        "{past}"
    );

    // Once the operator loads 2027, the warning is gone.
    let loaded = app
        .another_server(AppConfig {
            calendar_overlay: Some(YEAR_2027.into()),
            ..AppConfig::default()
        })
        .await;
    app.clock.set_date(day("2026-11-29"));
    let (_, body) = loaded.healthz().await;
    assert_eq!(
        body["calendar"],
        json!({"coversUntil": "2027-12-31", "daysLeft": 397, "warning": null})
    );
}

#[tokio::test]
async fn a_late_execution_report_is_charged_to_the_executing_unit_not_the_lead_unit() {
    let app = spawn_app().await;
    // Not a normative document: no filing deadline, the execution report is the only one.
    let mut f = published_as(&app, "区住房和城乡建设局", "2026-06-01", false).await;
    f.ok(
        "SECRETARIAT",
        "startExecution",
        json!({"startedOn": "2026-06-02", "executingUnit": "区城市管理局"}),
    )
    .await;
    // henan: a report every 180 days, so the first is due 2026-11-29.
    app.clock.set_date(day("2026-11-30"));
    let body = app
        .gql(
            Some("AUDITOR"),
            "{ overdueByUnit { unit late }
               mine: deadlines(filter: {unit: \"区城市管理局\", overdue: true}) { decisionId leadUnit deadline { kind due status unit } }
               lead: deadlines(filter: {unit: \"区住房和城乡建设局\", overdue: true}) { decisionId } }",
            json!({}),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    assert_eq!(
        body["data"]["overdueByUnit"],
        json!([{"unit": "区城市管理局", "late": 1}])
    );
    assert_eq!(
        body["data"]["mine"],
        json!([{"decisionId": f.id, "leadUnit": "区住房和城乡建设局", "deadline": {
            "kind": "EXECUTION_REPORT", "due": "2026-11-29", "status": "OVERDUE", "unit": "区城市管理局"}}])
    );
    assert_eq!(body["data"]["lead"], json!([]));
}

/// A local adjustment, as an operator loads one with `--calendar FILE`: the district keeps the
/// week of 2026-06-22 off (flood season).
const LOCAL_WEEK_OFF: &str = "\
[2026]
notice = \"平桥区人民政府关于汛期调整工作日的通知（测试数据）\"

[[2026.holiday]]
name = \"汛期调整\"
from = 2026-06-22
to = 2026-06-26
";

#[tokio::test]
async fn working_days_remaining_are_counted_with_the_calendar_the_decision_is_bound_to() {
    // The decision is proposed, and bound, under the locally adjusted calendar.
    let adjusted = spawn_app_with(AppConfig {
        calendar_overlay: Some(LOCAL_WEEK_OFF.into()),
        ..AppConfig::default()
    })
    .await;
    let f = published(&adjusted, "区民政局", "2026-06-10").await;
    // The server restarts without the adjustment: a new calendar for new decisions only.
    let app = adjusted.another_server(AppConfig::default()).await;
    let bound = adjusted.service.calendar().version();
    assert_ne!(app.service.calendar().version(), bound);

    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { calendarVersion deadlines { kind due calendarVersion workingDaysRemaining } }
               deadlines(filter: {kind: FILING}) { deadline { due workingDaysRemaining } } }",
            json!({"id": f.id}),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    assert_eq!(body["data"]["decision"]["calendarVersion"], json!(bound));
    // Due Friday 2026-07-10. From Monday 06-15: 18 working days by the national calendar,
    // 13 by the one the decision is bound to (06-22…06-26 off).
    assert_eq!(
        filing_deadline(&body),
        json!({"kind": "FILING", "due": "2026-07-10", "calendarVersion": bound, "workingDaysRemaining": 13})
    );
    // One filing deadline per authority, both counted the same way.
    let filing = json!({"deadline": {"due": "2026-07-10", "workingDaysRemaining": 13}});
    assert_eq!(body["data"]["deadlines"], json!([filing, filing]));
}

// The reports across decisions and the sweep find decisions through the deadline index, which
// every act rewrites in its own transaction. A database from before the index (or indexed by an
// engine that computed deadlines otherwise) has it built at start-up, and the reports are the
// same as if it had always been there.
#[tokio::test]
async fn the_reports_read_the_deadline_index_and_a_database_without_it_has_it_built() {
    let app = spawn_app().await;
    app.clock.set_date(day("2026-08-03"));
    // Two filings overdue (due 2026-07-01 and 2026-07-15), one not yet due, one proposal only.
    published(&app, "区民政局", "2026-06-01").await;
    published(&app, "区水利局", "2026-06-15").await;
    published(&app, "区教育局", "2026-07-20").await;
    Flow::propose(&app, json!({})).await;
    let overdue = format!(
        "{{ deadlines(filter: {{overdue: true}}) {{ decisionId deadline {{ {DEADLINE_FIELDS} }} }} }}"
    );
    let all = format!("{{ deadlines {{ decisionId deadline {{ {DEADLINE_FIELDS} }} }} }}");
    let by_unit = "{ overdueByUnit { unit late } }";
    let report = || async {
        let mut out = Vec::new();
        for q in [overdue.as_str(), all.as_str(), by_unit] {
            let body = app.gql(Some("AUDITOR"), q, json!({})).await;
            assert!(body["errors"].is_null(), "{body}");
            out.push(body["data"].clone());
        }
        out
    };
    let before = report().await;
    let late: Vec<&str> = before[0]["deadlines"]
        .as_array()
        .expect("deadlines")
        .iter()
        .map(|d| d["deadline"]["unit"].as_str().expect("unit"))
        .collect();
    assert_eq!(
        late,
        ["区民政局", "区民政局", "区水利局", "区水利局"],
        "{}",
        before[0]
    );
    assert_eq!(
        before[2]["overdueByUnit"],
        json!([{"unit": "区民政局", "late": 2}, {"unit": "区水利局", "late": 2}])
    );

    // The index emptied, as in a database from before it: the reports find nothing late…
    use sea_orm::ConnectionTrait;
    app.store
        .connection()
        .execute_unprepared("DELETE FROM deadline_index")
        .await
        .expect("emptied");
    app.store
        .set_index_version("deadlines", 0)
        .await
        .expect("version reset");
    let emptied = report().await;
    assert_eq!(emptied[0]["deadlines"], json!([]));
    assert_eq!(emptied[2]["overdueByUnit"], json!([]));
    // …until the server builds it, as it does at start-up: every decision indexed, once.
    assert_eq!(app.service.build_deadline_index().await.expect("built"), 4);
    assert_eq!(
        app.service
            .build_deadline_index()
            .await
            .expect("already built"),
        0
    );
    assert_eq!(report().await, before);
    // And the sweep finds the passed filings through it.
    assert_eq!(app.service.sweep_deadlines().await.expect("sweep"), 2);
}
