//! The edge: every field of every act has a bound, and whatever does not parse — text too long,
//! a list too long, a negative number, a date that is not strictly
//! `YYYY-MM-DD` — is refused as INVALID_INPUT with a Chinese message naming the field, before the
//! decision is touched. Parsing comes before the role and stage checks, so one proposed decision
//! serves every act.

use serde_json::{Map, Value, json};

use crate::helpers::*;

const PROPOSE: &str =
    "mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id } }";

fn proposal() -> Value {
    json!({
        "title": "城区老旧小区改造实施方案",
        "summary": "对2000年以前建成的城区老旧小区实施综合改造",
        "category": "HENAN_PUBLIC_SERVICE",
        "source": "ORGAN_LEADER",
        "outsideCatalogueReason": "年中新增事项，未列入年度目录", "proposedOn": Dates::proposed(),
    })
}

fn with(mut input: Value, field: &str, value: Value) -> Value {
    input[field] = value;
    input
}

/// The refusal, checked to be INVALID_INPUT; its message.
#[track_caller]
fn invalid_input(body: &Value) -> String {
    let err = refusal(body);
    assert_eq!(err.code, "INVALID_INPUT", "{body}");
    assert!(err.rule.is_none(), "{body}");
    err.message
}

/// Sends `mutation(input)` on the flow's decision at its version, as `role`; the whole body.
async fn act(f: &Flow<'_>, role: &str, mutation: &str, input_type: &str, input: Value) -> Value {
    let mut input = input;
    input["decisionId"] = json!(f.id);
    input["expectedVersion"] = json!(f.version);
    let query = format!("mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ id }} }}");
    f.app.gql(Some(role), &query, json!({"input": input})).await
}

// ---------------------------------------------------------------------------------------------
// Text and lists
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_title_of_a_hundred_thousand_characters_is_refused_naming_the_title_and_its_maximum() {
    let app = spawn_app().await;
    for n in [100_000, 201] {
        let body = app
            .gql(
                Some("SPONSOR"),
                PROPOSE,
                json!({"input": with(proposal(), "title", json!("字".repeat(n)))}),
            )
            .await;
        assert_eq!(invalid_input(&body), "标题过长（最多200个字符）");
    }
    assert_eq!(app.decision_count().await, 0);
    let at_the_limit = app
        .gql(
            Some("SPONSOR"),
            PROPOSE,
            json!({"input": with(proposal(), "title", json!("字".repeat(200)))}),
        )
        .await;
    assert!(
        at_the_limit["data"]["proposeDecision"]["id"].is_string(),
        "{at_the_limit}"
    );
}

#[tokio::test]
async fn each_kind_of_field_has_its_own_maximum() {
    let app = spawn_app().await;
    let f = Flow::propose(&app, json!({})).await;
    let before = app.decision(&f.id).await;
    let d = today().to_string();
    let cases = [
        (
            "startProcedure",
            "StartProcedureInput",
            json!({"startedOn": d, "leadUnit": "局".repeat(101)}),
            "牵头承办单位过长（最多100个字符）",
        ),
        (
            "withdrawDecision",
            "WithdrawDecisionInput",
            json!({"withdrawnOn": d, "reason": "因".repeat(5_001)}),
            "撤回理由过长（最多5000个字符）",
        ),
        (
            "reviseDraft",
            "ReviseDraftInput",
            json!({"revisedOn": d, "text": "条".repeat(200_001)}),
            "草案正文过长（最多200000个字符）",
        ),
        (
            "publishDecision",
            "PublishDecisionInput",
            json!({"publishedOn": d, "channels": ["平桥区人民政府网站"], "documentNumber": "号".repeat(101)}),
            "文号过长（最多100个字符）",
        ),
        (
            "requestLegalityReview",
            "RequestLegalityReviewInput",
            json!({"requestedOn": d, "legalBasis": ["法".repeat(201)]}),
            "法律依据过长（最多200个字符）",
        ),
    ];
    for (mutation, input_type, input, message) in cases {
        let role = if mutation == "startProcedure" || mutation == "publishDecision" {
            "SECRETARIAT"
        } else {
            "SPONSOR"
        };
        let body = act(&f, role, mutation, input_type, input).await;
        assert_eq!(invalid_input(&body), message, "{mutation}");
    }
    assert_eq!(app.decision(&f.id).await, before);
}

