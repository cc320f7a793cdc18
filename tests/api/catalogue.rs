//! The annual catalogue (Art. 3(3)), driven over HTTP as the office, the units and the public
//! drive it: submissions, the organ's meeting, the Party committee's consent, publication,
//! adjustments as new versions, the published forms (HTML, CSV, JSON), the link to decisions,
//! lateness against the plan (Art. 38) and the year-end report.

use serde_json::{Value, json};

use crate::helpers::*;

const CATALOGUE: &str = "id version step revisionNumber
    items { id name plannedTime withdrawn }
    submissions { id status itemId }
    publishedVersions { number items { id name plannedTime leadUnit } }";

/// An item as a unit submits it.
fn item(name: &str, unit: &str, planned: &str) -> Value {
    json!({"name": name, "leadUnit": unit, "kind": "PUBLIC_POLICY",
        "basisAndContent": format!("依据有关法律法规，{name}的主要内容"),
        "publicConsultation": true, "riskAssessment": true, "plannedTime": planned})
}

/// The catalogue of 2026, driven by the office and the units.
pub(super) struct Cat<'a> {
    app: &'a App,
    id: String,
    version: i64,
}

impl<'a> Cat<'a> {
    async fn open(app: &'a App) -> Cat<'a> {
        let body = app
            .gql(
                Some("SECRETARIAT"),
                &format!("mutation($input: OpenCatalogueInput!) {{ openCatalogue(input: $input) {{ {CATALOGUE} }} }}"),
                json!({"input": {"year": 2026, "openedOn": "2026-01-05"}}),
            )
            .await;
        let c = &body["data"]["openCatalogue"];
        assert!(c.is_object(), "opened: {body}");
        Cat {
            app,
            id: c["id"].as_str().expect("id").into(),
            version: c["version"].as_i64().expect("version"),
        }
    }

    /// A unit's submission (`{"add": item}`, `{"amend": {itemId, item}}` or
    /// `{"withdraw": {itemId}}`); returns the submission's id.
    async fn submit(
        &mut self,
        role: &str,
        change: Value,
        reason: Option<&str>,
        on: &str,
    ) -> Result<String, Refused> {
        let (mutation, mut input) = if let Some(item) = change.get("add") {
            ("submitCatalogueItem", json!({"item": item}))
        } else if let Some(amend) = change.get("amend") {
            ("submitCatalogueAmendment", amend.clone())
        } else {
            ("submitCatalogueWithdrawal", change["withdraw"].clone())
        };
        input["catalogueId"] = json!(self.id);
        input["reason"] = json!(reason);
        input["submittedOn"] = json!(on);
        let ty = format!("{}{}Input", mutation[..1].to_uppercase(), &mutation[1..]);
        let body = self
            .app
            .gql(
                Some(role),
                &format!(
                    "mutation($input: {ty}!) {{ {mutation}(input: $input) {{ {CATALOGUE} }} }}"
                ),
                json!({"input": input}),
            )
            .await;
        let c = &body["data"][mutation];
        if !c.is_object() {
            return Err(refusal(&body));
        }
        self.version = c["version"].as_i64().expect("version");
        Ok(c["submissions"]
            .as_array()
            .and_then(|s| s.last())
            .and_then(|s| s["id"].as_str())
            .expect("submission")
            .into())
    }

    /// An office act with this catalogue's id and version filled in.
    async fn act(
        &mut self,
        role: &str,
        mutation: &str,
        mut input: Value,
    ) -> Result<Value, Refused> {
        input["catalogueId"] = json!(self.id);
        input["expectedVersion"] = json!(self.version);
        let ty = format!("{}{}Input", mutation[..1].to_uppercase(), &mutation[1..]);
        let body = self
            .app
            .gql(
                Some(role),
                &format!(
                    "mutation($input: {ty}!) {{ {mutation}(input: $input) {{ {CATALOGUE} }} }}"
                ),
                json!({"input": input}),
            )
            .await;
        let c = &body["data"][mutation];
        if !c.is_object() {
            return Err(refusal(&body));
        }
        self.version = c["version"].as_i64().expect("version");
        Ok(c.clone())
    }

    async fn ok(&mut self, mutation: &str, input: Value) -> Value {
        self.act("SECRETARIAT", mutation, input)
            .await
            .unwrap_or_else(|e| panic!("{mutation}: {e:?}"))
    }

    async fn accept(&mut self, submission: &str, on: &str) -> Value {
        self.ok(
            "acceptCatalogueSubmission",
            json!({"submissionId": submission, "acceptedOn": on}),
        )
        .await
    }

    /// Meeting, consent and publication of the version in preparation.
    async fn publish(
        &mut self,
        meeting: &str,
        consent: &str,
        published: &str,
        number: &str,
    ) -> Value {
        self.ok(
            "recordCatalogueDiscussion",
            json!({"heldOn": meeting, "session": "区政府第3次常务会议"}),
        )
        .await;
        self.ok(
            "recordCatalogueConsent",
            json!({"consentedOn": consent, "reference": "区委常委会2026年第4次会议"}),
        )
        .await;
        self.ok(
            "publishCatalogue",
            json!({"publishedOn": published, "channels": ["平桥区人民政府网站"], "documentNumber": number}),
        )
        .await
    }

    /// A catalogue of two housing items, published as version 1; returns the items' ids.
    pub(super) async fn published(app: &'a App) -> (Cat<'a>, String, String) {
        let mut c = Cat::open(app).await;
        let a = c
            .submit(
                "SPONSOR",
                json!({"add": item("城区老旧小区改造实施方案", "区住房和城乡建设局", "2026-09")}),
                None,
                "2026-01-10",
            )
            .await
            .expect("submitted");
        let b = c
            .submit(
                "SPONSOR",
                json!({"add": item("房票安置实施办法", "区住房和城乡建设局", "2026-03")}),
                None,
                "2026-01-10",
            )
            .await
            .expect("submitted");
        c.accept(&a, "2026-01-20").await;
        c.accept(&b, "2026-01-20").await;
        c.publish(
            "2026-02-06",
            "2026-02-12",
            "2026-02-16",
            "平政办〔2026〕3号",
        )
        .await;
        (c, a, b)
    }
}

async fn get(app: &App, path: &str) -> (u16, String, String) {
    let resp = app
        .http
        .get(format!("http://{}{path}", app.addr))
        .send()
        .await
        .expect("sent");
    let status = resp.status().as_u16();
    let ty = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, ty, resp.text().await.expect("body"))
}

