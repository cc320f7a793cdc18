//! Access over HTTP: who sees and does what, by their post (`procedure/access.rs`), and what the
//! public reads (`procedure/publicity.rs`). The expectations here are written from the rules as
//! the issue states them, not computed by the code under test.

use std::collections::BTreeSet;
use std::time::Duration;

use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::*;
use crate::roles::{acts, send};

/// The two decisions of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// In legality review, its draft published for comment earlier (so anyone may know it
    /// exists), `COUNSEL` assigned to the round.
    Reviewing,
    /// Just proposed: nobody outside its organ's office and its unit knows of it.
    Proposed,
}

async fn build<'a>(app: &'a App, case: Case) -> Flow<'a> {
    let mut f = Flow::propose(
        app,
        json!({"professionalTechnical": true, "stabilityImpact": true, "affectsMarketEntities": true}),
    )
    .await;
    if case == Case::Reviewing {
        f.ready_for_review().await;
        f.request_review().await;
        f.assign_counsel().await;
    }
    f
}

/// What the rules say should happen to an act sent by `caller`.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    Unauthenticated,
    /// The account holds no role the act belongs to.
    RoleForbidden,
    /// The post covers the decision: whatever the statute then says, access does not refuse.
    PassesAccess,
    /// Out of the post, on a decision the caller may know exists: FORBIDDEN naming the scope.
    ScopeForbidden,
    /// Out of the post, on a decision the caller may not know of: as for an unknown id.
    NotFound,
}

/// The role an account key holds (`TOWN_SPONSOR` → `SPONSOR`).
fn role_of(key: &str) -> &str {
    key.trim_start_matches("TOWN_").trim_start_matches("OTHER_")
}

fn expect(caller: Option<&str>, roles: &[&str], case: Case) -> Expect {
    let Some(key) = caller else {
        return Expect::Unauthenticated;
    };
    if !roles.contains(&role_of(key)) {
        return Expect::RoleForbidden;
    }
    let in_post = match key {
        // The organ's office, head and review office: every decision of their organ.
        "SECRETARIAT" | "HEAD" | "REVIEW_OFFICE" => true,
        // The sponsor's unit leads every decision `Flow` proposes.
        "SPONSOR" => true,
        // Assigned to the reviewing decision's round, to nothing else.
        "COUNSEL" => case == Case::Reviewing,
        // Another organ, another unit, a counsel nobody assigned.
        _ => false,
    };
    match (in_post, case) {
        (true, _) => Expect::PassesAccess,
        (false, Case::Reviewing) => Expect::ScopeForbidden,
        (false, Case::Proposed) => Expect::NotFound,
    }
}

#[tokio::test]
async fn every_mutation_by_every_caller_on_a_decision_in_and_out_of_their_post() {
    let app = spawn_app().await;
    let callers: Vec<Option<&str>> = ROLES
        .iter()
        .copied()
        .chain(OUT_OF_SCOPE.iter().map(|(k, ..)| *k))
        .map(Some)
        .chain([None])
        .collect();
    let mut cells = 0;
    let mut refused = 0;
    for case in [Case::Reviewing, Case::Proposed] {
        let mut f = build(&app, case).await;
        let mut before = app.decision(&f.id).await;
        for (mutation, input, roles) in acts("no-such-decision") {
            for caller in &callers {
                let body = send(&app, *caller, mutation, &input, &f.id, &before["version"]).await;
                cells += 1;
                let wanted = expect(*caller, roles, case);
                let label = format!("{mutation} by {caller:?} on {case:?}");
                if wanted == Expect::PassesAccess {
                    if body["data"][mutation].is_object() {
                        // Done: the next caller gets a fresh decision in the same state.
                        f = build(&app, case).await;
                        before = app.decision(&f.id).await;
                    } else {
                        let code = refusal(&body).code;
                        assert!(
                            !["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"].contains(&code.as_str()),
                            "{label}: access refused: {body}"
                        );
                    }
                    continue;
                }
                refused += 1;
                let e = &body["errors"][0];
                let (code, scope) = (
                    e["extensions"]["code"].as_str().unwrap_or_default(),
                    e["extensions"]["scope"].as_str(),
                );
                match wanted {
                    Expect::Unauthenticated => assert_eq!(code, "UNAUTHENTICATED", "{label}"),
                    Expect::RoleForbidden => {
                        assert_eq!((code, scope), ("FORBIDDEN", None), "{label}: {body}")
                    }
                    Expect::ScopeForbidden => {
                        assert_eq!(code, "FORBIDDEN", "{label}: {body}");
                        assert!(
                            scope.is_some_and(|s| s.starts_with("scope.")),
                            "{label}: {body}"
                        );
                    }
                    Expect::NotFound => {
                        assert_eq!(code, "NOT_FOUND", "{label}: {body}");
                        assert_eq!(e["message"], "未找到该决策", "{label}");
                    }
                    Expect::PassesAccess => unreachable!("handled above"),
                }
                let after = app.decision(&f.id).await;
                assert_eq!(after, before, "{label} changed the decision");
            }
        }
    }
    // 2 decisions × 41 acts × 17 callers (7 roles in the post, 9 out of it, the public).
    assert_eq!(cells, 2 * acts("x").len() * callers.len());
    assert!(refused > cells / 2, "{refused} of {cells}");
}