#[tokio::test]
async fn a_public_comment_and_its_signature_stay_bounded() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    f.draft().await;
    // Open until the end of today, so that the comment within bounds is taken.
    f.ok(
        "SPONSOR",
        "openPublicConsultation",
        consultation(&Dates::consultation_opened(), &today().to_string(), None),
    )
    .await;
    let q =
        "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }";
    let send = |body: String, commenter: String| {
        app.gql(
            None,
            q,
            json!({"input": {"decisionId": f.id, "body": body, "commenter": commenter}}),
        )
    };
    let long_body = send("意".repeat(10_001), "居民甲".into()).await;
    assert_eq!(invalid_input(&long_body), "意见内容过长（最多10000个字符）");
    let long_name = send("建议加装电梯".into(), "名".repeat(101)).await;
    assert_eq!(invalid_input(&long_name), "署名过长（最多100个字符）");
    assert!(app.store.comment_ids(&f.id).await.expect("ids").is_empty());
    let fine = send("意".repeat(10_000), "名".repeat(100)).await;
    assert!(
        fine["data"]["submitPublicComment"]["id"].is_string(),
        "{fine}"
    );
}

#[tokio::test]
async fn a_list_longer_than_its_bound_is_refused_naming_the_list() {
    let app = spawn_app().await;
    let f = Flow::propose(&app, json!({})).await;
    let before = app.decision(&f.id).await;
    let channels: Vec<String> = (0..51).map(|i| format!("网站{i}")).collect();
    let body = act(
        &f,
        "SPONSOR",
        "openPublicConsultation",
        "OpenPublicConsultationInput",
        json!({"openedOn": Dates::consultation_opened(), "endsOn": today().to_string(), "channels": channels}),
    )
    .await;
    assert_eq!(invalid_input(&body), "公布途径过多（最多50项）");

    let mut input = meeting(1, "ADOPTED");
    let member = json!({"speaker": "委员", "position": "AGREE"});
    input["speeches"] = Value::Array(vec![member; 201]);
    let body = act(
        &f,
        "SECRETARIAT",
        "recordCollectiveDiscussion",
        "RecordCollectiveDiscussionInput",
        input,
    )
    .await;
    assert_eq!(invalid_input(&body), "会议发言过多（最多200项）");

    let bases: Vec<String> = (0..51).map(|i| format!("《条例{i}》")).collect();
    let body = app
        .gql(
            Some("SPONSOR"),
            PROPOSE,
            json!({"input": with(proposal(), "legalBasis", json!(bases))}),
        )
        .await;
    assert_eq!(invalid_input(&body), "决策依据过多（最多50项）");
    assert_eq!(app.decision(&f.id).await, before);
    assert_eq!(app.decision_count().await, 1);
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_negative_draft_version_is_refused_not_wrapped_to_a_huge_one() {
    let app = spawn_app().await;
    let f = Flow::propose(&app, json!({})).await;
    for v in [-1, i64::from(i32::MIN)] {
        let body = act(
            &f,
            "SECRETARIAT",
            "recordCollectiveDiscussion",
            "RecordCollectiveDiscussionInput",
            meeting(v, "ADOPTED"),
        )
        .await;
        assert_eq!(
            invalid_input(&body),
            format!("讨论的草案版本应为非负整数（收到{v}）")
        );
    }
}

#[tokio::test]
async fn a_negative_incident_number_is_refused_not_read_as_none() {
    let app = spawn_app().await;
    let f = Flow::propose(&app, json!({})).await;
    let body = act(
        &f,
        "HEAD",
        "suspendExecution",
        "SuspendExecutionInput",
        json!({"suspendedOn": today().to_string(), "reason": "情况紧急", "incidentNumber": -1}),
    )
    .await;
    assert_eq!(invalid_input(&body), "执行问题编号应为非负整数（收到-1）");
}

#[tokio::test]
async fn a_negative_expected_version_is_malformed_not_stale() {
    let app = spawn_app().await;
    let f = Flow::propose(&app, json!({})).await;
    let withdraw = |v: i64| {
        app.gql(
            Some("SPONSOR"),
            "mutation($input: WithdrawDecisionInput!) { withdrawDecision(input: $input) { id } }",
            json!({"input": {"decisionId": f.id, "expectedVersion": v,
                             "withdrawnOn": today().to_string(), "reason": "已纳入市级方案"}}),
        )
    };
    assert_eq!(
        invalid_input(&withdraw(-5).await),
        "预期版本号应为非负整数（收到-5）"
    );
    // Zero is a version no decision has: stale, like any other that is not current.
    assert_eq!(refusal(&withdraw(0).await).code, "VERSION_CONFLICT");
    assert_eq!(app.decision(&f.id).await["stage"], "PROPOSED");
}

/// A value that does not fit its GraphQL type is refused by async-graphql itself, in English and
/// without a code of its own: a string for an `Int` by its validator, an `Int` beyond 32 bits by its
/// parser. Both still answer INVALID_INPUT, with a Chinese lead. (The first also pins the wording
/// by which `graphql/mod.rs` tells a validator's value error from one about the document.)
#[tokio::test]
async fn a_value_out_of_range_for_its_type_is_invalid_input() {
    let app = spawn_app().await;
    let f = Flow::propose(&app, json!({})).await;
    let send = |v: Value| {
        let mut input = meeting(1, "ADOPTED");
        input["draftVersion"] = v;
        act(
            &f,
            "SECRETARIAT",
            "recordCollectiveDiscussion",
            "RecordCollectiveDiscussionInput",
            input,
        )
    };
    let message = invalid_input(&send(json!("二")).await);
    assert!(message.starts_with("输入值不符合其类型："), "{message}");
    assert!(message.contains("draftVersion"), "{message}");
    let message = invalid_input(&send(json!(1_i64 << 32)).await);
    assert!(message.starts_with("输入值无效："), "{message}");
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn only_a_strict_iso_date_of_this_century_is_read() {
    let app = spawn_app().await;
    let malformed = [
        json!("2026-1-5"),
        json!("+2026-01-05"),
        json!("02026-01-05"),
        json!("0000-01-01"),
        json!("-0005-01-01"),
        json!("1900-01-01"),
        json!("2100-01-01"),
        json!("2026-02-30"),
        json!("2026-01-05T00:00:00Z"),
        json!(" 2026-01-05"),
        json!(""),
        json!(20260105),
    ];
    for date in &malformed {
        // In a variable, nested in an input object.
        let body = app
            .gql(
                Some("SPONSOR"),
                PROPOSE,
                json!({"input": with(proposal(), "proposedOn", date.clone())}),
            )
            .await;
        let message = invalid_input(&body);
        assert!(message.starts_with("日期"), "{date}: {message}");
        assert!(!message.contains("Failed to parse"), "{message}");
        // As a variable of a query's own argument.
        let body = app
            .gql(
                None,
                "query($d: Date!) { addWorkingDays(date: $d, n: 1) }",
                json!({"d": date}),
            )
            .await;
        assert!(invalid_input(&body).starts_with("日期"), "{date}: {body}");
    }
    // As a literal in the query text.
    let body = app
        .gql(
            None,
            r#"{ workingDaysBetween(from: "2026-1-5", to: "2026-01-10") }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        invalid_input(&body),
        "日期应为YYYY-MM-DD格式（如2026-01-05），收到“2026-1-5”"
    );
    assert_eq!(
        body["errors"][0]["extensions"],
        json!({"code": "INVALID_INPUT"}),
        "only the code: {body}"
    );
    assert_eq!(app.decision_count().await, 0);
    let fine = app
        .gql(
            None,
            r#"{ workingDaysBetween(from: "2026-01-05", to: "2026-01-09") }"#,
            json!({}),
        )
        .await;
    assert_eq!(fine["data"]["workingDaysBetween"], 4, "{fine}");
}

// ---------------------------------------------------------------------------------------------
// Every field of every act, from the schema itself
// ---------------------------------------------------------------------------------------------

const INTROSPECTION: &str = r#"{
  __schema {
    mutationType { fields { name args { name type { ...T } } } }
    types { name kind inputFields { name type { ...T } } enumValues { name } }
  }
}
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }"#;

