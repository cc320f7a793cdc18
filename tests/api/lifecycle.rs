//! Whole lifecycles over HTTP, each act done by the role the statute gives it.

use serde_json::json;

use crate::helpers::*;

const FULL: &str = r#"query($id: ID!) { decision(id: $id) {
  stage version title
  start { leadUnit coUnits }
  tracks { track status basis }
  consultation { closedOn undisposedCount comments { id body disposition { outcome reason } } }
  hearings { place participants { name signedRecord } }
  legalityReview { round conclusion opinions { counselName kind } procedureStatement }
  meeting { kind outcome speeches { order speaker isHead position statement } }
  publication { documentNumber } filings { receiptNumber }
  execution { executingUnit reports { completed } incidents { number kind } suspensions { resumedOn } }
  postEvaluations { evaluator recommendation }
  archivedOn archiveGaps
  history { seq kind actor { role } occurredOn recordedAt payload hash }
} }"#;

#[tokio::test]
async fn a_decision_goes_from_proposal_to_archive_through_every_statutory_act() {
    let app = spawn_app().await;
    let mut f = Flow::propose(
        &app,
        json!({"professionalTechnical": true, "stabilityImpact": true, "affectsMarketEntities": true,
               "affectsSpecificGroup": true, "normativeDocument": true}),
    )
    .await;
    f.start().await;
    f.draft().await;
    f.open_consultation().await;

    // The public comments while the consultation is open; no account needed.
    let comment = app
        .on_day(
            App::during_consultation(),
            app.gql(
                None,
                "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }",
                json!({"input": {"decisionId": f.id, "body": "建议加装电梯", "commenter": "居民王某"}}),
            ),
        )
        .await;
    let comment_id = comment["data"]["submitPublicComment"]["id"]
        .as_str()
        .expect("comment id")
        .to_owned();

    crate::rules::announce_hearing(&mut f, &Dates::track_done()).await;
    f.ok(
        "SPONSOR",
        "recordHearing",
        json!({"heldOn": Dates::track_done(), "materialsDeliveredOn": days_ago(28), "place": "区政府三楼会议室",
               "participants": [{"name": "居民代表甲", "represents": "老旧小区居民", "signedRecord": true},
                                {"name": "物业代表乙", "signedRecord": true}],
               "recordSummary": "听证参加人陈述意见并质证"}),
    )
    .await;
    f.ok(
        "SPONSOR",
        "disposeComment",
        json!({"commentId": comment_id, "outcome": "ADOPTED", "reason": "已纳入改造内容"}),
    )
    .await;
    f.close_consultation().await;
    f.experts().await;
    f.risk().await;
    f.fair_competition().await;
    assert_eq!(
        f.ok(
            "SPONSOR",
            "requestLegalityReview",
            json!({"requestedOn": today().to_string(), "legalBasis": ["《城乡规划法》"], "shortenedReason": "汛期前须完成改造，情况紧急"})
        )
        .await,
        "LEGALITY_REVIEW"
    );
    f.counsel_opinion().await;
    let stage = f.conclude_review("LAWFUL").await.expect("concluded");
    assert_eq!(stage["stage"], "AWAITING_DISCUSSION");
    assert_eq!(f.meeting().await.expect("adopted")["stage"], "ADOPTED");
    f.party_report().await;
    assert_eq!(
        f.ok("SECRETARIAT", "publishDecision", json!({"publishedOn": today().to_string(), "channels": ["平桥区人民政府网站"], "documentNumber": "平政〔2026〕12号", "opinionExplanation": "采纳情况说明"})).await,
        "PUBLISHED"
    );
    f.ok("SECRETARIAT", "fileDecision", json!({"filedOn": today().to_string(), "authority": "上一级人民政府", "receiptNumber": "备2026-031"})).await;
    f.ok("SECRETARIAT", "fileDecision", json!({"filedOn": today().to_string(), "authority": "本级人民代表大会常务委员会", "receiptNumber": "平人大备〔2026〕5号"})).await;
    assert_eq!(
        f.ok(
            "SECRETARIAT",
            "startExecution",
            json!({"startedOn": today().to_string(), "executingUnit": "区住房和城乡建设局"})
        )
        .await,
        "IN_EXECUTION"
    );
    f.ok(
        "SPONSOR",
        "reportExecution",
        json!({"reportedOn": today().to_string(), "summary": "已完成12个小区"}),
    )
    .await;
    f.ok("SPONSOR", "reportIncident", json!({"reportedOn": today().to_string(), "kind": "MAJOR_CHANGE", "description": "上级补助资金调整"})).await;
    assert_eq!(
        f.ok("HEAD", "suspendExecution", json!({"suspendedOn": today().to_string(), "reason": "资金缺口，情况紧急", "incidentNumber": 1})).await,
        "SUSPENDED"
    );
    assert_eq!(
        f.ok(
            "HEAD",
            "resumeExecution",
            json!({"resumedOn": today().to_string(), "reason": "资金已落实"})
        )
        .await,
        "IN_EXECUTION"
    );
    assert_eq!(
        f.ok("SECRETARIAT", "startPostEvaluation", json!({"startedOn": today().to_string(), "trigger": "MANY_PUBLIC_OPINIONS", "triggerExplanation": "群众反映较多", "evaluator": "信阳师范大学法学院"})).await,
        "POST_EVALUATION"
    );
    assert_eq!(
        f.ok("SECRETARIAT", "concludePostEvaluation", json!({"concludedOn": today().to_string(), "conclusion": "总体达到预期效果", "recommendation": "CONTINUE"})).await,
        "IN_EXECUTION"
    );
    f.ok("SPONSOR", "reportExecution", json!({"reportedOn": today().to_string(), "summary": "42个小区全部完成", "completed": true})).await;
    // Art. 33: the documents the path formed, each attached by the office that formed it.
    f.attach_required().await;
    assert_eq!(
        f.ok(
            "SECRETARIAT",
            "archiveDecision",
            json!({"archivedOn": today().to_string()})
        )
        .await,
        "ARCHIVED"
    );

    let body = app.gql(Some("AUDITOR"), FULL, json!({"id": f.id})).await;
    let d = &body["data"]["decision"];
    assert!(body["errors"].is_null(), "{body}");
    assert_eq!(d["stage"], "ARCHIVED");
    assert_eq!(d["archiveGaps"], json!([]));
    assert_eq!(d["consultation"]["undisposedCount"], 0);
    assert_eq!(
        d["consultation"]["comments"][0]["disposition"]["outcome"],
        "ADOPTED"
    );
    assert_eq!(d["meeting"]["speeches"][3]["isHead"], true);
    assert_eq!(
        d["meeting"]["speeches"][2]["statement"],
        "资金来源尚需进一步落实"
    );
    assert_eq!(d["legalityReview"]["opinions"][0]["kind"], "PUBLIC_LAWYER");
    let history = d["history"].as_array().expect("history");
    let kinds: Vec<&str> = history
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        kinds,
        [
            "PROPOSED",
            "PROCEDURE_STARTED",
            "DRAFT_REVISED",
            "CONSULTATION_OPENED",
            "HEARING_NOTICE_PUBLISHED",
            "HEARING_RECORDED",
            "COMMENT_DISPOSED",
            "CONSULTATION_CLOSED",
            "EXPERT_ARGUMENTATION_RECORDED",
            "RISK_ASSESSMENT_RECORDED",
            "FAIR_COMPETITION_REVIEW_RECORDED",
            "LEGALITY_REVIEW_REQUESTED",
            "COUNSEL_ASSIGNED",
            "LEGAL_OPINION_SUBMITTED",
            "LEGALITY_REVIEW_ENDED",
            "COLLECTIVE_DISCUSSION_RECORDED",
            "PARTY_COMMITTEE_REPORTED",
            "PUBLISHED",
            "FILED",
            "FILED",
            "EXECUTION_STARTED",
            "EXECUTION_REPORTED",
            "INCIDENT_REPORTED",
            "EXECUTION_SUSPENDED",
            "EXECUTION_RESUMED",
            "POST_EVALUATION_STARTED",
            "POST_EVALUATION_CONCLUDED",
            "EXECUTION_REPORTED",
            "MATERIAL_ATTACHED",
            "MATERIAL_ATTACHED",
            "MATERIAL_ATTACHED",
            "MATERIAL_ATTACHED",
            "MATERIAL_ATTACHED",
            "MATERIAL_ATTACHED",
            "MATERIAL_ATTACHED",
            "MATERIAL_ATTACHED",
            "MATERIAL_ATTACHED",
            "MATERIAL_ATTACHED",
            "MATERIAL_ATTACHED",
            "ARCHIVED",
        ]
    );
    // One event per accepted act, numbered from 1, the version one ahead of nothing.
    for (i, e) in history.iter().enumerate() {
        assert_eq!(e["seq"], json!(i + 1));
        assert_eq!(e["hash"].as_str().map(str::len), Some(64));
    }
    assert_eq!(d["version"], json!(history.len()));
    // The meeting is recorded by the secretariat, the review concluded by the review office.
    assert_eq!(history[15]["kind"], "COLLECTIVE_DISCUSSION_RECORDED");
    assert_eq!(history[15]["actor"]["role"], "SECRETARIAT");
    assert_eq!(history[14]["kind"], "LEGALITY_REVIEW_ENDED");
    assert_eq!(history[14]["actor"]["role"], "REVIEW_OFFICE");
    // The counsel was assigned by the review office before giving the opinion (Art. 28).
    assert_eq!(history[12]["kind"], "COUNSEL_ASSIGNED");
    assert_eq!(history[12]["actor"]["role"], "REVIEW_OFFICE");
    assert_eq!(history[13]["actor"]["role"], "COUNSEL");

    // Archived is read-only forever.
    let err = f
        .act(
            "SPONSOR",
            "reportExecution",
            json!({"reportedOn": today().to_string(), "summary": "补充"}),
        )
        .await
        .expect_err("archived is read-only");
    assert_eq!(err.code, "INVALID_TRANSITION");
}