#[tokio::test]
async fn a_scope_refusal_names_the_rule_of_the_post_in_chinese() {
    let app = spawn_app().await;
    let mut f = build(&app, Case::Reviewing).await;
    let other = f
        .act(
            "OTHER_SPONSOR",
            "recordOpinion",
            json!({"receivedOn": today().to_string(), "channel": "LETTER", "body": "意见"}),
        )
        .await
        .expect_err("another unit");
    assert_eq!(other.code, "FORBIDDEN");
    assert_eq!(
        other.message,
        "该决策事项的承办单位为区住房和城乡建设局、区财政局，区水利局不能办理"
    );
    let town = f
        .act(
            "TOWN_REVIEW_OFFICE",
            "returnLegalityReview",
            json!({"returnedOn": today().to_string(), "reason": "材料不全"}),
        )
        .await
        .expect_err("another organ");
    assert_eq!(
        town.message,
        "该决策事项属于平桥区人民政府，不属于平桥区明港镇人民政府"
    );
    let counsel = f
        .act(
            "OTHER_COUNSEL",
            "submitLegalOpinion",
            json!({"givenOn": today().to_string(), "kind": "LEGAL_ADVISER", "opinion": "合法"}),
        )
        .await
        .expect_err("not assigned");
    assert_eq!(counsel.message, "合法性审查部门未指派您参与本轮合法性审查");
}

#[tokio::test]
async fn the_executing_unit_reports_execution_and_the_drafting_unit_does_not() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.adopted().await;
    f.party_report().await;
    f.publish().await;
    f.ok(
        "SECRETARIAT",
        "startExecution",
        json!({"startedOn": today().to_string(), "executingUnit": "区水利局"}),
    )
    .await;
    let report = json!({"reportedOn": today().to_string(), "summary": "已完成一期工程"});
    let drafter = f
        .act("SPONSOR", "reportExecution", report.clone())
        .await
        .expect_err("the drafting unit does not execute");
    assert_eq!(drafter.code, "FORBIDDEN");
    assert!(drafter.message.contains("区水利局"), "{}", drafter.message);
    f.ok("OTHER_SPONSOR", "reportExecution", report).await;
    // The executing unit reads the record it reports on.
    let seen = app
        .gql(
            Some("OTHER_SPONSOR"),
            "query($id: ID!) { decision(id: $id) { visibility history { kind } } }",
            json!({"id": f.id}),
        )
        .await;
    assert_eq!(seen["data"]["decision"]["visibility"], "RECORD", "{seen}");
}

