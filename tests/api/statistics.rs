//! The year's statistics (issue 12): the figures of the demo year recounted here from the
//! decisions' records as GraphQL serves them, the drill-down ids, the report's charts and
//! comparison, the CSV, and who may see what.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{Value, json};

use crate::helpers::{App, spawn_app};

/// The demo loaded, with its accounts' tokens by (roles, unit).
async fn demo(app: &App) -> (String, HashMap<(String, String), String>) {
    let report = decision_engine::demo::load(app.service.clone())
        .await
        .expect("demo loads");
    let tokens = report
        .lines()
        .skip_while(|l| !l.starts_with("Demo accounts"))
        .skip(1)
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            // roles, organ, unit, name, password, token
            (cells.len() == 6).then(|| {
                (
                    (cells[0].to_owned(), cells[2].to_owned()),
                    cells[5].to_owned(),
                )
            })
        })
        .collect();
    (report, tokens)
}

fn token<'a>(tokens: &'a HashMap<(String, String), String>, roles: &str, unit: &str) -> &'a str {
    tokens
        .get(&(roles.to_owned(), unit.to_owned()))
        .unwrap_or_else(|| panic!("no demo account {roles} {unit}"))
}

const AUDIT: (&str, &str) = ("AUDITOR", "平桥区审计局");
const HOUSING: (&str, &str) = ("SPONSOR", "平桥区住房和城乡建设局");

async fn gql_as(app: &App, token: Option<&str>, query: &str, variables: Value) -> Value {
    let mut req = app
        .http
        .post(app.url())
        .json(&json!({"query": query, "variables": variables}));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("JSON body")
}

const STATISTICS: &str = "query($year: Int!) { annualStatistics(year: $year) { year organ sections { key title counted figures { key label value unit decisionIds catalogueItemIds records { id name } } } } }";

/// Every figure by key: (value, ids).
fn figures(body: &Value) -> BTreeMap<String, (i64, BTreeSet<String>)> {
    let stats = &body["data"]["annualStatistics"];
    assert!(stats.is_object(), "{body}");
    let mut out = BTreeMap::new();
    for sec in stats["sections"].as_array().expect("sections") {
        for f in sec["figures"].as_array().expect("figures") {
            let ids = f["decisionIds"]
                .as_array()
                .into_iter()
                .chain(f["catalogueItemIds"].as_array())
                .flatten()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect();
            out.insert(
                f["key"].as_str().expect("key").to_owned(),
                (f["value"].as_i64().expect("value"), ids),
            );
        }
    }
    out
}

const RECORDS: &str = "{ decisions(first: 100) { nodes { id organ title stage category proposedOn
    proposer { unit } start { startedOn leadUnit } supervisionNotices { issuedOn deadline }
    consultation { openedOn endsOn comments { disposition { outcome } } receivedOpinions { disposition { outcome } } }
    hearings { heldOn participants { name } }
    expertArgumentation { heldOn opinions { expert } }
    riskAssessments { assessedOn conclusion }
    legalityReviews { requestedOn concludedOn returnedOn conclusion workingDays opinions { kind givenOn } }
    meetings { heldOn kind outcome }
    publication { publishedOn }
    filings { filedOn authority }
    deadlines { kind status authority }
    execution { startedOn reports { reportedOn } incidents { reportedOn kind } suspensions { suspendedOn resumedOn } }
    postEvaluations { startedOn concludedOn recommendation }
    ending { endedOn byDecisionId } } } }";

/// A figure recounted from the records: how many, and whose.
#[derive(Default, Debug, PartialEq)]
struct Count(i64, BTreeSet<String>);

impl Count {
    fn add(&mut self, n: i64, id: &str) {
        self.0 += n;
        self.1.insert(id.to_owned());
    }
}

fn in_2025(v: &Value) -> bool {
    v.as_str().is_some_and(|d| d.starts_with("2025-"))
}