#[tokio::test]
async fn a_catalogue_is_published_only_after_the_organ_fixes_it_and_the_party_committee_consents() {
    let app = spawn_app().await;
    let mut c = Cat::open(&app).await;
    let s = c
        .submit(
            "SPONSOR",
            json!({"add": item("城区老旧小区改造实施方案", "区住房和城乡建设局", "2026-09")}),
            None,
            "2026-01-10",
        )
        .await
        .expect("submitted");
    c.accept(&s, "2026-01-20").await;
    let publish = json!({"publishedOn": "2026-02-16", "channels": ["平桥区人民政府网站"], "documentNumber": "平政办〔2026〕3号"});

    let err = c
        .act("SECRETARIAT", "publishCatalogue", publish.clone())
        .await
        .expect_err("not fixed");
    assert_eq!(err.code, "RULE_VIOLATION");
    assert_eq!(err.rule.as_deref(), Some("catalogue.fixed"));
    assert_eq!(err.article.as_deref(), Some("第三条第三款"));
    let err = c
        .act(
            "SECRETARIAT",
            "recordCatalogueConsent",
            json!({"consentedOn": "2026-02-12", "reference": "区委常委会2026年第4次会议"}),
        )
        .await
        .expect_err("consent before the meeting");
    assert_eq!(err.rule.as_deref(), Some("catalogue.fixed"));

    let discussed = c
        .ok(
            "recordCatalogueDiscussion",
            json!({"heldOn": "2026-02-06", "session": "区政府第3次常务会议"}),
        )
        .await;
    assert_eq!(discussed["step"], "DISCUSSED");
    let err = c
        .act("SECRETARIAT", "publishCatalogue", publish.clone())
        .await
        .expect_err("no consent");
    assert_eq!(err.code, "RULE_VIOLATION");
    assert_eq!(err.rule.as_deref(), Some("catalogue.consent"));
    assert_eq!(err.article.as_deref(), Some("第三条第三款"));
    assert!(
        err.message.contains("目录未经同级党委同意，不得向社会公布"),
        "{}",
        err.message
    );
    // Nothing was published: the public still finds nothing.
    assert_eq!(get(&app, "/catalogues/2026.html").await.0, 404);

    c.ok(
        "recordCatalogueConsent",
        json!({"consentedOn": "2026-02-12", "reference": "区委常委会2026年第4次会议"}),
    )
    .await;
    let published = c.ok("publishCatalogue", publish).await;
    assert_eq!(published["publishedVersions"][0]["number"], 1);
    assert_eq!(published["step"], "DRAFTING");
    assert_eq!(published["revisionNumber"], 2);
    let (status, _, page) = get(&app, "/catalogues/2026.html").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("平政办〔2026〕3号") && page.contains("区委常委会2026年第4次会议"),
        "{page}"
    );
}