#[tokio::test]
async fn an_official_sees_the_record_their_post_covers_and_the_published_part_of_the_rest() {
    let app = spawn_app().await;
    let reviewing = build(&app, Case::Reviewing).await;
    let proposed = build(&app, Case::Proposed).await;
    let q = "query($id: ID!) { decision(id: $id) { visibility proposer { name } legalityReviews { round } } }";
    let read = |key: &'static str, id: String| {
        let app = &app;
        async move { app.gql(Some(key), q, json!({"id": id})).await }
    };
    for key in [
        "SECRETARIAT",
        "HEAD",
        "REVIEW_OFFICE",
        "AUDITOR",
        "SPONSOR",
        "COUNSEL",
    ] {
        let body = read(key, reviewing.id.clone()).await;
        let d = &body["data"]["decision"];
        assert_eq!(d["visibility"], "RECORD", "{key}: {body}");
        assert_eq!(d["legalityReviews"][0]["round"], 1, "{key}");
    }
    for key in [
        "OTHER_SPONSOR",
        "OTHER_COUNSEL",
        "TOWN_SECRETARIAT",
        "TOWN_AUDITOR",
        "ADMIN",
    ] {
        let body = read(key, reviewing.id.clone()).await;
        let d = &body["data"]["decision"];
        assert_eq!(d["visibility"], "PUBLISHED", "{key}: {body}");
        assert_eq!(d["proposer"], Value::Null, "{key}");
        assert_eq!(d["legalityReviews"], json!([]), "{key}");
        let history = app
            .gql(
                Some(key),
                "query($id: ID!) { decision(id: $id) { history { kind } } }",
                json!({"id": reviewing.id}),
            )
            .await;
        assert_eq!(refusal(&history).code, "FORBIDDEN", "{key}: {history}");
        let hidden = read(key, proposed.id.clone()).await;
        assert_eq!(refusal(&hidden).code, "NOT_FOUND", "{key}: {hidden}");
    }
    // Lists agree with single reads: the town's office lists the reviewing decision (public
    // notice), never the proposed one.
    let list = app
        .gql(
            Some("TOWN_SECRETARIAT"),
            "{ decisions(first: 100) { nodes { id visibility } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        list["data"]["decisions"]["nodes"],
        json!([{"id": reviewing.id, "visibility": "PUBLISHED"}])
    );
    // Reports are the caller's organ's: the town sees no deadline of the district.
    let deadlines = app
        .gql(
            Some("TOWN_AUDITOR"),
            "{ deadlines { decisionId } overdueByUnit { unit } }",
            json!({}),
        )
        .await;
    assert_eq!(deadlines["data"]["deadlines"], json!([]), "{deadlines}");
}

/// Every field of `type_name` that takes no required argument, as a selection set, down to
/// `depth` levels of objects; `skip` names fields refused to the public by design.
fn selection(types: &[Value], type_name: &str, depth: usize, skip: &[&str]) -> String {
    let Some(t) = types.iter().find(|t| t["name"] == type_name) else {
        return String::new();
    };
    let mut out = Vec::new();
    for f in t["fields"].as_array().into_iter().flatten() {
        let name = f["name"].as_str().unwrap_or_default();
        let required_arg = f["args"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|a| a["type"]["kind"] == "NON_NULL");
        if skip.contains(&name) || required_arg {
            continue;
        }
        let mut ty = &f["type"];
        while ty["ofType"].is_object() {
            ty = &ty["ofType"];
        }
        match ty["kind"].as_str() {
            Some("OBJECT") if depth > 0 => {
                let inner = selection(
                    types,
                    ty["name"].as_str().unwrap_or_default(),
                    depth - 1,
                    skip,
                );
                if !inner.is_empty() {
                    out.push(format!("{name} {{ {inner} }}"));
                }
            }
            Some("OBJECT") => {}
            _ => out.push(name.to_owned()),
        }
    }
    out.join(" ")
}

/// What the demo holds that was never published: if the public's answer contains any of it,
/// something leaked.
const UNPUBLISHED: [&str; 10] = [
    "草案符合法定权限，程序完备，内容合法", // a counsel's opinion
    "群众利益诉求差异",                     // a risk assessment
    "实施进度安排偏紧",                     // a speech at the meeting
    "信阳师范大学 刘教授",                  // an expert
    "区政府常务会议研究决定启动",           // the organ's internal decision to start
    "（高标准农田建设实施方案草案）",       // the township's draft, never consulted
    "撤并12个村",                           // a proposal's internal argument
    "属于区政府法定职权",                   // the review's findings
    "平桥区社会稳定风险评估中心",           // who assessed the risk
    "秘书科",                               // an official's account
];