struct Schema {
    types: Map<String, Value>,
}

impl Schema {
    fn named(&self, name: &str) -> &Value {
        &self.types[name]
    }

    /// A valid-looking value of a type reference: every field of an input object filled in,
    /// optional ones too, so that each is parsed.
    fn sample(&self, ty: &Value) -> Value {
        match ty["kind"].as_str() {
            Some("NON_NULL") => self.sample(&ty["ofType"]),
            Some("LIST") => json!([self.sample(&ty["ofType"])]),
            _ => {
                let name = ty["name"].as_str().expect("a named type");
                match name {
                    "String" => json!("甲"),
                    "ID" => json!("some-id"),
                    "Date" => json!(today().to_string()),
                    "Month" => json!("2026-09"),
                    "Int" => json!(1),
                    "Boolean" => json!(false),
                    _ => {
                        let t = self.named(name);
                        match t["kind"].as_str() {
                            Some("ENUM") => t["enumValues"][0]["name"].clone(),
                            Some("INPUT_OBJECT") => {
                                let mut obj = Map::new();
                                for f in t["inputFields"].as_array().expect("fields") {
                                    let key = f["name"].as_str().expect("name").to_owned();
                                    obj.insert(key, self.sample(&f["type"]));
                                }
                                Value::Object(obj)
                            }
                            other => panic!("no sample for {name} ({other:?})"),
                        }
                    }
                }
            }
        }
    }