#[tokio::test]
async fn a_decision_is_terminated_only_by_a_new_decision_that_ran_the_procedure() {
    let app = spawn_app().await;
    let mut parent = Flow::propose(&app, json!({})).await;
    parent.in_execution().await;

    let mut child = Flow::propose_with(
        &app,
        json!({"title": "关于停止执行城区老旧小区改造实施方案的决定", "amends": parent.id}),
    )
    .await;
    let input = |by: &str| json!({"changedOn": today().to_string(), "reason": "评估后决定停止执行", "byDecisionId": by});

    // The new decision has not been adopted yet: refused.
    let err = parent
        .act("SECRETARIAT", "terminateDecision", input(&child.id))
        .await
        .expect_err("not yet adopted");
    assert_eq!(err.rule.as_deref(), Some("change.procedure"));
    assert_eq!(err.article.as_deref(), Some("第三十七条"));

    child.adopted().await;
    assert_eq!(
        parent
            .ok("SECRETARIAT", "terminateDecision", input(&child.id))
            .await,
        "TERMINATED"
    );
    parent.attach_required().await;
    assert_eq!(
        parent
            .ok(
                "SECRETARIAT",
                "archiveDecision",
                json!({"archivedOn": today().to_string()})
            )
            .await,
        "ARCHIVED"
    );
}

