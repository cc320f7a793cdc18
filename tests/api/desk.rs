//! The review desk (司法局): intake, counsel assigned and withdrawn, more material asked for
//! without returning the file, the opinion's number, the working days each review took, and a
//! queue per status and per reviewer.

use serde_json::{Value, json};

use crate::helpers::*;

const QUEUE: &str = "query($status: DeskStatus, $counsel: ID) { reviewQueue(status: $status, counselId: $counsel) { decisionId counsel review { round deskStatus acceptedOn workingDays } } }";

async fn queue(app: &App, role: &str, vars: Value) -> Vec<Value> {
    let body = app.gql(Some(role), QUEUE, vars).await;
    body["data"]["reviewQueue"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .clone()
}

fn ids(items: &[Value]) -> Vec<&str> {
    items
        .iter()
        .filter_map(|i| i["decisionId"].as_str())
        .collect()
}

#[tokio::test]
async fn a_review_moves_across_the_desk_and_the_queue_shows_where_it_stands() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.ready_for_review().await;
    // Requested today, Monday 2026-06-15; the desk is looked at again on Monday 06-22, across
    // the Dragon Boat Festival (Friday 06-19, a rest day): four working days so far.
    f.ok(
        "SPONSOR",
        "requestLegalityReview",
        json!({"requestedOn": "2026-06-15", "legalBasis": ["《城乡规划法》"]}),
    )
    .await;
    app.clock.set_date(day("2026-06-22"));
    let waiting = queue(&app, "REVIEW_OFFICE", json!({"status": "AWAITING_INTAKE"})).await;
    assert_eq!(ids(&waiting), [f.id.as_str()]);
    assert_eq!(waiting[0]["review"]["workingDays"], 4, "{waiting:?}");
    f.ok(
        "REVIEW_OFFICE",
        "acceptReviewRequest",
        json!({"acceptedOn": "2026-06-16"}),
    )
    .await;
    let again = f
        .act(
            "REVIEW_OFFICE",
            "acceptReviewRequest",
            json!({"acceptedOn": "2026-06-16"}),
        )
        .await
        .expect_err("taken in once");
    assert_eq!(again.code, "INVALID_TRANSITION");
    // More material, without returning the file: the decision stays under review.
    f.ok(
        "REVIEW_OFFICE",
        "requestSupplement",
        json!({"requestedOn": "2026-06-17", "materials": "社会稳定风险评估报告原件"}),
    )
    .await;
    assert_eq!(app.decision(&f.id).await["stage"], "LEGALITY_REVIEW");
    let materials = queue(
        &app,
        "REVIEW_OFFICE",
        json!({"status": "AWAITING_MATERIALS"}),
    )
    .await;
    assert_eq!(ids(&materials), [f.id.as_str()]);
    let early = f
        .act(
            "SPONSOR",
            "supplyMaterials",
            json!({"suppliedOn": "2026-06-16", "note": "已补充"}),
        )
        .await
        .expect_err("before it was asked for");
    assert_eq!(early.rule.as_deref(), Some("record.dates"));
    f.ok(
        "SPONSOR",
        "supplyMaterials",
        json!({"suppliedOn": "2026-06-18", "note": "已补充报告原件"}),
    )
    .await;
    let nothing = f
        .act(
            "SPONSOR",
            "supplyMaterials",
            json!({"suppliedOn": "2026-06-18", "note": "再次补充"}),
        )
        .await
        .expect_err("nothing asked for");
    assert_eq!(nothing.code, "INVALID_TRANSITION");
    assert_eq!(
        ids(&queue(
            &app,
            "REVIEW_OFFICE",
            json!({"status": "AWAITING_ASSIGNMENT"})
        )
        .await),
        [f.id.as_str()]
    );
    // Assigned, withdrawn (recorded, with the reason), assigned again.
    f.assign_counsel_on("2026-06-18").await;
    let other = app.ids["OTHER_COUNSEL"].clone();
    f.ok(
        "REVIEW_OFFICE",
        "assignCounsel",
        json!({"assignedOn": "2026-06-18", "counselAccountId": other, "kind": "LEGAL_ADVISER", "affiliation": "河南天中律师事务所"}),
    )
    .await;
    f.ok(
        "REVIEW_OFFICE",
        "withdrawCounselAssignment",
        json!({"withdrawnOn": "2026-06-22", "counselAccountId": other, "reason": "与决策事项存在利害关系，申请回避"}),
    )
    .await;
    let mine = queue(&app, "COUNSEL", json!({})).await;
    assert_eq!(ids(&mine), [f.id.as_str()]);
    assert_eq!(mine[0]["review"]["deskStatus"], "AWAITING_OPINION");
    assert_eq!(mine[0]["counsel"], json!(["COUNSEL用户"]));
    assert!(queue(&app, "OTHER_COUNSEL", json!({})).await.is_empty());
    let by_counsel = queue(
        &app,
        "REVIEW_OFFICE",
        json!({"counsel": app.ids["COUNSEL"]}),
    )
    .await;
    assert_eq!(ids(&by_counsel), [f.id.as_str()]);
    f.ok(
        "COUNSEL",
        "submitLegalOpinion",
        json!({"givenOn": "2026-06-22", "kind": "PUBLIC_LAWYER", "opinion": "符合法定权限和程序"}),
    )
    .await;
    assert_eq!(
        ids(&queue(
            &app,
            "REVIEW_OFFICE",
            json!({"status": "READY_TO_CONCLUDE"})
        )
        .await),
        [f.id.as_str()]
    );
    let mut concluded = conclude("LAWFUL");
    concluded["concludedOn"] = json!("2026-06-22");
    concluded["opinionNumber"] = json!("平司合审〔2026〕31号");
    f.ok("REVIEW_OFFICE", "concludeLegalityReview", concluded)
        .await;
    // Read two weeks later: the count stops at the conclusion.
    app.clock.set_date(day("2026-07-06"));
    let body = app
        .gql(
            Some("REVIEW_OFFICE"),
            "query($id: ID!) { decision(id: $id) { legalityReview { acceptedOn opinionNumber workingDays deskStatus
                supplements { requestedOn materials suppliedOn note }
                assignments { counselName affiliation assignedOn withdrawnOn withdrawalReason } } } }",
            json!({"id": f.id}),
        )
        .await;
    let r = &body["data"]["decision"]["legalityReview"];
    assert_eq!(r["acceptedOn"], "2026-06-16", "{body}");
    assert_eq!(r["opinionNumber"], "平司合审〔2026〕31号");
    // Concluded on 06-22: the four working days after the request.
    assert_eq!(r["workingDays"], 4);
    assert_eq!(r["deskStatus"], "ENDED");
    assert_eq!(r["supplements"][0]["suppliedOn"], "2026-06-18");
    assert_eq!(
        r["assignments"][1]["withdrawalReason"],
        "与决策事项存在利害关系，申请回避"
    );
    assert_eq!(r["assignments"][0]["withdrawnOn"], Value::Null);
    assert!(queue(&app, "REVIEW_OFFICE", json!({})).await.is_empty());
    // Nobody outside the organ's review sees the desk.
    assert!(
        queue(&app, "TOWN_REVIEW_OFFICE", json!({}))
            .await
            .is_empty()
    );
}