#[tokio::test]
async fn an_adjustment_is_a_new_version_and_the_old_one_is_still_served() {
    let app = spawn_app().await;
    let (mut c, a, b) = Cat::published(&app).await;

    // Once published, an adjustment says why.
    let err = c
        .submit(
            "SPONSOR",
            json!({"withdraw": {"itemId": b}}),
            None,
            "2026-04-01",
        )
        .await
        .expect_err("no reason");
    assert_eq!(err.code, "RULE_VIOLATION");
    assert_eq!(err.rule.as_deref(), Some("catalogue.adjustment_reason"));
    assert_eq!(err.article.as_deref(), Some("第三条第三款"));

    let amend = c
        .submit("SPONSOR", json!({"amend": {"itemId": a, "item": item("城区老旧小区改造实施方案", "区住房和城乡建设局", "2026-11")}}),
            Some("改造范围扩大，需补充入户调查"), "2026-04-01")
        .await
        .expect("amend");
    let withdraw = c
        .submit(
            "SPONSOR",
            json!({"withdraw": {"itemId": b}}),
            Some("改由市级统一出台"),
            "2026-04-01",
        )
        .await
        .expect("withdraw");
    let add = c
        .submit(
            "OTHER_SPONSOR",
            json!({"add": item("城乡供水一体化项目", "区水利局", "2026-12")}),
            Some("省级项目下达，年中新增"),
            "2026-04-02",
        )
        .await
        .expect("add");
    for s in [&amend, &withdraw, &add] {
        c.accept(s, "2026-04-10").await;
    }
    let v2 = c
        .publish(
            "2026-04-20",
            "2026-04-25",
            "2026-04-28",
            "平政办〔2026〕9号",
        )
        .await;
    assert_eq!(v2["publishedVersions"].as_array().map(Vec::len), Some(2));

    // Version 1 is unchanged, and still served.
    let v1 = &v2["publishedVersions"][0];
    assert_eq!(v1["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(v1["items"][0]["plannedTime"], "2026-09");
    let (status, _, json1) = get(&app, "/catalogues/2026.json?version=1").await;
    assert_eq!(status, 200);
    let json1: Value = serde_json::from_str(&json1).expect("json");
    assert_eq!(json1["version"], 1);
    assert_eq!(json1["items"][0]["plannedTime"], "2026-09");
    assert_eq!(json1["items"][1]["name"], "房票安置实施办法");
    let (_, _, latest) = get(&app, "/catalogues/2026.json").await;
    let latest: Value = serde_json::from_str(&latest).expect("json");
    assert_eq!(latest["version"], 2);
    assert_eq!(latest["items"][0]["plannedTime"], "2026-11");
    assert_eq!(latest["withdrawn"][0]["reason"], "改由市级统一出台");

    // The difference, item by item, with the field and the reason.
    let body = app
        .gql(None, "query($y: Int!) { catalogue(year: $y) { diff(from: 1, to: 2) { itemId name kind fields { field from to } reasons } } }", json!({"y": 2026}))
        .await;
    let diff = &body["data"]["catalogue"]["diff"];
    assert_eq!(
        diff,
        &json!([
            {"itemId": a, "name": "城区老旧小区改造实施方案", "kind": "CHANGED",
             "fields": [{"field": "计划决策时间", "from": "2026年9月", "to": "2026年11月"}],
             "reasons": ["改造范围扩大，需补充入户调查"]},
            {"itemId": b, "name": "房票安置实施办法", "kind": "WITHDRAWN", "fields": [], "reasons": ["改由市级统一出台"]},
            {"itemId": add, "name": "城乡供水一体化项目", "kind": "ADDED", "fields": [], "reasons": ["省级项目下达，年中新增"]},
        ]),
        "{body}"
    );
}

#[tokio::test]
async fn the_csv_download_parses_back_into_the_json_table_and_excel_reads_its_chinese() {
    let app = spawn_app().await;
    let (_c, _, _) = Cat::published(&app).await;
    let (status, ty, csv) = get(&app, "/catalogues/2026.csv").await;
    assert_eq!(status, 200);
    assert_eq!(ty, "text/csv; charset=utf-8");
    assert!(csv.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let (_, _, json) = get(&app, "/catalogues/2026.json").await;
    let json: Value = serde_json::from_str(&json).expect("json");

    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "序号",
            "决策事项名称",
            "承办单位",
            "协办单位",
            "事项类别",
            "决策依据及主要内容",
            "决策程序",
            "是否听证",
            "计划决策时间",
            "备注",
            "事项编号"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_owned).collect())
        .collect();
    let items = json["items"].as_array().expect("items");
    assert_eq!(rows.len(), items.len());
    for (row, item) in rows.iter().zip(items) {
        let planned = item["plannedTime"].as_str().expect("planned");
        let (y, m) = planned.split_once('-').expect("YYYY-MM");
        let expected = [
            item["number"].to_string(),
            item["name"].as_str().expect("name").to_owned(),
            item["leadUnit"].as_str().expect("lead").to_owned(),
            item["coUnits"]
                .as_array()
                .expect("co")
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("、"),
            item["kind"].as_str().expect("kind").to_owned(),
            item["basisAndContent"].as_str().expect("basis").to_owned(),
            item["procedures"].as_str().expect("procedures").to_owned(),
            if item["hearing"] == json!(true) {
                "是"
            } else {
                "否"
            }
            .to_owned(),
            format!("{y}年{}月", m.trim_start_matches('0')),
            item["remarks"].as_str().expect("remarks").to_owned(),
            item["id"].as_str().expect("id").to_owned(),
        ];
        assert_eq!(row.as_slice(), expected.as_slice());
    }

    // And the engine reads its own CSV back into the same items (bulk entry of next year's).
    let fresh = spawn_app().await;
    let mut next = Cat::open(&fresh).await;
    let imported = next
        .ok(
            "importCatalogue",
            json!({"csv": csv, "importedOn": "2026-01-06"}),
        )
        .await;
    let names: Vec<&str> = imported["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["name"].as_str())
        .collect();
    let expected: Vec<&str> = items.iter().filter_map(|i| i["name"].as_str()).collect();
    assert_eq!(names, expected);
}

#[tokio::test]
async fn the_printable_page_holds_every_item_of_the_version() {
    let app = spawn_app().await;
    let (mut c, _, _) = Cat::published(&app).await;
    // A name with markup in it is printed as text, never as markup.
    let odd = c
        .submit("SPONSOR", json!({"add": item("<script>alert(1)</script>棚户区改造", "区住房和城乡建设局", "2026-12")}), Some("新增"), "2026-03-01")
        .await
        .expect("submitted");
    c.accept(&odd, "2026-03-02").await;
    c.publish(
        "2026-03-05",
        "2026-03-06",
        "2026-03-09",
        "平政办〔2026〕5号",
    )
    .await;
    let (status, ty, page) = get(&app, "/catalogues/2026.html").await;
    assert_eq!(status, 200);
    assert_eq!(ty, "text/html; charset=utf-8");
    assert!(page.contains(r#"<html lang="zh-CN">"#));
    for column in [
        "序号",
        "决策事项名称",
        "承办单位",
        "决策依据及主要内容",
        "决策程序",
        "是否听证",
        "计划决策时间",
        "备注",
    ] {
        assert!(page.contains(&format!(">{column}</th>")), "column {column}");
    }
    for name in [
        "城区老旧小区改造实施方案",
        "房票安置实施办法",
        "&lt;script&gt;alert(1)&lt;/script&gt;棚户区改造",
    ] {
        assert!(page.contains(name), "{name} is on the page");
    }
    assert!(!page.contains("<script>"), "stored text is escaped");
    assert!(page.contains("2026年9月") && page.contains("2026年3月"));
    // Version 1 has the two items only.
    let (_, _, v1) = get(&app, "/catalogues/2026.html?version=1").await;
    assert!(v1.contains("房票安置实施办法") && !v1.contains("棚户区改造"));
    assert_eq!(get(&app, "/catalogues/2026.html?version=7").await.0, 404);
}

#[tokio::test]
async fn a_draft_catalogue_is_invisible_to_the_public_and_to_other_organs() {
    let app = spawn_app().await;
    let mut c = Cat::open(&app).await;
    let s = c
        .submit(
            "SPONSOR",
            json!({"add": item("城区老旧小区改造实施方案", "区住房和城乡建设局", "2026-09")}),
            None,
            "2026-01-10",
        )
        .await
        .expect("submitted");
    c.accept(&s, "2026-01-20").await;
    c.ok(
        "recordCatalogueDiscussion",
        json!({"heldOn": "2026-02-06", "session": "区政府第3次常务会议"}),
    )
    .await;
    for path in [
        "/catalogues/2026.html",
        "/catalogues/2026.csv",
        "/catalogues/2026.json",
        "/catalogues/2026/report.html",
    ] {
        assert_eq!(get(&app, path).await.0, 404, "{path}");
    }
    let query = "{ catalogue(year: 2026, organ: \"平桥区人民政府\") { id } catalogues { id } }";
    for role in [None, Some("TOWN_SECRETARIAT")] {
        let body = app.gql(role, query, json!({})).await;
        assert_eq!(body["data"]["catalogue"], Value::Null, "{role:?}: {body}");
        assert_eq!(body["data"]["catalogues"], json!([]), "{role:?}: {body}");
    }
    let body = app
        .gql(
            Some("TOWN_SECRETARIAT"),
            "query($id: ID!) { catalogueById(id: $id) { id } }",
            json!({"id": c.id}),
        )
        .await;
    assert_eq!(refusal(&body).code, "NOT_FOUND");
    // The organ's own officials see it, submissions and all.
    let body = app
        .gql(
            Some("AUDITOR"),
            "{ catalogue(year: 2026) { step submissions { status } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        body["data"]["catalogue"],
        json!({"step": "DISCUSSED", "submissions": [{"status": "ACCEPTED"}]})
    );
}

#[tokio::test]
async fn only_the_office_runs_the_catalogue_and_units_submit_their_own_items() {
    let app = spawn_app().await;
    let mut c = Cat::open(&app).await;
    // A unit submits the items it leads, not another unit's.
    let err = c
        .submit(
            "SPONSOR",
            json!({"add": item("城乡供水一体化项目", "区水利局", "2026-09")}),
            None,
            "2026-01-10",
        )
        .await
        .expect_err("another unit's");
    assert_eq!(err.code, "FORBIDDEN");
    let s = c
        .submit(
            "SPONSOR",
            json!({"add": item("城区老旧小区改造实施方案", "区住房和城乡建设局", "2026-09")}),
            None,
            "2026-01-10",
        )
        .await
        .expect("own");
    // Accepting is the office's: not the unit's, not counsel's, not another organ's office.
    for role in ["SPONSOR", "COUNSEL", "TOWN_SECRETARIAT"] {
        let err = c
            .act(
                role,
                "acceptCatalogueSubmission",
                json!({"submissionId": s, "acceptedOn": "2026-01-20"}),
            )
            .await
            .expect_err(role);
        let expected = if role == "TOWN_SECRETARIAT" {
            "NOT_FOUND"
        } else {
            "FORBIDDEN"
        };
        assert_eq!(err.code, expected, "{role}: {err:?}");
    }
    // A rejection says why, and the submission keeps it.
    let rejected = c
        .ok("rejectCatalogueSubmission", json!({"submissionId": s, "reason": "不属于重大行政决策事项", "rejectedOn": "2026-01-20"}))
        .await;
    assert_eq!(rejected["submissions"][0]["status"], "REJECTED");
    assert!(rejected["items"].as_array().is_some_and(Vec::is_empty));
    // A stale version is a conflict, and a second catalogue for the year is refused.
    let err = c
        .act(
            "SECRETARIAT",
            "recordCatalogueDiscussion",
            json!({"heldOn": "2026-02-06", "session": "第3次"}),
        )
        .await
        .expect_err("nothing to discuss");
    assert_eq!(err.code, "INVALID_TRANSITION");
    let body = app
        .gql(
            Some("SECRETARIAT"),
            "mutation { openCatalogue(input: {year: 2026, openedOn: \"2026-01-05\"}) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(refusal(&body).code, "INVALID_INPUT");
}

#[tokio::test]
async fn a_decision_names_its_catalogue_item_or_says_why_it_is_outside() {
    let app = spawn_app().await;
    let (_c, a, _) = Cat::published(&app).await;
    let propose = "mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id stage catalogueLink { itemId itemName year outsideReason } } }";
    let base = json!({"title": "城区老旧小区改造实施方案", "summary": "综合改造", "category": "HENAN_PUBLIC_SERVICE",
        "source": "ORGAN_LEADER", "legalBasis": ["《城乡规划法》"], "proposedOn": "2026-03-01"});

    let body = app
        .gql(Some("SPONSOR"), propose, json!({"input": base}))
        .await;
    let err = refusal(&body);
    assert_eq!(err.code, "RULE_VIOLATION");
    assert_eq!(err.rule.as_deref(), Some("catalogue.link"));
    assert_eq!(err.article.as_deref(), Some("省级重大行政决策程序规定"));

    let mut named = base.clone();
    named["catalogueItemId"] = json!(a);
    let body = app
        .gql(Some("SPONSOR"), propose, json!({"input": named.clone()}))
        .await;
    let d = &body["data"]["proposeDecision"];
    assert_eq!(
        d["catalogueLink"],
        json!({"itemId": a, "itemName": "城区老旧小区改造实施方案", "year": 2026, "outsideReason": null}),
        "{body}"
    );
    // One live decision per item.
    let again = app
        .gql(Some("SPONSOR"), propose, json!({"input": named}))
        .await;
    assert_eq!(refusal(&again).code, "INVALID_TRANSITION");
    // An item not in a published catalogue of the organ is not found.
    let mut unknown = base.clone();
    unknown["catalogueItemId"] = json!("01a24357-0000-7000-8000-000000000000");
    assert_eq!(
        refusal(
            &app.gql(Some("SPONSOR"), propose, json!({"input": unknown}))
                .await
        )
        .code,
        "NOT_FOUND"
    );

    let mut outside = base.clone();
    outside["outsideCatalogueReason"] = json!("上级部署的紧急事项，年中新增");
    let body = app
        .gql(Some("SPONSOR"), propose, json!({"input": outside}))
        .await;
    assert_eq!(
        body["data"]["proposeDecision"]["catalogueLink"]["outsideReason"],
        "上级部署的紧急事项，年中新增"
    );

    // The item shows its decision's live stage.
    let body = app
        .gql(
            Some("AUDITOR"),
            "{ catalogue(year: 2026) { items { name decision { stage proposedOn } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        body["data"]["catalogue"]["items"][0],
        json!({"name": "城区老旧小区改造实施方案", "decision": {"stage": "PROPOSED", "proposedOn": "2026-03-01"}})
    );
    assert_eq!(
        body["data"]["catalogue"]["items"][1]["decision"],
        Value::Null
    );
}

#[tokio::test]
async fn an_item_past_its_planned_month_without_a_decision_is_late() {
    let app = spawn_app().await;
    // Planned for March and September; the server's today is 2026-06-15.
    let (c, a, b) = Cat::published(&app).await;
    let body = app
        .gql(Some("SECRETARIAT"), "{ deadlines(filter: {overdue: true, kind: CATALOGUE_PLANNED_TIME}) { decisionId title leadUnit catalogueItem { catalogueId itemId year } deadline { due status rule article unit } } overdueByUnit { unit late } }", json!({}))
        .await;
    assert_eq!(
        body["data"]["deadlines"],
        json!([{"decisionId": null, "title": "房票安置实施办法", "leadUnit": "区住房和城乡建设局",
            "catalogueItem": {"catalogueId": c.id, "itemId": b, "year": 2026},
            "deadline": {"due": "2026-03-31", "status": "OVERDUE", "rule": "catalogue.planned_time", "article": "第三十八条第二款", "unit": "区住房和城乡建设局"}}]),
        "{body}"
    );
    assert_eq!(
        body["data"]["overdueByUnit"],
        json!([{"unit": "区住房和城乡建设局", "late": 1}])
    );
    let _ = a;
    // The sweep records it once, in the catalogue's own history.
    assert_eq!(app.service.sweep_deadlines().await.expect("sweep"), 1);
    assert_eq!(app.service.sweep_deadlines().await.expect("again"), 0);
    let body = app
        .gql(Some("SECRETARIAT"), "{ catalogue(year: 2026) { history { kind actor { role } payload } historyVerification { intact } } }", json!({}))
        .await;
    let history = body["data"]["catalogue"]["history"]
        .as_array()
        .expect("history");
    let last = history.last().expect("events");
    assert_eq!(last["kind"], "DEADLINE_PASSED");
    assert_eq!(last["payload"], json!({"item_id": b, "due": "2026-03-31"}));
    assert_eq!(
        body["data"]["catalogue"]["historyVerification"]["intact"],
        true
    );
}

#[tokio::test]
async fn each_catalogue_act_is_in_the_hash_chained_history_and_an_edit_is_detected() {
    let app = spawn_app().await;
    let (c, _, _) = Cat::published(&app).await;
    let query = "{ catalogue(year: 2026) { history { seq kind occurredOn actor { name role } } historyVerification { intact firstBrokenSeq } } }";
    let body = app.gql(Some("SECRETARIAT"), query, json!({})).await;
    let kinds: Vec<&str> = body["data"]["catalogue"]["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "CATALOGUE_OPENED",
            "ITEM_SUBMITTED",
            "ITEM_SUBMITTED",
            "SUBMISSION_ACCEPTED",
            "SUBMISSION_ACCEPTED",
            "CATALOGUE_DISCUSSED",
            "CATALOGUE_CONSENTED",
            "CATALOGUE_PUBLISHED"
        ]
    );
    assert_eq!(
        body["data"]["catalogue"]["history"][7]["occurredOn"],
        "2026-02-16"
    );
    assert_eq!(
        body["data"]["catalogue"]["historyVerification"],
        json!({"intact": true, "firstBrokenSeq": null})
    );
    // The public reads what was published, not the record.
    let public = app
        .gql(
            None,
            "{ catalogue(year: 2026) { history { seq } } }",
            json!({}),
        )
        .await;
    assert_eq!(refusal(&public).code, "UNAUTHENTICATED");

    app.drop_record_guards().await;
    sea_orm::ConnectionTrait::execute_unprepared(
        app.store.connection(),
        &format!(
            "UPDATE catalogue_events SET payload = replace(payload, '平政办〔2026〕3号', '平政办〔2026〕4号') WHERE catalogue_id = '{}' AND seq = 8",
            c.id
        ),
    )
    .await
    .expect("tampered");
    let body = app.gql(Some("SECRETARIAT"), query, json!({})).await;
    assert_eq!(
        body["data"]["catalogue"]["historyVerification"],
        json!({"intact": false, "firstBrokenSeq": 8})
    );
}

#[tokio::test]
async fn an_import_with_one_bad_row_imports_nothing_and_names_the_row() {
    let app = spawn_app().await;
    let mut c = Cat::open(&app).await;
    let header = "序号,决策事项名称,承办单位,协办单位,事项类别,决策依据及主要内容,决策程序,是否听证,计划决策时间,备注,事项编号";
    let good = "1,城区老旧小区改造实施方案,区住房和城乡建设局,区财政局,重大公共政策和措施,依据《城乡规划法》改造老旧小区,公开征求意见、风险评估、合法性审查、集体讨论决定,否,2026年9月,,";
    let bad_month = "2,房票安置实施办法,区住房和城乡建设局,,重大公共政策和措施,依据征收条例,合法性审查、集体讨论决定,否,2026年13月,,";
    let bad_kind = "3,城乡供水一体化项目,区水利局,,水利工程,依据《水法》,听证,是,2026-10,,";
    let csv = format!("{header}\n{good}\n{bad_month}\n{bad_kind}\n");
    let err = c
        .act(
            "SECRETARIAT",
            "importCatalogue",
            json!({"csv": csv, "importedOn": "2026-01-06"}),
        )
        .await
        .expect_err("bad rows");
    assert_eq!(err.code, "INVALID_INPUT");
    assert!(
        err.message.contains("第3行：计划决策时间"),
        "{}",
        err.message
    );
    assert!(err.message.contains("第4行：事项类别"), "{}", err.message);
    assert!(!err.message.contains("第2行"), "{}", err.message);
    let body = app
        .gql(
            Some("SECRETARIAT"),
            "{ catalogue(year: 2026) { items { name } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        body["data"]["catalogue"]["items"],
        json!([]),
        "nothing imported"
    );

    let fixed = format!("{header}\n{good}\n");
    let imported = c
        .ok(
            "importCatalogue",
            json!({"csv": format!("\u{feff}{fixed}"), "importedOn": "2026-01-06"}),
        )
        .await;
    assert_eq!(imported["items"][0]["name"], "城区老旧小区改造实施方案");
    assert_eq!(imported["items"][0]["plannedTime"], "2026-09");
}

#[tokio::test]
async fn the_year_end_report_says_what_became_of_each_item_and_carries_over_the_unfinished() {
    let app = spawn_app().await;
    let (mut c, a, b) = Cat::published(&app).await;
    // Too early: the report comes at year end.
    let report = json!({"publishedOn": "2026-06-15", "channels": ["平桥区人民政府网站"], "documentNumber": "平政办〔2027〕1号"});
    let err = c
        .act("SECRETARIAT", "publishCatalogueReport", report.clone())
        .await
        .expect_err("mid-year");
    assert_eq!(err.code, "INVALID_TRANSITION");
    assert!(
        err.message.contains("自目录年度的最后一个月起方可公布"),
        "{}",
        err.message
    );

    c.ok(
        "carryOverCatalogueItem",
        json!({"itemId": a, "reason": "入户调查未完成，转入下一年度", "carriedOn": "2026-06-10"}),
    )
    .await;
    app.clock.set_date(day("2027-01-20"));
    let mut report = report;
    report["publishedOn"] = json!("2027-01-20");
    c.ok("publishCatalogueReport", report).await;
    let (status, _, page) = get(&app, "/catalogues/2026/report.html").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("结转下一年度") && page.contains("入户调查未完成"),
        "{page}"
    );
    let (_, _, json) = get(&app, "/catalogues/2026/report.json").await;
    let json: Value = serde_json::from_str(&json).expect("json");
    let outcomes: Vec<(&str, &str)> = json["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            (
                l["itemId"].as_str().unwrap_or_default(),
                l["outcome"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [(a.as_str(), "结转下一年度"), (b.as_str(), "正在推进")]
    );
    let (_, ty, csv) = get(&app, "/catalogues/2026/report.csv").await;
    assert_eq!(ty, "text/csv; charset=utf-8");
    assert!(csv.starts_with('\u{feff}') && csv.contains("结转下一年度"));

    // Next year's catalogue opens with the carried item, under the same id.
    let body = app
        .gql(Some("SECRETARIAT"), "mutation { openCatalogue(input: {year: 2027, openedOn: \"2027-01-10\"}) { items { id carriedFromYear plannedTime } } }", json!({}))
        .await;
    assert_eq!(
        body["data"]["openCatalogue"]["items"],
        json!([{"id": a, "carriedFromYear": 2026, "plannedTime": "2027-09"}]),
        "{body}"
    );
}

/// Every catalogue mutation, with an input and the one role that may send it: the units submit,
/// the office (SECRETARIAT, as the profile names it) does the rest.
fn catalogue_acts(catalogue: &str, item: &str) -> Vec<(&'static str, Value, &'static str)> {
    let it = self::item("城区老旧小区改造实施方案", "区住房和城乡建设局", "2026-09");
    let csv = "序号,决策事项名称,承办单位,协办单位,事项类别,决策依据及主要内容,决策程序,是否听证,计划决策时间,备注,事项编号\n1,甲,区住房和城乡建设局,,重大公共政策和措施,依据,合法性审查,否,2026-09,,\n";
    vec![
        (
            "openCatalogue",
            json!({"year": 2027, "openedOn": "2026-01-05"}),
            "SECRETARIAT",
        ),
        (
            "submitCatalogueItem",
            json!({"catalogueId": catalogue, "item": it, "reason": "新增", "submittedOn": "2026-03-01"}),
            "SPONSOR",
        ),
        (
            "submitCatalogueAmendment",
            json!({"catalogueId": catalogue, "itemId": item, "item": it, "reason": "调整", "submittedOn": "2026-03-01"}),
            "SPONSOR",
        ),
        (
            "submitCatalogueWithdrawal",
            json!({"catalogueId": catalogue, "itemId": item, "reason": "撤销", "submittedOn": "2026-03-01"}),
            "SPONSOR",
        ),
        (
            "acceptCatalogueSubmission",
            json!({"catalogueId": catalogue, "expectedVersion": 1, "submissionId": "x", "acceptedOn": "2026-03-01"}),
            "SECRETARIAT",
        ),
        (
            "rejectCatalogueSubmission",
            json!({"catalogueId": catalogue, "expectedVersion": 1, "submissionId": "x", "reason": "不予采纳", "rejectedOn": "2026-03-01"}),
            "SECRETARIAT",
        ),
        (
            "importCatalogue",
            json!({"catalogueId": catalogue, "expectedVersion": 1, "csv": csv, "importedOn": "2026-03-01"}),
            "SECRETARIAT",
        ),
        (
            "recordCatalogueDiscussion",
            json!({"catalogueId": catalogue, "expectedVersion": 1, "heldOn": "2026-03-01", "session": "第5次常务会议"}),
            "SECRETARIAT",
        ),
        (
            "recordCatalogueConsent",
            json!({"catalogueId": catalogue, "expectedVersion": 1, "consentedOn": "2026-03-01", "reference": "区委常委会"}),
            "SECRETARIAT",
        ),
        (
            "publishCatalogue",
            json!({"catalogueId": catalogue, "expectedVersion": 1, "publishedOn": "2026-03-01", "channels": ["网站"], "documentNumber": "平政办〔2026〕6号"}),
            "SECRETARIAT",
        ),
        (
            "carryOverCatalogueItem",
            json!({"catalogueId": catalogue, "expectedVersion": 1, "itemId": item, "reason": "结转", "carriedOn": "2026-03-01"}),
            "SECRETARIAT",
        ),
        (
            "publishCatalogueReport",
            json!({"catalogueId": catalogue, "expectedVersion": 1, "publishedOn": "2026-03-01", "channels": ["网站"]}),
            "SECRETARIAT",
        ),
    ]
}

#[tokio::test]
async fn every_catalogue_act_by_a_role_other_than_its_own_is_forbidden_and_changes_nothing() {
    let app = spawn_app().await;
    let (c, a, _) = Cat::published(&app).await;
    let acts = catalogue_acts(&c.id, &a);
    let named: std::collections::BTreeSet<String> =
        acts.iter().map(|(m, _, _)| (*m).to_owned()).collect();
    let mut expected = crate::roles::schema_mutations();
    expected.retain(|m| m.contains("Catalogue"));
    assert_eq!(named, expected, "every catalogue mutation is in the table");
    let before = app
        .gql(
            Some("SECRETARIAT"),
            "{ catalogue(year: 2026) { version } }",
            json!({}),
        )
        .await;
    for (mutation, input, allowed) in acts {
        let ty = format!("{}{}Input", mutation[..1].to_uppercase(), &mutation[1..]);
        let query = format!("mutation($input: {ty}!) {{ {mutation}(input: $input) {{ id }} }}");
        for role in ROLES.iter().filter(|r| **r != allowed) {
            let body = app.gql(Some(role), &query, json!({"input": input})).await;
            let err = refusal(&body);
            assert_eq!(err.code, "FORBIDDEN", "{mutation} as {role}: {body}");
            assert!(err.rule.is_none(), "{mutation} as {role}: {body}");
        }
        let public = app.gql(None, &query, json!({"input": input})).await;
        assert_eq!(
            refusal(&public).code,
            "UNAUTHENTICATED",
            "{mutation} by the public"
        );
    }
    let after = app
        .gql(
            Some("SECRETARIAT"),
            "{ catalogue(year: 2026) { version } }",
            json!({}),
        )
        .await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn units_submitting_at_once_are_all_recorded() {
    let app = spawn_app().await;
    let c = Cat::open(&app).await;
    let sends = (0..8).map(|i| {
        let input = json!({"catalogueId": c.id, "item": item(&format!("第{i}号事项"), "区住房和城乡建设局", "2026-09"), "submittedOn": "2026-01-10"});
        let app = &app;
        async move {
            app.gql(Some("SPONSOR"), "mutation($input: SubmitCatalogueItemInput!) { submitCatalogueItem(input: $input) { version } }", json!({"input": input}))
                .await
        }
    });
    for body in futures_util::future::join_all(sends).await {
        assert!(body["errors"].is_null(), "{body}");
    }
    let body = app
        .gql(
            Some("SECRETARIAT"),
            "{ catalogue(year: 2026) { version submissions { id } history { seq } } }",
            json!({}),
        )
        .await;
    let c = &body["data"]["catalogue"];
    assert_eq!(c["submissions"].as_array().map(Vec::len), Some(8));
    assert_eq!(c["history"].as_array().map(Vec::len), Some(9));
    assert_eq!(c["version"], 9);
}

#[tokio::test]
async fn a_submission_sent_again_with_its_key_is_one_submission() {
    // Submissions name no version, so without a key a retry would be a second submission.
    let app = spawn_app().await;
    let c = Cat::open(&app).await;
    let input = json!({"catalogueId": c.id, "item": item("老旧小区改造", "区住房和城乡建设局", "2026-09"),
                       "submittedOn": "2026-01-10", "idempotencyKey": "submission-1"});
    let sends = (0..3).map(|_| {
        app.gql(Some("SPONSOR"), "mutation($input: SubmitCatalogueItemInput!) { submitCatalogueItem(input: $input) { version } }", json!({"input": input.clone()}))
    });
    for body in futures_util::future::join_all(sends).await {
        assert_eq!(body["data"]["submitCatalogueItem"]["version"], 2, "{body}");
    }
    let body = app
        .gql(
            Some("SECRETARIAT"),
            "{ catalogue(year: 2026) { version submissions { id } } }",
            json!({}),
        )
        .await;
    let c = &body["data"]["catalogue"];
    assert_eq!(c["submissions"].as_array().map(Vec::len), Some(1), "{body}");
    assert_eq!(c["version"], 2);
}

#[tokio::test]
async fn where_several_organs_publish_the_public_names_the_organ() {
    let app = spawn_app().await;
    let (_c, _, _) = Cat::published(&app).await;
    // The township publishes its own 2026 catalogue.
    let open = app
        .gql(Some("TOWN_SECRETARIAT"), "mutation { openCatalogue(input: {year: 2026, openedOn: \"2026-01-05\"}) { id version } }", json!({}))
        .await;
    let mut town = Cat {
        app: &app,
        id: open["data"]["openCatalogue"]["id"]
            .as_str()
            .expect("opened")
            .into(),
        version: open["data"]["openCatalogue"]["version"]
            .as_i64()
            .expect("version"),
    };
    let s = town
        .submit(
            "TOWN_SPONSOR",
            json!({"add": item("明港镇集镇污水管网建设项目", "区住房和城乡建设局", "2026-10")}),
            None,
            "2026-01-10",
        )
        .await
        .expect("submitted");
    town.act(
        "TOWN_SECRETARIAT",
        "acceptCatalogueSubmission",
        json!({"submissionId": s, "acceptedOn": "2026-01-20"}),
    )
    .await
    .expect("accepted");
    town.act(
        "TOWN_SECRETARIAT",
        "recordCatalogueDiscussion",
        json!({"heldOn": "2026-02-06", "session": "镇政府第2次常务会议"}),
    )
    .await
    .expect("met");
    town.act(
        "TOWN_SECRETARIAT",
        "recordCatalogueConsent",
        json!({"consentedOn": "2026-02-10", "reference": "镇党委会议"}),
    )
    .await
    .expect("consented");
    town.act("TOWN_SECRETARIAT", "publishCatalogue", json!({"publishedOn": "2026-02-12", "channels": ["明港镇政务公开栏"], "documentNumber": "明政〔2026〕2号"})).await.expect("published");

    let (status, _, page) = get(&app, "/catalogues/2026.html").await;
    assert_eq!(status, 400);
    assert!(
        page.contains("平桥区人民政府") && page.contains("平桥区明港镇人民政府"),
        "{page}"
    );
    let district = get(&app, "/catalogues/2026.json?organ=%E5%B9%B3%E6%A1%A5%E5%8C%BA%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C").await;
    assert_eq!(district.0, 200);
    assert!(district.2.contains("城区老旧小区改造实施方案") && !district.2.contains("污水管网"));
    let body = app
        .gql(
            None,
            "{ catalogue(year: 2026, organ: \"平桥区明港镇人民政府\") { organ items { name } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        body["data"]["catalogue"],
        json!({"organ": "平桥区明港镇人民政府", "items": [{"name": "明港镇集镇污水管网建设项目"}]})
    );
}