fn arr(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

/// The figures of 2025, recounted here from the records, with no code of the engine's counting.
fn recount(decisions: &[Value]) -> BTreeMap<&'static str, Count> {
    let mut c: BTreeMap<&'static str, Count> = BTreeMap::new();
    let mut add = |key: &'static str, n: i64, id: &str| c.entry(key).or_default().add(n, id);
    for d in decisions {
        let id = d["id"].as_str().expect("id");
        if in_2025(&d["proposedOn"]) {
            add("decisions.proposed", 1, id);
            if d["category"] == "HENAN_PUBLIC_CONSTRUCTION" {
                add("decisions.by_category.henan_public_construction", 1, id);
            }
            let unit = d["start"]["leadUnit"]
                .as_str()
                .or(d["proposer"]["unit"].as_str());
            if unit == Some("平桥区交通运输局") {
                add("decisions.by_unit.平桥区交通运输局", 1, id);
            }
            if d["stage"] == "IN_EXECUTION" {
                add("stages.in_execution", 1, id);
            }
        }
        if in_2025(&d["start"]["startedOn"]) {
            add("decisions.started", 1, id);
        }
        if d["stage"] == "WITHDRAWN" && in_2025(&d["ending"]["endedOn"]) {
            add("decisions.withdrawn", 1, id);
        }
        for m in arr(&d["meetings"]).iter().filter(|m| in_2025(&m["heldOn"])) {
            add("meetings.held", 1, id);
            if m["outcome"] == "ADOPTED" {
                add("decisions.adopted", 1, id);
                add("meetings.adopted", 1, id);
            }
            if m["kind"] == "EXECUTIVE" {
                add("meetings.executive", 1, id);
            }
        }
        let consultation = &d["consultation"];
        if in_2025(&consultation["openedOn"]) {
            add("participation.consultations", 1, id);
            let days = |k: &str| {
                chrono::NaiveDate::parse_from_str(
                    consultation[k].as_str().expect("date"),
                    "%Y-%m-%d",
                )
                .expect("date")
            };
            add(
                "participation.days_open",
                (days("endsOn") - days("openedOn")).num_days(),
                id,
            );
            let online = arr(&consultation["comments"]);
            let offline = arr(&consultation["receivedOpinions"]);
            add(
                "participation.comments",
                (online.len() + offline.len()) as i64,
                id,
            );
            for o in online.iter().chain(offline) {
                match o["disposition"]["outcome"].as_str() {
                    Some("ADOPTED") => add("participation.adopted", 1, id),
                    Some("PARTLY_ADOPTED") => add("participation.partly_adopted", 1, id),
                    Some("NOT_ADOPTED") => add("participation.not_adopted", 1, id),
                    _ => {}
                }
            }
        }
        for h in arr(&d["hearings"]).iter().filter(|h| in_2025(&h["heldOn"])) {
            add("participation.hearings", 1, id);
            add(
                "participation.hearing_participants",
                arr(&h["participants"]).len() as i64,
                id,
            );
        }
        let a = &d["expertArgumentation"];
        if in_2025(&a["heldOn"]) {
            add("experts.argumentations", 1, id);
            add("experts.experts", arr(&a["opinions"]).len() as i64, id);
        }
        for r in arr(&d["riskAssessments"])
            .iter()
            .filter(|r| in_2025(&r["assessedOn"]))
        {
            add("risk.assessments", 1, id);
            if r["conclusion"] == "CONTROLLABLE" {
                add("risk.controllable", 1, id);
            }
        }
        for r in arr(&d["legalityReviews"]) {
            if in_2025(&r["requestedOn"]) {
                add("legality.requested", 1, id);
            }
            if in_2025(&r["concludedOn"]) {
                add("legality.concluded", 1, id);
                if r["conclusion"] == "LAWFUL" {
                    add("legality.lawful", 1, id);
                }
            }
            if in_2025(&r["concludedOn"]) || in_2025(&r["returnedOn"]) {
                add(
                    "legality.working_days",
                    r["workingDays"].as_i64().expect("working days"),
                    id,
                );
            }
            for o in arr(&r["opinions"])
                .iter()
                .filter(|o| in_2025(&o["givenOn"]))
            {
                add("legality.opinions", 1, id);
                match o["kind"].as_str() {
                    Some("PUBLIC_LAWYER") => add("legality.opinions_public_lawyer", 1, id),
                    Some("LEGAL_ADVISER") => add("legality.opinions_legal_adviser", 1, id),
                    _ => {}
                }
            }
        }
        if in_2025(&d["publication"]["publishedOn"]) {
            add("publication.published", 1, id);
        }
        for dl in arr(&d["deadlines"])
            .iter()
            .filter(|dl| dl["kind"] == "FILING")
        {
            let filed = arr(&d["filings"])
                .iter()
                .find(|f| f["authority"] == dl["authority"])
                .filter(|f| in_2025(&f["filedOn"]));
            match (filed.is_some(), dl["status"].as_str()) {
                (true, Some("MET")) => add("publication.filed_on_time", 1, id),
                (true, Some("MET_LATE")) => add("publication.filed_late", 1, id),
                _ => {}
            }
        }
        let x = &d["execution"];
        if in_2025(&x["startedOn"]) {
            add("execution.started", 1, id);
        }
        for r in arr(&x["reports"])
            .iter()
            .filter(|r| in_2025(&r["reportedOn"]))
        {
            let _ = r;
            add("execution.reports", 1, id);
        }
        for i in arr(&x["incidents"])
            .iter()
            .filter(|i| in_2025(&i["reportedOn"]))
        {
            let _ = i;
            add("execution.incidents", 1, id);
        }
        for s in arr(&x["suspensions"]) {
            if in_2025(&s["suspendedOn"]) {
                add("execution.suspensions", 1, id);
            }
            if in_2025(&s["resumedOn"]) {
                add("execution.resumptions", 1, id);
            }
        }
        for n in arr(&d["supervisionNotices"])
            .iter()
            .filter(|n| in_2025(&n["issuedOn"]))
        {
            add("supervision.notices", 1, id);
            if n["deadline"] == "FILING" {
                add("supervision.notices_filing", 1, id);
            }
        }
        for e in arr(&d["postEvaluations"]) {
            if in_2025(&e["startedOn"]) {
                add("evaluation.started", 1, id);
            }
            if in_2025(&e["concludedOn"]) {
                add("evaluation.concluded", 1, id);
                if e["recommendation"] == "CONTINUE" {
                    add("evaluation.continue", 1, id);
                }
            }
        }
    }
    c
}