#[tokio::test]
async fn a_withdrawn_proposal_is_archived_with_its_reason() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    assert_eq!(
        f.ok(
            "SPONSOR",
            "withdrawDecision",
            json!({"withdrawnOn": today().to_string(), "reason": "已纳入市级统一方案"})
        )
        .await,
        "WITHDRAWN"
    );
    assert_eq!(
        f.ok(
            "SECRETARIAT",
            "archiveDecision",
            json!({"archivedOn": today().to_string()})
        )
        .await,
        "ARCHIVED"
    );
}

#[tokio::test]
async fn decisions_are_listed_newest_first_in_pages() {
    let app = spawn_app().await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(Flow::propose(&app, json!({})).await.id);
    }
    let q = "query($after: String) { decisions(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }";
    let mut seen = Vec::new();
    let mut after = serde_json::Value::Null;
    loop {
        let body = app.gql(Some("AUDITOR"), q, json!({"after": after})).await;
        let conn = &body["data"]["decisions"];
        for e in conn["edges"].as_array().expect("edges") {
            seen.push(e["node"]["id"].as_str().expect("id").to_owned());
        }
        if conn["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = conn["pageInfo"]["endCursor"].clone();
    }
    ids.reverse();
    assert_eq!(seen, ids);
    let too_many = app
        .gql(
            Some("AUDITOR"),
            "{ decisions(first: 101) { edges { cursor } } }",
            json!({}),
        )
        .await;
    assert_eq!(refusal(&too_many).code, "INVALID_INPUT");
}