#[tokio::test]
async fn the_public_walks_every_field_it_can_reach_and_finds_nothing_unpublished() {
    let app = spawn_app().await;
    let report = decision_engine::demo::load(app.service.clone())
        .await
        .expect("demo loads");
    let cases: Vec<(&str, &str)> = report
        .lines()
        .take_while(|l| !l.is_empty())
        .filter_map(|l| {
            let mut cells = l.split('\t');
            Some((cells.next()?, cells.next()?))
        })
        .collect();
    let introspection = app
        .gql(
            None,
            "{ __schema { types { name kind fields { name args { name type { kind } } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }",
            json!({}),
        )
        .await;
    let types = introspection["data"]["__schema"]["types"]
        .as_array()
        .expect("types")
        .clone();
    // The fields that read the record are refused to the public (checked below).
    let refused = [
        "history",
        "historyVerification",
        "deadlines",
        "nextActs",
        "publicFeedback",
        "comments",
        "undisposedCount",
    ];
    let fields = selection(&types, "Decision", 3, &refused);
    assert!(fields.contains("publication {") && fields.contains("legalityReviews {"));
    let body = app
        .gql(
            None,
            // The demo holds 9 decisions: a page of 20 covers them within one query's weight.
            &format!("{{ decisions(first: 20) {{ nodes {{ {fields} }} }} }}"),
            json!({}),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    let text = body.to_string();
    for secret in UNPUBLISHED {
        assert!(!text.contains(secret), "the public read {secret:?}");
    }
    let nodes = body["data"]["decisions"]["nodes"]
        .as_array()
        .expect("nodes");
    let listed: BTreeSet<&str> = nodes.iter().filter_map(|n| n["id"].as_str()).collect();
    // Published (2), or whose draft went out for comment (3, one still open); not the proposed,
    // the withdrawn, nor the township's unconsulted draft.
    let public: BTreeSet<&str> = cases
        .iter()
        .filter(|(stage, _)| {
            [
                "IN_EXECUTION",
                "AWAITING_DISCUSSION",
                "LEGALITY_REVIEW",
                "PUBLISHED",
            ]
            .contains(stage)
        })
        .map(|(_, id)| *id)
        .chain(
            cases
                .iter()
                .filter(|(s, _)| *s == "DRAFTING")
                .map(|(_, id)| *id)
                .take(1),
        )
        .collect();
    assert_eq!(listed, public);
    for n in nodes {
        assert_eq!(n["visibility"], "PUBLISHED");
        assert_eq!(n["proposer"], Value::Null);
        // The open consultation tells the public until when, in days: the demo's runs 20 days
        // past today, its last day counted. The others are over.
        let days_left = &n["consultation"]["daysLeft"];
        if n["stage"] == "DRAFTING" {
            assert_eq!(days_left, &json!(21), "{n}");
            assert!(
                n["draft"]["text"].is_string(),
                "the draft under consultation is public"
            );
        } else {
            assert_eq!(days_left, &Value::Null);
        }
        for empty in [
            "legalityReviews",
            "meetings",
            "riskAssessments",
            "hearings",
            "filings",
        ] {
            assert_eq!(n[empty], json!([]), "{empty} of {}", n["id"]);
        }
        for field in refused {
            let q: String = match field {
                "comments" => "consultation { comments { id commenter } }".into(),
                "undisposedCount" => "consultation { undisposedCount }".into(),
                "history" => "history { kind }".into(),
                "historyVerification" => "historyVerification { intact }".into(),
                "nextActs" => "nextActs { mutation }".into(),
                "publicFeedback" => "publicFeedback { id contact }".into(),
                _ => "deadlines { kind }".into(),
            };
            let one = app
                .gql(
                    None,
                    &format!("query($id: ID!) {{ decision(id: $id) {{ {q} }} }}"),
                    json!({"id": n["id"]}),
                )
                .await;
            if n["consultation"].is_null() && q.starts_with("consultation") {
                continue;
            }
            assert_eq!(refusal(&one).code, "UNAUTHENTICATED", "{field}: {one}");
        }
    }
    // What the public cannot see answers exactly as an id that does not exist.
    for (stage, id) in cases.iter().filter(|(_, id)| !public.contains(id)) {
        let one = app
            .gql(
                None,
                "query($id: ID!) { decision(id: $id) { id } }",
                json!({"id": id}),
            )
            .await;
        assert_eq!(refusal(&one).code, "NOT_FOUND", "{stage}");
    }
    for q in [
        "{ accounts { id } }",
        "{ deadlines { decisionId } }",
        "{ overdueByUnit { unit } }",
    ] {
        let body = app.gql(None, q, json!({})).await;
        assert_eq!(refusal(&body).code, "UNAUTHENTICATED", "{q}");
    }
}

const CREATE: &str = "mutation($input: CreateAccountInput!) { createAccount(input: $input) { token account { id organ roles active expiresAt } } }";

#[tokio::test]
async fn an_administrator_manages_the_accounts_of_its_own_organ_only() {
    let app = spawn_app().await;
    let created = app
        .gql(
            Some("ADMIN"),
            CREATE,
            json!({"input": {"name": "张律师", "unit": "区司法局", "roles": ["COUNSEL", "REVIEW_OFFICE"]}}),
        )
        .await;
    let account = &created["data"]["createAccount"]["account"];
    assert_eq!(account["organ"], ORGAN, "{created}");
    assert_eq!(account["roles"], json!(["COUNSEL", "REVIEW_OFFICE"]));
    let token = created["data"]["createAccount"]["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let id = account["id"].as_str().expect("id").to_owned();
    let me = me_with(&app, &token, "{ me { organ roles } }").await;
    assert_eq!(
        me["data"]["me"]["roles"],
        json!(["COUNSEL", "REVIEW_OFFICE"])
    );
    // Lists are per organ: the town's administrator sees none of the district's accounts.
    let town = app
        .gql(Some("TOWN_ADMIN"), "{ accounts { id organ } }", json!({}))
        .await;
    let organs: BTreeSet<&str> = town["data"]["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .filter_map(|a| a["organ"].as_str())
        .collect();
    assert_eq!(organs, BTreeSet::from([TOWN]));
    let revoke =
        "mutation($id: ID!) { revokeAccount(input: {accountId: $id}) { active revokedAt } }";
    let foreign = app.gql(Some("TOWN_ADMIN"), revoke, json!({"id": id})).await;
    assert_eq!(refusal(&foreign).code, "NOT_FOUND");
    for key in ["SECRETARIAT", "HEAD", "AUDITOR"] {
        let body = app.gql(Some(key), revoke, json!({"id": id})).await;
        assert_eq!(refusal(&body).code, "FORBIDDEN", "{key}");
        let body = app
            .gql(
                Some(key),
                CREATE,
                json!({"input": {"name": "某", "unit": "某单位", "roles": ["HEAD"]}}),
            )
            .await;
        assert_eq!(refusal(&body).code, "FORBIDDEN", "{key}");
    }
    let empty = app
        .gql(
            Some("ADMIN"),
            CREATE,
            json!({"input": {"name": "某", "unit": "某单位", "roles": []}}),
        )
        .await;
    assert_eq!(refusal(&empty).code, "INVALID_INPUT");
    // Revoked: refused at once, here and on a replica on the same database.
    let revoked = app.gql(Some("ADMIN"), revoke, json!({"id": id})).await;
    assert_eq!(
        revoked["data"]["revokeAccount"]["active"], false,
        "{revoked}"
    );
    let replica = app.another_server(AppConfig::default()).await;
    for server in [&app, &replica] {
        let body = me_with(server, &token, ME).await;
        assert_eq!(refusal(&body).code, "UNAUTHENTICATED");
    }
}

const ME: &str = "{ me { name } }";

async fn me_with(app: &App, token: &str, query: &str) -> Value {
    app.http
        .post(app.url())
        .bearer_auth(token)
        .json(&json!({"query": query}))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json")
}

#[tokio::test]
async fn an_account_works_through_its_last_day_and_not_after_and_forged_tokens_never() {
    let app = spawn_app().await;
    let created = app
        .gql(
            Some("ADMIN"),
            CREATE,
            json!({"input": {"name": "临时账号", "unit": "区审计局", "roles": ["AUDITOR"], "expiresOn": today().to_string()}}),
        )
        .await;
    let token = created["data"]["createAccount"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_owned();
    assert!(me_with(&app, &token, ME).await["data"]["me"].is_object());
    app.clock.set_date(today() + chrono::Days::new(1));
    assert_eq!(
        refusal(&me_with(&app, &token, ME).await).code,
        "UNAUTHENTICATED"
    );
    app.clock.set_date(today());
    let real = app.tokens["AUDITOR"].clone();
    for forged in [
        real[..real.len() - 1].to_owned(),
        format!("{real}0"),
        "de_".to_owned() + &"0".repeat(64),
        "'; DROP TABLE accounts;--".to_owned(),
    ] {
        assert_eq!(
            refusal(&me_with(&app, &forged, ME).await).code,
            "UNAUTHENTICATED",
            "{forged}"
        );
    }
    let past = app
        .gql(
            Some("ADMIN"),
            CREATE,
            json!({"input": {"name": "某", "unit": "某单位", "roles": ["AUDITOR"], "expiresOn": "2026-06-14"}}),
        )
        .await;
    assert_eq!(refusal(&past).code, "INVALID_INPUT");
}

/// The next text message, within a generous bound (a bound on failure, not a timing).
async fn next_message(ws: &mut Socket) -> Value {
    match tokio::time::timeout(Duration::from_secs(20), ws.next()).await {
        Ok(Some(Ok(Message::Text(t)))) => serde_json::from_str(&t).expect("json"),
        other => panic!("no message: {other:?}"),
    }
}

#[tokio::test]
async fn a_subscriber_receives_only_the_events_of_decisions_its_post_covers() {
    let app = spawn_app().await;
    let mut theirs = Flow::propose(&app, json!({})).await;
    theirs.start().await;
    let mut own = Flow::propose(&app, json!({})).await;
    own.ok(
        "SECRETARIAT",
        "startProcedure",
        json!({"startedOn": Dates::started(), "leadUnit": "区水利局"}),
    )
    .await;
    let query = "subscription { decisionEvents { decisionId kind } }";
    let mut ws = subscribe(&app, &app.tokens["OTHER_SPONSOR"], query).await;
    // The subscription starts asynchronously: act on both decisions until an event arrives.
    // Events are sent in the order they are recorded, so the first one the other unit's
    // sponsor receives being its own proves the housing bureau's draft was held back.
    let mut first = None;
    for _ in 0..50 {
        theirs
            .ok(
                "SPONSOR",
                "reviseDraft",
                json!({"revisedOn": Dates::drafted(), "text": "住建局草案"}),
            )
            .await;
        own.ok(
            "OTHER_SPONSOR",
            "reviseDraft",
            json!({"revisedOn": Dates::drafted(), "text": "水利局草案"}),
        )
        .await;
        if let Ok(Some(Ok(Message::Text(t)))) =
            tokio::time::timeout(Duration::from_millis(200), ws.next()).await
        {
            first = Some(serde_json::from_str::<Value>(&t).expect("json"));
            break;
        }
    }
    let first = first.expect("an event arrived");
    assert_eq!(
        first["payload"]["data"]["decisionEvents"]["decisionId"],
        json!(own.id),
        "{first}"
    );
}

#[tokio::test]
async fn revoking_an_account_ends_its_open_subscription() {
    let app = spawn_app().await;
    let created = app
        .gql(
            Some("ADMIN"),
            CREATE,
            json!({"input": {"name": "临时审计", "unit": "区审计局", "roles": ["AUDITOR"]}}),
        )
        .await;
    let token = created["data"]["createAccount"]["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let id = created["data"]["createAccount"]["account"]["id"].clone();
    let mut ws = subscribe(&app, &token, "subscription { decisionEvents { kind } }").await;
    app.gql(
        Some("ADMIN"),
        "mutation($id: ID!) { revokeAccount(input: {accountId: $id}) { active } }",
        json!({"id": id}),
    )
    .await;
    let msg = next_message(&mut ws).await;
    assert_eq!(msg["type"], "complete", "{msg}");
}

#[tokio::test]
async fn the_review_office_lists_the_counsel_of_its_own_organ_to_assign() {
    let app = spawn_app().await;
    let body = app
        .gql(
            Some("REVIEW_OFFICE"),
            "{ counselAccounts { id organ roles } }",
            json!({}),
        )
        .await;
    let ids: BTreeSet<&str> = body["data"]["counselAccounts"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .filter_map(|a| a["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        BTreeSet::from([
            app.ids["COUNSEL"].as_str(),
            app.ids["OTHER_COUNSEL"].as_str()
        ])
    );
    let sponsor = app
        .gql(Some("SPONSOR"), "{ counselAccounts { id } }", json!({}))
        .await;
    assert_eq!(refusal(&sponsor).code, "FORBIDDEN");
    // A counsel of another organ cannot be assigned.
    let mut f = build(&app, Case::Reviewing).await;
    let town = f
        .act(
            "REVIEW_OFFICE",
            "assignCounsel",
            json!({"assignedOn": today().to_string(), "counselAccountId": app.ids["TOWN_COUNSEL"],
                   "kind": "PUBLIC_LAWYER", "affiliation": "明港镇司法所"}),
        )
        .await
        .expect_err("another organ's counsel");
    assert_eq!(town.code, "INVALID_INPUT");
}

#[tokio::test]
async fn the_office_records_the_heads_suspension_order_on_the_heads_behalf_and_says_so() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.in_execution().await;
    f.ok(
        "SPONSOR",
        "reportIncident",
        json!({"reportedOn": today().to_string(), "kind": "PROBLEM", "description": "施工安全隐患"}),
    )
    .await;
    let order = |on_behalf: Option<&str>| {
        let mut input = json!({"suspendedOn": today().to_string(), "reason": "施工安全隐患，情况紧急", "incidentNumber": 1});
        if let Some(id) = on_behalf {
            input["onBehalfOf"] = json!(id);
        }
        input
    };
    // Without naming the head, the office has no power to suspend (Art. 37).
    let alone = f
        .act("SECRETARIAT", "suspendExecution", order(None))
        .await
        .expect_err("the head's act");
    assert_eq!(
        (alone.code.as_str(), alone.rule.as_deref()),
        ("FORBIDDEN", None)
    );
    // Only the office records for the head, only for a head of the organ.
    let head = app.ids["HEAD"].clone();
    for (key, whom) in [
        ("SPONSOR", head.clone()),
        ("SECRETARIAT", app.ids["AUDITOR"].clone()),
        ("SECRETARIAT", app.ids["TOWN_HEAD"].clone()),
    ] {
        let body = send_as(&app, key, &f, order(Some(&whom))).await;
        let e = &body["errors"][0]["extensions"];
        assert_eq!(
            (e["code"].as_str(), e["scope"].as_str()),
            (Some("FORBIDDEN"), Some("scope.on_behalf")),
            "{key} for {whom}: {body}"
        );
    }
    f.ok("SECRETARIAT", "suspendExecution", order(Some(&head)))
        .await;
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { stage historyVerification { intact }
                history { kind actor { id role } onBehalfOf { id name role } } } }",
            json!({"id": f.id}),
        )
        .await;
    let d = &body["data"]["decision"];
    assert_eq!(d["stage"], "SUSPENDED");
    assert_eq!(d["historyVerification"]["intact"], true);
    let last = d["history"]
        .as_array()
        .and_then(|h| h.last())
        .expect("events");
    assert_eq!(last["kind"], "EXECUTION_SUSPENDED");
    assert_eq!(
        last["actor"],
        json!({"id": app.ids["SECRETARIAT"], "role": "SECRETARIAT"})
    );
    assert_eq!(
        last["onBehalfOf"],
        json!({"id": head, "name": "HEAD用户", "role": "HEAD"})
    );
}

async fn send_as(app: &App, key: &str, f: &Flow<'_>, mut input: Value) -> Value {
    input["decisionId"] = json!(f.id);
    input["expectedVersion"] = json!(f.version);
    app.gql(
        Some(key),
        "mutation($input: SuspendExecutionInput!) { suspendExecution(input: $input) { version } }",
        json!({"input": input}),
    )
    .await
}
