//! What can I do next (`Decision.nextActs`): the acts the caller's post allows now, and for each
//! act the procedure still blocks, the rule and article — a dry run, nothing written.

use serde_json::{Value, json};

use crate::helpers::*;
use crate::roles::schema_mutations;

const NEXT: &str = "query($id: ID!) { decision(id: $id) { version nextActs { mutation label role available blockedBy { rule article basis message } } } }";

async fn next(app: &App, role: Option<&str>, id: &str) -> Value {
    app.gql(role, NEXT, json!({"id": id})).await
}

fn act<'a>(body: &'a Value, mutation: &str) -> Option<&'a Value> {
    body["data"]["decision"]["nextActs"]
        .as_array()?
        .iter()
        .find(|a| a["mutation"] == mutation)
}

#[tokio::test]
async fn each_official_is_offered_the_acts_of_its_post_and_told_what_blocks_the_rest() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({"professionalTechnical": true})).await;
    f.start().await;
    f.draft().await;
    let sponsor = next(&app, Some("SPONSOR"), &f.id).await;
    assert_eq!(
        act(&sponsor, "reviseDraft").map(|a| &a["available"]),
        Some(&json!(true))
    );
    let request = act(&sponsor, "requestLegalityReview").expect("listed");
    assert_eq!(request["available"], false);
    assert_eq!(request["blockedBy"]["rule"], "consultation.required");
    assert_eq!(request["blockedBy"]["article"], "第十四条");
    assert_eq!(request["blockedBy"]["basis"], "REGULATION");
    // The office is offered no drafting act, and is told what the meeting waits for.
    let office = next(&app, Some("SECRETARIAT"), &f.id).await;
    assert!(act(&office, "reviseDraft").is_none());
    let meeting = act(&office, "recordCollectiveDiscussion").expect("listed");
    assert_eq!(meeting["blockedBy"]["rule"], "review.gate");
    assert_eq!(meeting["blockedBy"]["article"], "第二十五条");
    assert!(
        meeting["blockedBy"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("合法性审查")),
        "{meeting}"
    );
    // Acting on what was offered works; the dry run itself wrote nothing.
    assert_eq!(office["data"]["decision"]["version"], json!(f.version));
    assert_eq!(app.decision(&f.id).await["version"], json!(f.version));
    f.open_consultation().await;
    // Out of the post, nothing to offer: the auditor reads, the other unit and the public see
    // the published part only.
    let auditor = next(&app, Some("AUDITOR"), &f.id).await;
    assert_eq!(
        auditor["data"]["decision"]["nextActs"],
        json!([]),
        "{auditor}"
    );
    let other = next(&app, Some("OTHER_SPONSOR"), &f.id).await;
    assert_eq!(refusal(&other).code, "FORBIDDEN", "{other}");
    let public = next(&app, None, &f.id).await;
    assert_eq!(refusal(&public).code, "UNAUTHENTICATED", "{public}");
}

#[tokio::test]
async fn the_review_desk_sees_the_counsel_opinion_it_still_needs() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.ready_for_review().await;
    f.request_review().await;
    let desk = next(&app, Some("REVIEW_OFFICE"), &f.id).await;
    assert_eq!(
        act(&desk, "assignCounsel").map(|a| &a["available"]),
        Some(&json!(true))
    );
    let conclude = act(&desk, "concludeLegalityReview").expect("listed");
    assert_eq!(conclude["blockedBy"]["rule"], "review.counsel_opinion");
    assert_eq!(conclude["blockedBy"]["article"], "第二十八条");
    f.assign_counsel().await;
    let counsel = next(&app, Some("COUNSEL"), &f.id).await;
    assert_eq!(
        act(&counsel, "submitLegalOpinion").map(|a| (&a["available"], &a["role"])),
        Some((&json!(true), &json!("COUNSEL")))
    );
}

#[test]
fn every_act_names_a_mutation_of_the_schema() {
    let mutations = schema_mutations();
    for kind in decision_engine::procedure::CommandKind::ALL {
        let name = decision_engine::graphql::mutation_name(kind);
        assert!(mutations.contains(name), "{kind:?} → {name}");
    }
}