#[tokio::test]
async fn the_public_learns_nothing_of_an_unpublished_decision_and_a_bad_token_is_unauthenticated() {
    let app = spawn_app().await;
    let f = Flow::propose(&app, json!({})).await;
    // The same answer as for an id that does not exist: the public cannot probe for ids.
    for id in [f.id.as_str(), "01a00000-0000-7000-8000-000000000000"] {
        let body = app
            .gql(
                None,
                "query($id: ID!) { decision(id: $id) { id } }",
                json!({"id": id}),
            )
            .await;
        let refused = refusal(&body);
        assert_eq!(
            (refused.code.as_str(), refused.message.as_str()),
            ("NOT_FOUND", "未找到该决策")
        );
    }
    let resp = app
        .http
        .post(app.url())
        .bearer_auth("de_not_a_token")
        .json(&json!({"query": "{ me { name } }"}))
        .send()
        .await
        .expect("sent");
    let body: serde_json::Value = resp.json().await.expect("json");
    assert_eq!(refusal(&body).code, "UNAUTHENTICATED");
    let me = app
        .gql(Some("COUNSEL"), "{ me { role unit } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["role"], "COUNSEL");
}

#[tokio::test]
async fn the_public_comments_only_while_the_consultation_is_open_by_the_servers_clock() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    f.draft().await;
    let q =
        "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }";
    let comment = json!({"input": {"decisionId": f.id, "body": "建议增设停车位"}});

    // Before the draft is published for comment, the public may not know it exists.
    let before_opening = app.gql(None, q, comment.clone()).await;
    assert_eq!(refusal(&before_opening).code, "NOT_FOUND");

    // Open today for 30 days: comments are taken through the last day, by the server's clock.
    f.ok(
        "SPONSOR",
        "openPublicConsultation",
        consultation(&today().to_string(), &days_ahead(30), None),
    )
    .await;
    let first_day = app.gql(None, q, comment.clone()).await;
    assert!(first_day["errors"].is_null(), "{first_day}");
    app.clock.set_date(today() + chrono::Days::new(30));
    let last_day = app.gql(None, q, comment.clone()).await;
    assert!(last_day["errors"].is_null(), "{last_day}");

    // The day after its end, the consultation takes no more comments.
    app.clock.advance(chrono::TimeDelta::days(1));
    let after_the_end = app.gql(None, q, comment.clone()).await;
    let refused = refusal(&after_the_end);
    assert_eq!(refused.code, "INVALID_TRANSITION");
    assert!(
        refused.message.contains("公开征求意见期"),
        "{}",
        refused.message
    );
    let blank = app
        .gql(
            None,
            q,
            json!({"input": {"decisionId": f.id, "body": "  "}}),
        )
        .await;
    assert_eq!(refusal(&blank).code, "INVALID_INPUT");
    assert_eq!(app.store.comment_ids(&f.id).await.expect("ids").len(), 2);
}

const VERIFY: &str = "query($id: ID!) { decision(id: $id) { historyVerification { intact firstBrokenSeq firstBrokenMessageSeq finding } } }";

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_an_event() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    for sql in [
        format!(
            "UPDATE decision_events SET actor_name = '李四' WHERE decision_id = '{}'",
            f.id
        ),
        format!(
            "DELETE FROM decision_events WHERE decision_id = '{}' AND seq = 2",
            f.id
        ),
    ] {
        let refused = app
            .store
            .connection()
            .execute_unprepared(&sql)
            .await
            .expect_err("the database refuses");
        assert!(
            refused.to_string().contains("办理过程记录只能追加，不得修改或者删除（《重大行政决策程序暂行条例》第三十三条、第三十九条）"),
            "{refused}"
        );
    }
    let intact = app.gql(Some("AUDITOR"), VERIFY, json!({"id": f.id})).await;
    assert_eq!(
        intact["data"]["decision"]["historyVerification"],
        json!({"intact": true, "firstBrokenSeq": null, "firstBrokenMessageSeq": null, "finding": null})
    );
}