    /// Every leaf of an input object and of the objects nested in it (through the first entry of
    /// a list), as a JSON pointer with its type reference.
    fn leaves(&self, type_name: &str, at: &str, out: &mut Vec<(String, Value)>) {
        for f in self.named(type_name)["inputFields"]
            .as_array()
            .expect("fields")
        {
            let path = format!("{at}/{}", f["name"].as_str().expect("name"));
            out.push((path.clone(), f["type"].clone()));
            let (list, inner) = unwrap_type(&f["type"]);
            if self.named(&inner)["kind"] == "INPUT_OBJECT" {
                let nested = if list { format!("{path}/0") } else { path };
                self.leaves(&inner, &nested, out);
            }
        }
    }
}

/// Whether a type reference is a list, and the name of the type inside.
fn unwrap_type(ty: &Value) -> (bool, String) {
    let mut ty = ty;
    let mut list = false;
    loop {
        match ty["kind"].as_str() {
            Some("NON_NULL") => ty = &ty["ofType"],
            Some("LIST") => {
                list = true;
                ty = &ty["ofType"];
            }
            _ => return (list, ty["name"].as_str().expect("name").to_owned()),
        }
    }
}

/// For each act (and the proposal and the public comment), and each of its fields: text and ids of
/// 200,001 characters (past the largest limit), lists one entry past the largest count, negative
/// numbers and malformed dates are each refused as INVALID_INPUT, with the message the field's
/// kind calls for. A field added later without a bound fails here.
#[tokio::test]
async fn every_text_list_number_and_date_of_every_act_is_bounded() {
    let app = spawn_app().await;
    let body = app.gql(None, INTROSPECTION, json!({})).await;
    let schema = Schema {
        types: body["data"]["__schema"]["types"]
            .as_array()
            .expect("types")
            .iter()
            .map(|t| (t["name"].as_str().expect("name").to_owned(), t.clone()))
            .collect(),
    };
    let long = "a".repeat(200_001);
    let mut checked = 0;
    for m in body["data"]["__schema"]["mutationType"]["fields"]
        .as_array()
        .expect("mutations")
    {
        let mutation = m["name"].as_str().expect("name");
        // Its file travels in a multipart request: its fields' bounds are checked there
        // (tests/api/materials.rs).
        if mutation == "attachMaterial" {
            continue;
        }
        let (_, input_type) = unwrap_type(&m["args"][0]["type"]);
        assert_eq!(m["args"][0]["name"], "input", "{mutation}");
        let base = schema.sample(&m["args"][0]["type"]);
        let mut leaves = Vec::new();
        schema.leaves(&input_type, "", &mut leaves);
        let query = format!(
            "mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ __typename }} }}"
        );
        for (path, ty) in leaves {
            let (list, inner) = unwrap_type(&ty);
            let mut cases: Vec<(Value, &str)> = Vec::new();
            if list {
                let entry = schema.sample(&ty)[0].clone();
                // Ids of grouped opinions may number ten thousand; any other list two hundred.
                let past = if inner == "ID" { 10_001 } else { 201 };
                cases.push((Value::Array(vec![entry; past]), "过多（最多"));
            } else {
                match inner.as_str() {
                    "String" | "ID" => cases.push((json!(long), "过长（最多")),
                    "Int" => cases.push((json!(-1), "应为非负整数（收到-1）")),
                    "Date" => cases.push((json!("2026-1-5"), "日期应为YYYY-MM-DD格式")),
                    "Month" => cases.push((json!("2026-9"), "计划决策时间应为YYYY-MM格式")),
                    _ => {}
                }
            }
            for (value, expected) in cases {
                let mut input = base.clone();
                *input
                    .pointer_mut(&path)
                    .expect("the field is in the sample") = value;
                let body = app
                    .gql(Some("SECRETARIAT"), &query, json!({"input": input}))
                    .await;
                let message = invalid_input(&body);
                assert!(
                    message.contains(expected),
                    "{mutation} {path}: expected “{expected}”, got “{message}”"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 150, "only {checked} fields checked");
    assert_eq!(app.decision_count().await, 0);
}

// ---------------------------------------------------------------------------------------------
// Every error has a code
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_request_the_schema_cannot_read_still_answers_with_a_code() {
    let app = spawn_app().await;
    let syntax = app.gql(None, "{ calendarVersion ", json!({})).await;
    let err = refusal(&syntax);
    assert_eq!(err.code, "GRAPHQL_PARSE_FAILED", "{syntax}");
    assert!(err.message.starts_with("查询语句无法解析："), "{syntax}");

    let unknown = app.gql(None, "{ noSuchField }", json!({})).await;
    let err = refusal(&unknown);
    assert_eq!(err.code, "GRAPHQL_VALIDATION_FAILED", "{unknown}");
    assert!(err.message.starts_with("请求不符合接口定义："), "{unknown}");

    let missing = app
        .gql(
            Some("SPONSOR"),
            PROPOSE,
            json!({"input": {"title": "缺少其他字段"}}),
        )
        .await;
    assert_eq!(refusal(&missing).code, "INVALID_INPUT", "{missing}");
}
