//! The workbench in a real browser (issue 13): the README's walkthrough done by officials through
//! the forms — the sponsor proposes and drafts, the office starts the procedure, the review office
//! assigns counsel and concludes, the counsel gives the opinion, the office records the meeting,
//! reports, publishes, files and starts execution — and the same walkthrough over GraphQL on a
//! second decision: both histories must be the same acts, by the same roles, on the same days.
//! On the way, a refusal shows its article on the page, the review office finds the decision in
//! its queue, and a sponsor of another unit does not see it at all.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::{Map, Value, json};

use crate::browser::{body_text, browser, click, site, type_into};
use crate::helpers::*;

const PASSWORD: &str = "春风十里-平桥2026";

/// What an official does to one field of a form.
#[derive(Clone, Copy)]
enum Fill {
    Text(&'static str),
    /// One item a line, as a list of words is typed.
    Lines(&'static str),
    Int(&'static str),
    Date(&'static str),
    Choose(&'static str),
    Tick,
    /// A box left unticked: nothing to do on the form, `false` over the API.
    Untick,
    /// A number the form fills in itself (the current draft): checked there, sent over the API.
    Given(&'static str),
}

/// One act of the walkthrough: who, which act, and what is typed into which field (paths as the
/// form names them, under `input.`). `More(list)` presses the list's "增加一行" first.
struct Step {
    role: &'static str,
    mutation: &'static str,
    fields: Vec<(&'static str, Fill)>,
    /// Rows to add to lists of groups before filling, by list path.
    more: Vec<(&'static str, usize)>,
}

fn step(role: &'static str, mutation: &'static str, fields: Vec<(&'static str, Fill)>) -> Step {
    Step {
        role,
        mutation,
        fields,
        more: Vec::new(),
    }
}

/// The README's walkthrough, after the proposal (the counsel's account id is the test's).
fn walkthrough() -> Vec<Step> {
    use Fill::*;
    vec![
        step(
            "SECRETARIAT",
            "startProcedure",
            vec![
                ("startedOn", Date("2026-09-02")),
                ("leadUnit", Text("区住房和城乡建设局")),
                ("coUnits", Lines("区财政局")),
            ],
        ),
        step(
            "SPONSOR",
            "reviseDraft",
            vec![
                ("revisedOn", Date("2026-09-05")),
                ("text", Text("第一条 为推进城区老旧小区改造，制定本方案。")),
            ],
        ),
        step(
            "SPONSOR",
            "openPublicConsultation",
            vec![
                ("openedOn", Date("2026-09-10")),
                ("endsOn", Date("2026-10-10")),
                ("channels", Lines("平桥区人民政府网站")),
                ("howToComment", Text("电子邮件")),
            ],
        ),
        step(
            "SPONSOR",
            "closePublicConsultation",
            vec![
                ("closedOn", Date("2026-10-11")),
                ("adoptionReport", Text("未收到意见")),
            ],
        ),
        step(
            "SPONSOR",
            "recordExpertArgumentation",
            vec![
                ("heldOn", Date("2026-10-12")),
                ("method", Choose("MEETING")),
                ("organizer", Text("区住房和城乡建设局")),
                ("adoptionReport", Text("已采纳")),
                ("opinions.0.expert", Text("刘教授")),
                ("opinions.0.interestDeclaration", Text("无利害关系")),
                ("opinions.0.hasDirectInterest", Untick),
                ("opinions.0.opinion", Text("可行")),
                ("opinions.0.signed", Tick),
            ],
        ),
        step(
            "SPONSOR",
            "markTrackNotRequired",
            vec![
                ("track", Choose("RISK_ASSESSMENT")),
                ("basis", Text("不涉及社会稳定、公共安全")),
            ],
        ),
        step(
            "SPONSOR",
            "markTrackNotRequired",
            vec![
                ("track", Choose("FAIR_COMPETITION_REVIEW")),
                ("basis", Text("不涉及市场主体经济活动")),
            ],
        ),
        step(
            "SPONSOR",
            "requestLegalityReview",
            vec![
                ("requestedOn", Date("2026-10-13")),
                ("legalBasis", Lines("《城乡规划法》")),
            ],
        ),
        step(
            "REVIEW_OFFICE",
            "assignCounsel",
            vec![
                ("assignedOn", Date("2026-10-13")),
                ("kind", Choose("PUBLIC_LAWYER")),
                ("affiliation", Text("区司法局")),
            ],
        ),
        step(
            "COUNSEL",
            "submitLegalOpinion",
            vec![
                ("givenOn", Date("2026-10-15")),
                ("kind", Choose("PUBLIC_LAWYER")),
                ("opinion", Text("符合法定权限和程序")),
            ],
        ),
        step(
            "REVIEW_OFFICE",
            "concludeLegalityReview",
            vec![
                ("concludedOn", Date("2026-10-22")),
                ("conclusion", Choose("LAWFUL")),
                ("authorityFinding", Text("符合法定权限")),
                ("procedureFinding", Text("已履行法定程序")),
                ("contentFinding", Text("内容合法")),
            ],
        ),
        Step {
            role: "SECRETARIAT",
            mutation: "recordCollectiveDiscussion",
            fields: vec![
                ("heldOn", Date("2026-10-28")),
                ("kind", Choose("EXECUTIVE")),
                ("session", Text("区政府第20次常务会议")),
                ("draftVersion", Given("1")),
                ("outcome", Choose("ADOPTED")),
                ("attendance.members", Int("5")),
                ("attendance.present", Int("3")),
                ("speeches.0.speaker", Text("副区长甲")),
                ("speeches.0.position", Choose("AGREE")),
                ("speeches.1.speaker", Text("副区长乙")),
                ("speeches.1.position", Choose("DISAGREE")),
                ("speeches.1.statement", Text("资金尚需落实")),
                ("speeches.2.speaker", Text("区长")),
                ("speeches.2.isHead", Tick),
                ("speeches.2.position", Choose("AGREE")),
                ("speeches.2.statement", Text("原则通过")),
            ],
            more: vec![("speeches", 2)],
        },
        step(
            "SECRETARIAT",
            "recordPartyCommitteeReport",
            vec![
                ("reportedOn", Date("2026-10-30")),
                ("recipient", Text("中共平桥区委")),
                ("summary", Text("请示报告")),
            ],
        ),
        step(
            "SECRETARIAT",
            "publishDecision",
            vec![
                ("publishedOn", Date("2026-11-02")),
                ("channels", Lines("平桥区人民政府网站")),
                ("documentNumber", Text("平政〔2026〕20号")),
                ("opinionExplanation", Text("意见采纳情况说明")),
            ],
        ),
        step(
            "SECRETARIAT",
            "fileDecision",
            vec![
                ("filedOn", Date("2026-11-02")),
                ("authority", Choose("上一级人民政府")),
                ("receiptNumber", Text("备2026-031")),
            ],
        ),
        step(
            "SECRETARIAT",
            "startExecution",
            vec![
                ("startedOn", Date("2026-11-03")),
                ("executingUnit", Text("区住房和城乡建设局")),
            ],
        ),
    ]
}

fn proposal() -> Vec<(&'static str, Fill)> {
    use Fill::*;
    vec![
        ("title", Text("城区老旧小区改造实施方案")),
        ("summary", Text("对2000年以前建成的老旧小区实施综合改造")),
        ("category", Choose("HENAN_PUBLIC_SERVICE")),
        ("source", Choose("ORGAN_LEADER")),
        ("legalBasis", Lines("《城乡规划法》")),
        ("flags.professionalTechnical", Tick),
        ("proposedOn", Date("2026-09-01")),
        (
            "outsideCatalogueReason",
            Text("年中新增事项，未列入年度目录"),
        ),
    ]
}

/// The same fields as the API's input: paths made nested objects and lists.
fn input_of(fields: &[(&str, Fill)]) -> Value {
    fn put(into: &mut Value, path: &[&str], value: Value) {
        let Some((head, rest)) = path.split_first() else {
            *into = value;
            return;
        };
        let slot = match head.parse::<usize>() {
            Ok(i) => {
                if !into.is_array() {
                    *into = Value::Array(Vec::new());
                }
                let list = into.as_array_mut().expect("a list");
                while list.len() <= i {
                    list.push(Value::Object(Map::new()));
                }
                &mut list[i]
            }
            Err(_) => {
                if !into.is_object() {
                    *into = Value::Object(Map::new());
                }
                into.as_object_mut()
                    .expect("an object")
                    .entry((*head).to_owned())
                    .or_insert(Value::Null)
            }
        };
        put(slot, rest, value);
    }
    let mut input = Value::Object(Map::new());
    for (path, fill) in fields {
        let value = match fill {
            Fill::Text(s) | Fill::Date(s) | Fill::Choose(s) => json!(s),
            Fill::Lines(s) => json!(s.lines().collect::<Vec<_>>()),
            Fill::Int(s) | Fill::Given(s) => json!(s.parse::<i64>().expect("a number")),
            Fill::Tick => json!(true),
            Fill::Untick => json!(false),
        };
        put(&mut input, &path.split('.').collect::<Vec<_>>(), value);
    }
    input
}

fn field_id(path: &str) -> String {
    format!("f-input-{}", path.replace('.', "-"))
}

async fn fill(c: &Client, fields: &[(&str, Fill)]) {
    for (path, fill) in fields {
        let id = field_id(path);
        match fill {
            Fill::Text(s) | Fill::Int(s) => type_into(c, &id, s).await,
            Fill::Lines(s) => type_into(c, &id, s).await,
            // A date input's keys depend on the browser's locale: its value is set as a date
            // picker sets it.
            Fill::Date(s) => {
                let el = c.find(Locator::Id(&id)).await.expect(&id);
                c.execute(
                    "arguments[0].value = arguments[1];",
                    vec![serde_json::to_value(&el).expect("element"), json!(s)],
                )
                .await
                .expect("date set");
            }
            Fill::Choose(v) => c
                .find(Locator::Id(&id))
                .await
                .expect(&id)
                .select_by_value(v)
                .await
                .unwrap_or_else(|e| panic!("choose {v} in #{id}: {e}")),
            Fill::Tick => click(c, &format!("#{id}")).await,
            Fill::Untick => {}
            Fill::Given(s) => {
                let value = c
                    .find(Locator::Id(&id))
                    .await
                    .expect(&id)
                    .prop("value")
                    .await
                    .expect("value");
                assert_eq!(value.as_deref(), Some(*s), "#{id} filled in by the form");
            }
        }
    }
}

/// Waits until the page's address satisfies `done`, and answers it.
async fn wait_for(c: &Client, what: &str, done: impl Fn(&str) -> bool) -> String {
    for _ in 0..100 {
        let url = c.current_url().await.expect("url").to_string();
        if done(&url) {
            return url;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "{what}: still on {}\n{}",
        c.current_url().await.expect("url"),
        body_text(c).await
    );
}

async fn sign_in(c: &Client, app: &App, key: &str) {
    c.goto(&site(app, "/console/login"))
        .await
        .expect("sign-in page");
    type_into(c, "login", &app.ids[key]).await;
    type_into(c, "password", PASSWORD).await;
    click(c, "main button[type=submit]").await;
    wait_for(c, "signed in", |u| u.ends_with("/console")).await;
}

async fn sign_out(c: &Client) {
    click(c, "form.inline button").await;
    wait_for(c, "signed out", |u| u.ends_with("/console/login")).await;
}

/// Presses the form's submit button and waits for the decision's page saying it is done.
async fn submit(c: &Client, mutation: &str) {
    click(c, "div.actions button[type=submit]").await;
    wait_for(c, mutation, |u| u.contains(&format!("?done={mutation}"))).await;
}

/// The decision's history as (kind, role, day): what "the same history" means.
async fn history(app: &App, id: &str) -> Vec<(String, String, String)> {
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { history { kind actor { role } occurredOn } } }",
            json!({"id": id}),
        )
        .await;
    body["data"]["decision"]["history"]
        .as_array()
        .unwrap_or_else(|| panic!("history: {body}"))
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap_or_default().to_owned(),
                e["actor"]["role"].as_str().unwrap_or_default().to_owned(),
                e["occurredOn"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn officials_take_a_decision_from_proposal_to_execution_through_the_workbench() {
    let Some(b) = browser().await else { return };
    let c = &b.client;
    let app = spawn_app().await;
    // After the walkthrough's last day: every act is dated as it happened.
    app.clock.set_date(day("2026-11-04"));
    for key in [
        "SPONSOR",
        "SECRETARIAT",
        "REVIEW_OFFICE",
        "COUNSEL",
        "OTHER_SPONSOR",
    ] {
        decision_engine::service::set_password(&app.store, &app.ids[key], PASSWORD.into())
            .await
            .expect("password set");
    }
    let counsel = app.ids["COUNSEL"].clone();

    // The sponsor proposes from the navigation's link.
    sign_in(c, &app, "SPONSOR").await;
    click(c, "nav a[href='/console/acts/proposeDecision']").await;
    wait_for(c, "the proposal's form", |u| {
        u.ends_with("/acts/proposeDecision")
    })
    .await;
    fill(c, &proposal()).await;
    submit(c, "proposeDecision").await;
    let url = c.current_url().await.expect("url");
    let id = url
        .path()
        .strip_prefix("/console/decisions/")
        .expect("the decision's page")
        .to_owned();
    assert!(body_text(c).await.contains("已办理：提出决策事项"));

    let mut signed_in = "SPONSOR";
    for s in walkthrough() {
        if s.mutation == "openPublicConsultation" {
            // Drafted, before anything of it is public: a sponsor of another unit does not find
            // it on its list, and its page is not found.
            sign_out(c).await;
            sign_in(c, &app, "OTHER_SPONSOR").await;
            signed_in = "OTHER_SPONSOR";
            assert!(!body_text(c).await.contains("城区老旧小区改造实施方案"));
            c.goto(&site(&app, &format!("/console/decisions/{id}")))
                .await
                .expect("page");
            let page = body_text(c).await;
            assert!(page.contains("未找到"), "{page}");
            assert!(!page.contains("城区老旧小区改造实施方案"), "{page}");
            c.goto(&site(&app, "/console")).await.expect("home");
        }
        if s.role != signed_in {
            sign_out(c).await;
            sign_in(c, &app, s.role).await;
            signed_in = s.role;
        }
        if s.mutation == "assignCounsel" {
            // The review office finds the decision in its queue on 我的工作 (where signing in
            // leads).
            let desk = body_text(c).await;
            assert!(desk.contains("审查工作台"), "{desk}");
            assert!(desk.contains("城区老旧小区改造实施方案"), "{desk}");
        }
        c.goto(&site(&app, &format!("/console/decisions/{id}")))
            .await
            .expect("the decision's page");
        click(c, &format!("a[href$='/acts/{}']", s.mutation)).await;
        wait_for(c, s.mutation, |u| {
            u.ends_with(&format!("/acts/{}", s.mutation))
        })
        .await;
        for (list, rows) in &s.more {
            for n in 1..=*rows {
                click(c, &format!("button[name=_more][value='input.{list}']")).await;
                c.wait()
                    .for_element(Locator::Id(&field_id(&format!("{list}.{n}.speaker"))))
                    .await
                    .expect("one more row");
            }
        }
        if s.mutation == "assignCounsel" {
            // The organ's counsel are a choice, by name, not an id to type.
            let pick = c
                .find(Locator::Id("f-input-counselAccountId"))
                .await
                .expect("the counsel's choice");
            assert!(
                pick.text()
                    .await
                    .expect("options")
                    .contains("COUNSEL用户（区司法局）")
            );
            pick.select_by_value(&counsel)
                .await
                .expect("counsel chosen");
        }
        if s.mutation == "openPublicConsultation" {
            // Twenty-nine days first: refused on the page, with the article and its words.
            let mut short = s.fields.clone();
            short[1] = ("endsOn", Fill::Date("2026-10-09"));
            fill(c, &short).await;
            click(c, "div.actions button[type=submit]").await;
            c.wait()
                .for_element(Locator::Css("#problem"))
                .await
                .expect("the refusal");
            let page = body_text(c).await;
            assert!(page.contains("consultation.min_period"), "{page}");
            assert!(page.contains("第十五条"), "{page}");
            click(c, "#problem details.article summary").await;
            let words = c
                .find(Locator::Css("#problem blockquote"))
                .await
                .expect("the article's words")
                .text()
                .await
                .expect("text");
            assert!(words.contains("征求意见的期限一般不少于30日"), "{words}");
            // Put right: only the end date changes; what was typed stayed.
            fill(c, &[("endsOn", Fill::Date("2026-10-10"))]).await;
            submit(c, s.mutation).await;
            continue;
        }
        let fields: Vec<(&str, Fill)> = s.fields.clone();
        fill(c, &fields).await;
        submit(c, s.mutation).await;
    }
    let page = body_text(c).await;
    assert!(page.contains("所处阶段\n执行中"), "{page}");

    // The same walkthrough over GraphQL, as the README gives it.
    let created = app
        .gql(
            Some("SPONSOR"),
            "mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id version } }",
            json!({"input": input_of(&proposal())}),
        )
        .await;
    let mut f = Flow {
        app: &app,
        id: created["data"]["proposeDecision"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{created}"))
            .to_owned(),
        version: 1,
    };
    for s in walkthrough() {
        let mut input = input_of(&s.fields);
        if s.mutation == "assignCounsel" {
            input["counselAccountId"] = json!(counsel);
        }
        f.ok(s.role, s.mutation, input).await;
    }
    let through_forms = history(&app, &id).await;
    assert_eq!(through_forms.len(), 1 + walkthrough().len());
    assert_eq!(through_forms, history(&app, &f.id).await);
}

/// The workbench's screens, over the demo's record, as the government office sees them: 我的工作
/// with its overview, a decision's page, an act's form fresh and refused, the proposal's form,
/// the catalogues and one catalogue.
async fn workbench_pages(c: &Client, app: &App) -> Vec<String> {
    let report = decision_engine::demo::load(app.service.clone())
        .await
        .expect("demo loaded");
    let case = |stage: &str| {
        report
            .lines()
            .find(|l| l.starts_with(&format!("{stage}\t")))
            .and_then(|l| l.split('\t').nth(1))
            .expect("a demo case")
            .to_owned()
    };
    decision_engine::service::set_password(&app.store, &app.ids["SECRETARIAT"], PASSWORD.into())
        .await
        .expect("password set");
    sign_in(c, app, "SECRETARIAT").await;
    c.goto(&site(app, "/console/catalogues"))
        .await
        .expect("catalogues");
    let catalogue = c
        .find(Locator::Css("main table a[href^='/console/catalogues/']"))
        .await
        .expect("a catalogue of the organ")
        .attr("href")
        .await
        .expect("href")
        .expect("a link");
    let meeting = case("AWAITING_DISCUSSION");
    vec![
        "/console".into(),
        format!("/console/decisions/{meeting}"),
        format!("/console/decisions/{meeting}/acts/recordCollectiveDiscussion"),
        "/console/acts/proposeDecision".into(),
        "/console/catalogues".into(),
        catalogue,
    ]
}

/// Sends the act's form as drawn, nothing filled in: the page comes back with its errors.
async fn refused_form(c: &Client) {
    click(c, "div.actions button[type=submit]").await;
    c.wait()
        .for_element(Locator::Css("#problem"))
        .await
        .expect("the form's errors");
}

#[tokio::test]
async fn the_workbench_passes_axe_and_fits_a_narrow_window_and_200_percent_zoom() {
    let Some(b) = browser().await else { return };
    let c = &b.client;
    let app = spawn_app().await;
    let pages = workbench_pages(c, &app).await;
    let axe = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/axe-core-4.14.1/axe.min.js"
    ))
    .expect("axe-core fixture");
    let run = "const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] }).then(r => done(
          r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))));";
    let width =
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];";
    for window in [1200, 640, 375] {
        c.set_window_size(window, 900).await.expect("resized");
        for (n, path) in pages.iter().enumerate() {
            c.goto(&site(&app, path)).await.expect("page");
            // The form once more, as it comes back refused, with every error shown.
            let refused = n == 2;
            if refused {
                refused_form(c).await;
            }
            let fits = c.execute(width, vec![]).await.expect("measured");
            assert!(
                fits[0].as_i64() <= fits[1].as_i64(),
                "{path} (refused: {refused}) at {window}px: {fits}"
            );
            if window == 1200 {
                c.execute(&axe, vec![]).await.expect("axe injected");
                let found = c.execute_async(run, vec![]).await.expect("axe ran");
                assert_eq!(found, json!([]), "{path} (refused: {refused})");
            }
        }
    }
}