#[tokio::test]
async fn an_event_edited_outside_the_engine_breaks_the_history_chain() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    f.draft().await;
    app.drop_record_guards().await;
    // Someone with the database's owner rights rewrites who started the procedure — in the
    // payload, and (what the first scheme did not cover) the actor's name.
    for (sql, seq) in [
        (
            "UPDATE decision_events SET actor_name = '李四' WHERE decision_id = '{}' AND seq = 3",
            3,
        ),
        (
            "UPDATE decision_events SET payload = replace(payload, '区住房和城乡建设局', '区发展和改革委员会') WHERE decision_id = '{}' AND seq = 2",
            2,
        ),
    ] {
        app.store
            .connection()
            .execute_unprepared(&sql.replace("{}", &f.id))
            .await
            .expect("tampered");
        let broken = app.gql(Some("AUDITOR"), VERIFY, json!({"id": f.id})).await;
        assert_eq!(
            broken["data"]["decision"]["historyVerification"],
            json!({"intact": false, "firstBrokenSeq": seq, "firstBrokenMessageSeq": null,
                   "finding": format!("第{seq}个事件与哈希链不符（被修改、删除或者插入）")})
        );
    }
}

#[tokio::test]
async fn a_record_edited_in_the_database_is_caught_by_replaying_its_history() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    // The state row is not chained: only the replay of the history can tell it was edited.
    for (sql, field) in [
        (
            "UPDATE decisions SET state = replace(state, '区住房和城乡建设局', '区发展和改革委员会') WHERE id = '{}'",
            "proposer",
        ),
        (
            "UPDATE decisions SET stage = 'ARCHIVED' WHERE id = '{}'",
            "stage（列）",
        ),
    ] {
        let app = spawn_app().await;
        let mut f = Flow::propose(&app, json!({})).await;
        f.start().await;
        app.store
            .connection()
            .execute_unprepared(&sql.replace("{}", &f.id))
            .await
            .expect("edited");
        let broken = app.gql(Some("AUDITOR"), VERIFY, json!({"id": f.id})).await;
        assert_eq!(
            broken["data"]["decision"]["historyVerification"]["finding"],
            format!("决策记录的“{field}”与其历史记录回放的结果不一致"),
            "{broken}"
        );
    }
    let intact = app.gql(Some("AUDITOR"), VERIFY, json!({"id": f.id})).await;
    assert_eq!(
        intact["data"]["decision"]["historyVerification"]["intact"],
        true
    );
}

#[tokio::test]
async fn the_demo_loads_on_any_day_with_its_consultation_open_that_day() {
    // A weekday, a Sunday, the calendar's last day, and the eve of the 2027 Spring Festival,
    // beyond the shipped calendar.
    for date in ["2026-06-15", "2026-11-29", "2026-12-31", "2027-02-05"] {
        let app = spawn_app().await;
        app.clock.set_date(day(date));
        let report = decision_engine::demo::load(app.service.clone())
            .await
            .unwrap_or_else(|e| panic!("demo on {date}: {e:#}"));
        let cases: Vec<(&str, &str)> = report
            .lines()
            .take_while(|l| !l.is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(stage, rest)| (stage, rest.split('\t').next().unwrap_or_default()))
            .collect();
        let stages: Vec<&str> = cases.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            stages,
            [
                "IN_EXECUTION",
                "AWAITING_DISCUSSION",
                "LEGALITY_REVIEW",
                "DRAFTING",
                "PROPOSED",
                "PUBLISHED",
                "WITHDRAWN",
                "DRAFTING",
                "IN_EXECUTION",
                "CATALOGUE"
            ],
            "{date}: {report}"
        );
        // The 2025 catalogue, adjusted once, with its year-end report, for the public at once.
        for (path, holds) in [
            ("/catalogues/2025.html", "平政办〔2025〕21号"),
            ("/catalogues/2025.html?version=1", "震雷山风景区总体规划"),
            ("/catalogues/2025/report.html", "结转下一年度"),
        ] {
            let page = app
                .http
                .get(format!("http://{}{path}", app.addr))
                .send()
                .await
                .expect("sent");
            assert_eq!(page.status().as_u16(), 200, "{date} {path}");
            let text = page.text().await.expect("page");
            assert!(text.contains(holds), "{date} {path}: {text}");
        }
        let drafting = cases[3].1;
        let comment = app
            .gql(
                None,
                "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }",
                json!({"input": {"decisionId": drafting, "body": "建议夜间施工降噪"}}),
            )
            .await;
        assert!(comment["errors"].is_null(), "{date}: {comment}");
    }
}