#[tokio::test]
async fn statistics_of_the_demo_year_equal_counts_recomputed_from_the_same_records() {
    let app = spawn_app().await;
    let (_, tokens) = demo(&app).await;
    let audit = token(&tokens, AUDIT.0, AUDIT.1);
    let stats = gql_as(&app, Some(audit), STATISTICS, json!({"year": 2025})).await;
    assert!(stats["errors"].is_null(), "{stats}");
    assert_eq!(stats["data"]["annualStatistics"]["organ"], "平桥区人民政府");
    let got = figures(&stats);
    let records = gql_as(&app, Some(audit), RECORDS, json!({})).await;
    assert!(records["errors"].is_null(), "{records}");
    let decisions: Vec<Value> = records["data"]["decisions"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        // The statistics are the organ's: another organ's published decisions are not counted.
        .filter(|d| d["organ"] == "平桥区人民政府")
        .cloned()
        .collect();
    let expected = recount(&decisions);
    // Every section of the report is recounted here (a figure or more each).
    for section in [
        "decisions.",
        "stages.",
        "participation.",
        "experts.",
        "risk.",
        "legality.",
        "meetings.",
        "publication.",
        "execution.",
        "evaluation.",
        "supervision.",
    ] {
        assert!(
            expected.keys().any(|k| k.starts_with(section)),
            "{section} not recounted"
        );
    }
    for (key, Count(value, ids)) in &expected {
        let (v, got_ids) = got
            .get(*key)
            .unwrap_or_else(|| panic!("no figure {key} in {stats}"));
        assert_eq!(v, value, "{key}");
        // The drill-down names exactly the decisions counted.
        assert_eq!(got_ids, ids, "{key}");
    }
    // The catalogue's figures, from the catalogue's own report lines.
    let catalogue = gql_as(
        &app,
        Some(audit),
        "{ catalogue(year: 2025) { publishedVersion { items { id carriedOver } } } }",
        json!({}),
    )
    .await;
    let items = arr(&catalogue["data"]["catalogue"]["publishedVersion"]["items"]);
    let ids = |carried_only: bool| -> BTreeSet<String> {
        items
            .iter()
            .filter(|i| !carried_only || i["carriedOver"] == true)
            .filter_map(|i| i["id"].as_str().map(str::to_owned))
            .collect()
    };
    let (listed, carried) = (ids(false), ids(true));
    assert_eq!(got["catalogue.planned"].1, listed, "{catalogue}");
    assert_eq!(got["catalogue.carried_over"].1, carried, "{catalogue}");
    // `serve --demo` shows 2025 with something counted in every section.
    for sec in arr(&stats["data"]["annualStatistics"]["sections"]) {
        assert!(
            arr(&sec["figures"])
                .iter()
                .any(|f| f["value"].as_i64() > Some(0)),
            "section {} counts nothing",
            sec["key"]
        );
    }
    // The late filing, the hearing and the suspension the demo added are among them.
    for key in [
        "publication.filed_late",
        "participation.hearings",
        "execution.suspensions",
        "legality.opinions_legal_adviser",
        "supervision.notices",
    ] {
        assert_eq!(got[key].0, 1, "{key}");
    }
    // Late against their planned month and undecided: the water supply (June, awaiting the
    // meeting), the flood-zone notice (August, never proposed), the village committees (October,
    // only proposed); the industry plan was carried into 2026.
    assert_eq!(got["catalogue.late"].0, 3);
    assert!(
        got["catalogue.late"]
            .1
            .is_disjoint(&got["catalogue.carried_over"].1)
    );
}

async fn get(app: &App, path: &str, token: Option<&str>) -> reqwest::Response {
    let mut req = app.http.get(format!("http://{}{path}", app.addr));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.expect("sent")
}

#[tokio::test]
async fn the_csv_has_a_chinese_header_and_one_row_per_figure() {
    let app = spawn_app().await;
    let (_, tokens) = demo(&app).await;
    let audit = token(&tokens, AUDIT.0, AUDIT.1);
    let resp = get(&app, "/statistics/2025.csv", Some(audit)).await;
    assert_eq!(resp.status().as_u16(), 200);
    assert!(
        resp.headers()[reqwest::header::CONTENT_TYPE]
            .to_str()
            .expect("ascii")
            .starts_with("text/csv")
    );
    let text = resp.text().await.expect("body");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for Excel");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, ["部分", "指标", "数值", "单位", "代码", "所计记录"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let stats = gql_as(&app, Some(audit), STATISTICS, json!({"year": 2025})).await;
    let got = figures(&stats);
    assert_eq!(rows.len(), got.len(), "one row per figure");
    for row in &rows {
        let (value, ids) = &got[&row[4]];
        assert_eq!(row[2].parse::<i64>().expect("a number"), *value, "{row:?}");
        let listed: BTreeSet<String> = row[5]
            .split(';')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        assert_eq!(&listed, ids, "{row:?}");
    }
    assert!(
        rows.iter()
            .any(|r| &r[0] == "合法性审查" && &r[1] == "结论：合法")
    );
    // The JSON is the same figures.
    let json: Value = get(&app, "/statistics/2025.json", Some(audit))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(json["year"], 2025);
    assert_eq!(json["sections"].as_array().map(Vec::len), Some(12));
}

#[tokio::test]
async fn the_report_draws_its_charts_as_svg_links_each_figure_to_its_decisions_and_compares_years()
{
    let app = spawn_app().await;
    let (_, tokens) = demo(&app).await;
    let audit = token(&tokens, AUDIT.0, AUDIT.1);
    let resp = get(&app, "/statistics/2025.html", Some(audit)).await;
    assert_eq!(resp.status().as_u16(), 200);
    let page = resp.text().await.expect("page");
    assert!(page.contains("平桥区人民政府2025年度重大行政决策统计"));
    assert_eq!(page.matches("<svg").count(), 3, "three charts");
    for chart in ["chart-stages", "chart-reviews", "chart-filing"] {
        assert!(page.contains(chart), "{chart}");
    }
    assert!(!page.contains("<script"), "no script");
    assert!(
        page.contains("按时备案率 50%"),
        "one of two filings on time"
    );
    // The late filing's figure links to its drill-down, which names the parking decision.
    assert!(page.contains("href=\"#f-publication.filed_late\""));
    let drill = page
        .split("id=\"f-publication.filed_late\"")
        .nth(1)
        .expect("the drill-down");
    let drill = &drill[..drill.find("</section>").expect("end")];
    assert!(
        drill.contains("平桥区城区机动车停放服务收费管理办法"),
        "{drill}"
    );
    // One figure's records in full.
    let one = get(
        &app,
        "/statistics/2025.html?figure=decisions.withdrawn",
        Some(audit),
    )
    .await
    .text()
    .await
    .expect("page");
    assert!(one.contains("震雷山风景区总体规划"));
    // Two years side by side: a column for each.
    let compared = get(&app, "/statistics/2025.html?compare=2024", Some(audit))
        .await
        .text()
        .await
        .expect("page");
    assert!(compared.contains("<th scope=\"col\">2025年</th>"));
    assert!(compared.contains("<th scope=\"col\">2024年</th>"));
    // 2024 has nothing: the proposed row reads this year's count against 0.
    let proposed = figures(&gql_as(&app, Some(audit), STATISTICS, json!({"year": 2025})).await)
        ["decisions.proposed"]
        .0;
    let row = compared
        .split("<td>提出决策事项</td>")
        .nth(1)
        .expect("the row");
    let row = &row[..row.find("</tr>").expect("end")];
    assert!(
        row.contains(&format!(">{proposed}</a>")) && row.contains(">0<"),
        "{row}"
    );
}

#[tokio::test]
async fn a_sponsor_counts_only_its_units_decisions() {
    let app = spawn_app().await;
    let (report, tokens) = demo(&app).await;
    let housing = token(&tokens, HOUSING.0, HOUSING.1);
    let got = figures(&gql_as(&app, Some(housing), STATISTICS, json!({"year": 2025})).await);
    // The housing bureau's two: the resettlement measures and the scenic-area plan.
    let ours: BTreeSet<String> = report
        .lines()
        .filter(|l| l.contains("房票安置") || l.contains("震雷山"))
        .filter_map(|l| l.split('\t').nth(1).map(str::to_owned))
        .collect();
    assert_eq!(ours.len(), 2);
    assert_eq!(got["decisions.proposed"], (2, ours));
    // The catalogue's figures are the organ's catalogue's, whoever reads them.
    assert!(got["catalogue.planned"].0 > 2);
    // Not another organ's statistics.
    let other = gql_as(
        &app,
        Some(housing),
        "{ annualStatistics(year: 2025, organ: \"平桥区明港镇人民政府\") { year } }",
        json!({}),
    )
    .await;
    assert_eq!(other["errors"][0]["extensions"]["code"], "FORBIDDEN");
}

#[tokio::test]
async fn statistics_need_an_officials_token_and_a_sane_year() {
    let app = spawn_app().await;
    for path in [
        "/statistics/2025.html",
        "/statistics/2025.csv",
        "/statistics/2025.json",
    ] {
        assert_eq!(get(&app, path, None).await.status().as_u16(), 401, "{path}");
    }
    let public = gql_as(&app, None, STATISTICS, json!({"year": 2025})).await;
    assert_eq!(public["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    let odd = app
        .gql(Some("AUDITOR"), STATISTICS, json!({"year": 1990}))
        .await;
    assert_eq!(
        odd["errors"][0]["extensions"]["code"], "INVALID_INPUT",
        "{odd}"
    );
    assert_eq!(
        get(&app, "/statistics/3000.html", Some(&app.tokens["AUDITOR"]))
            .await
            .status()
            .as_u16(),
        400
    );
}