// A page asks for the history of each of its decisions; they are read together (one batch per
// request), and each decision still gets its own events, in order, and only a caller who sees
// its record gets them.
#[tokio::test]
async fn a_page_of_decisions_with_their_histories_gives_each_its_own() {
    let app = spawn_app().await;
    let mut ids = Vec::new();
    for i in 0..12 {
        let mut flow = Flow::propose(&app, json!({})).await;
        // Histories of different lengths: 1, 2 or 3 events.
        if i % 3 > 0 {
            flow.start().await;
        }
        if i % 3 > 1 {
            flow.draft().await;
        }
        ids.push(flow.id.clone());
    }
    // One the public sees too: its draft is out for comment.
    let mut consulted = Flow::propose(&app, json!({})).await;
    consulted.start().await;
    consulted.draft().await;
    consulted.open_consultation().await;
    let page = app
        .gql(
            Some("AUDITOR"),
            "{ decisions(first: 20) { nodes { id history { seq kind position } } } }",
            json!({}),
        )
        .await;
    assert!(page["errors"].is_null(), "{page}");
    let nodes = page["data"]["decisions"]["nodes"]
        .as_array()
        .expect("nodes");
    assert_eq!(nodes.len(), 13);
    for node in nodes {
        let alone = app
            .gql(
                Some("AUDITOR"),
                "query($id: ID!) { decision(id: $id) { history { seq kind position } } }",
                json!({"id": node["id"]}),
            )
            .await;
        assert_eq!(
            node["history"], alone["data"]["decision"]["history"],
            "{}",
            node["id"]
        );
    }
    let lengths: Vec<usize> = nodes
        .iter()
        .map(|n| n["history"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(
        lengths.iter().filter(|&&l| l == 3).count(),
        4,
        "{lengths:?}"
    );
    // The public's page holds the consulted draft; its history is refused, as it always was.
    let public = app
        .gql(
            None,
            "{ decisions(first: 20) { nodes { id history { seq } } } }",
            json!({}),
        )
        .await;
    let errors = public["errors"].as_array().expect("the history is refused");
    assert_eq!(errors.len(), 1, "{public}");
    assert_eq!(
        errors[0]["extensions"]["code"], "UNAUTHENTICATED",
        "{public}"
    );
}

#[tokio::test]
async fn a_comment_edited_or_deleted_in_the_database_breaks_the_chain_of_messages() {
    use sea_orm::ConnectionTrait;
    let q =
        "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }";
    for (sql, seq) in [
        (
            "UPDATE public_comments SET body = '建议取消停车位' WHERE decision_id = '{}' AND seq = 1",
            1,
        ),
        (
            "DELETE FROM public_comments WHERE decision_id = '{}' AND seq = 2",
            2,
        ),
    ] {
        let app = spawn_app().await;
        let mut f = Flow::propose(&app, json!({})).await;
        f.start().await;
        f.draft().await;
        f.ok(
            "SPONSOR",
            "openPublicConsultation",
            consultation(&today().to_string(), &days_ahead(30), None),
        )
        .await;
        for body in ["建议增设停车位", "建议增加绿化", "建议延长工期"] {
            let sent = app
                .gql(
                    None,
                    q,
                    json!({"input": {"decisionId": f.id, "body": body}}),
                )
                .await;
            assert!(sent["errors"].is_null(), "{sent}");
        }
        let intact = app.gql(Some("AUDITOR"), VERIFY, json!({"id": f.id})).await;
        assert_eq!(
            intact["data"]["decision"]["historyVerification"]["intact"], true,
            "{intact}"
        );

        // The guard refuses first; someone who owns the database drops it.
        let refused = app
            .store
            .connection()
            .execute_unprepared(&sql.replace("{}", &f.id))
            .await
            .expect_err("the database refuses");
        assert!(refused.to_string().contains("第三十三条"), "{refused}");
        app.drop_record_guards().await;
        app.store
            .connection()
            .execute_unprepared(&sql.replace("{}", &f.id))
            .await
            .expect("tampered");
        let broken = app.gql(Some("AUDITOR"), VERIFY, json!({"id": f.id})).await;
        assert_eq!(
            broken["data"]["decision"]["historyVerification"]["firstBrokenMessageSeq"], seq,
            "{broken}"
        );
    }
}
