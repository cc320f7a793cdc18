//! The workbench's decision page and act forms (issue 13), over HTTP as a browser without
//! script speaks it: forms drawn from the API's input types, posted back, refused with the rule
//! and the article's words, a version conflict that says who acted, the catalogue's screens,
//! and nothing shown to an official whose post does not cover the record.

use decision_engine::procedure::Rule;
use decision_engine::procedure::rulebook::{Source, entry};
use reqwest::StatusCode;
use reqwest::header::{LOCATION, SET_COOKIE};
use serde_json::json;

use crate::helpers::{App, Flow, consultation, days_ago, days_ahead, pdf, spawn_app, today};

const PASSWORD: &str = "春风十里-平桥2026";

/// An official signed in to the workbench: the session's and the forms' cookies.
struct Clerk<'a> {
    app: &'a App,
    session: String,
    csrf: String,
    http: reqwest::Client,
}

fn cookie_of(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|l| l.strip_prefix(&format!("{name}=")))
        .and_then(|rest| rest.split(';').next())
        .map(ToOwned::to_owned)
}

/// An attribute's value in a tag as maud writes it (`name="value"`, escaped).
fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    tag.split(&format!(" {name}=\"")).nth(1)?.split('"').next()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// What a browser sends for the page's form as drawn, untouched: every input's value (a
/// checkbox only when ticked), every text area's text, every select's chosen option. Buttons
/// are not sent unless pressed.
fn drawn(body: &str) -> Vec<(String, String)> {
    let form = body
        .split("<form method=\"post\" action=\"/console/")
        .nth(1)
        .unwrap_or("");
    let form = form.split("</form>").next().unwrap_or("");
    let mut out = Vec::new();
    for tag in form.split("<input ").skip(1) {
        let tag = format!(" {}", tag.split('>').next().unwrap_or(""));
        let tag = tag.as_str();
        let Some(name) = attr(tag, "name") else {
            continue;
        };
        let checkbox = attr(tag, "type") == Some("checkbox");
        if checkbox && !tag.contains(" checked") {
            continue;
        }
        out.push((name.to_owned(), unescape(attr(tag, "value").unwrap_or(""))));
    }
    for part in form.split("<textarea ").skip(1) {
        let (tag, rest) = part.split_once('>').unwrap_or((part, ""));
        let tag = format!(" {tag}");
        let tag = tag.as_str();
        let text = rest.split("</textarea>").next().unwrap_or("");
        if let Some(name) = attr(tag, "name") {
            out.push((name.to_owned(), unescape(text)));
        }
    }
    for part in form.split("<select ").skip(1) {
        let (tag, rest) = part.split_once('>').unwrap_or((part, ""));
        let tag = format!(" {tag}");
        let tag = tag.as_str();
        let options = rest.split("</select>").next().unwrap_or("");
        let chosen = options
            .split("<option ")
            .skip(1)
            .find(|o| o.split('>').next().is_some_and(|t| t.contains(" selected")))
            .and_then(|o| attr(&format!(" {o}"), "value").map(ToOwned::to_owned))
            .unwrap_or_default();
        if let Some(name) = attr(tag, "name") {
            out.push((name.to_owned(), chosen));
        }
    }
    out
}

/// The hidden fields alone: what the page gives whatever the clerk types.
fn hidden(body: &str) -> Vec<(String, String)> {
    let form = body
        .split("<form method=\"post\" action=\"/console/")
        .nth(1)
        .unwrap_or("");
    form.split("<input type=\"hidden\" ")
        .skip(1)
        .filter_map(|rest| {
            let tag = format!(" {}", rest.split('>').next()?);
            Some((
                attr(&tag, "name")?.to_owned(),
                attr(&tag, "value")?.to_owned(),
            ))
        })
        .collect()
}

impl<'a> Clerk<'a> {
    async fn sign_in(app: &'a App, key: &str) -> Clerk<'a> {
        decision_engine::service::set_password(&app.store, &app.ids[key], PASSWORD.into())
            .await
            .expect("password set");
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let page = http
            .get(format!("http://{}/console/login", app.addr))
            .send()
            .await
            .expect("login page");
        let csrf = cookie_of(&page, "de_csrf").expect("a CSRF cookie");
        let r = http
            .post(format!("http://{}/console/login", app.addr))
            .header("cookie", format!("de_csrf={csrf}"))
            .form(&[
                ("login", app.ids[key].as_str()),
                ("password", PASSWORD),
                ("csrf", &csrf),
            ])
            .send()
            .await
            .expect("login");
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let session = cookie_of(&r, "de_session").expect("a session");
        Clerk {
            app,
            session,
            csrf,
            http,
        }
    }

    fn cookies(&self) -> String {
        format!("de_session={}; de_csrf={}", self.session, self.csrf)
    }

    async fn get(&self, path: &str) -> (StatusCode, String) {
        let r = self
            .http
            .get(format!("http://{}{path}", self.app.addr))
            .header("cookie", self.cookies())
            .send()
            .await
            .expect("page");
        (r.status(), r.text().await.expect("body"))
    }

    /// Opens the form at `path`, fills `fields` over what it drew, and posts it as the browser
    /// would (its hidden fields included): the answer's status, `Location` and body.
    async fn submit(&self, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String, String) {
        let (status, form) = self.get(path).await;
        assert_eq!(status, StatusCode::OK, "{form}");
        let mut pairs = drawn(&form);
        pairs.retain(|(k, _)| !fields.iter().any(|(f, _)| f == k));
        pairs.extend(
            fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        self.post(path, &pairs).await
    }

    async fn post(&self, path: &str, pairs: &[(String, String)]) -> (StatusCode, String, String) {
        let r = self
            .http
            .post(format!("http://{}{path}", self.app.addr))
            .header("cookie", self.cookies())
            .form(pairs)
            .send()
            .await
            .expect("post");
        let location = r
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        (r.status(), location, r.text().await.expect("body"))
    }
}

/// What the decision's record says, over the API.
async fn record(app: &App, id: &str) -> serde_json::Value {
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { title legalBasis flags { professionalTechnical } draft { version } } }",
            json!({"id": id}),
        )
        .await;
    body["data"]["decision"].clone()
}

#[tokio::test]
async fn a_sponsor_proposes_with_the_generated_form_and_lands_on_the_decisions_page() {
    let app = spawn_app().await;
    let clerk = Clerk::sign_in(&app, "SPONSOR").await;
    let (status, form) = clerk.get("/console/acts/proposeDecision").await;
    assert_eq!(status, StatusCode::OK);
    // Drawn from ProposeDecisionInput: Chinese labels, a select of the enum, the nested flags.
    assert!(form.contains("<label for=\"f-input-title\">"), "{form}");
    assert!(form.contains("name=\"input.category\""), "{form}");
    assert!(
        form.contains("name=\"input.flags.professionalTechnical\""),
        "{form}"
    );
    assert!(
        form.contains(&format!("value=\"{}\"", today())),
        "dates start today: {form}"
    );
    assert!(!form.contains("<script"), "{form}");
    let (status, location, body) = clerk
        .submit(
            "/console/acts/proposeDecision",
            &[
                ("input.title", "城区老旧小区改造实施方案"),
                ("input.summary", "对2000年以前建成的老旧小区实施综合改造"),
                ("input.category", "HENAN_PUBLIC_SERVICE"),
                ("input.source", "ORGAN_LEADER"),
                (
                    "input.legalBasis",
                    "《城乡规划法》\n《城镇老旧小区改造指导意见》",
                ),
                ("input.flags.professionalTechnical", "true"),
                (
                    "input.outsideCatalogueReason",
                    "年中新增事项，未列入年度目录",
                ),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let id = location
        .strip_prefix("/console/decisions/")
        .and_then(|rest| rest.strip_suffix("?done=proposeDecision"))
        .unwrap_or_else(|| panic!("to the decision's page: {location}"));
    let d = record(&app, id).await;
    assert_eq!(d["title"], "城区老旧小区改造实施方案");
    assert_eq!(
        d["legalBasis"],
        json!(["《城乡规划法》", "《城镇老旧小区改造指导意见》"])
    );
    assert_eq!(d["flags"]["professionalTechnical"], true);
    let (status, page) = clerk.get(&location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("已办理：提出决策事项"), "{page}");
    assert!(
        page.contains("<strong>提出决策事项</strong>"),
        "the timeline: {page}"
    );
}

#[tokio::test]
async fn a_refusal_comes_back_onto_the_form_with_its_rule_and_the_articles_words() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    f.draft().await;
    let clerk = Clerk::sign_in(&app, "SPONSOR").await;
    let path = format!("/console/decisions/{}/acts/openPublicConsultation", f.id);
    // Ten days: Art. 15 asks for at least thirty.
    let ends = days_ahead(10);
    let (status, _, body) = clerk
        .submit(
            &path,
            &[
                ("input.endsOn", &ends),
                ("input.channels", "平桥区人民政府网站"),
                ("input.howToComment", "电子邮件"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("错误代码 <code>RULE_VIOLATION</code>"),
        "{body}"
    );
    assert!(
        body.contains("<code>consultation.min_period</code>"),
        "{body}"
    );
    assert!(body.contains("第十五条"), "{body}");
    let Source::Regulation(quotes) = entry(Rule::ConsultationMinPeriod).source else {
        panic!("Art. 15 is the regulation's");
    };
    for q in quotes {
        let first = q.text.lines().next().unwrap_or_default();
        assert!(body.contains(first), "the article's words {first}: {body}");
    }
    // What the clerk typed is still there, and nothing was recorded.
    assert!(body.contains(&format!("value=\"{ends}\"")), "{body}");
    assert_eq!(app.decision(&f.id).await["version"], f.version);
}

#[tokio::test]
async fn a_field_left_empty_is_named_in_chinese_and_nothing_is_sent() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    let clerk = Clerk::sign_in(&app, "SPONSOR").await;
    let path = format!("/console/decisions/{}/acts/reviseDraft", f.id);
    let (status, _, body) = clerk.submit(&path, &[("input.text", "  ")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("请更正以下1处填写后再提交"), "{body}");
    assert!(
        body.contains("href=\"#f-input-text\""),
        "the message leads to the field: {body}"
    );
    assert!(body.contains("aria-invalid=\"true\""), "{body}");
    assert_eq!(app.decision(&f.id).await["version"], f.version);
}

#[tokio::test]
async fn a_version_conflict_says_who_acted_meanwhile_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    let clerk = Clerk::sign_in(&app, "SPONSOR").await;
    let path = format!("/console/decisions/{}/acts/reviseDraft", f.id);
    let (_, form) = clerk.get(&path).await;
    // Meanwhile the office corrects a flag over the API.
    f.ok(
        "SECRETARIAT",
        "correctFlag",
        json!({"flag": "PROFESSIONAL_TECHNICAL", "value": true, "reason": "涉及专业技术", "correctedOn": today().to_string()}),
    )
    .await;
    let mut pairs = hidden(&form);
    pairs.push(("input.revisedOn".into(), today().to_string()));
    pairs.push(("input.text".into(), "第一条 为推进城区老旧小区改造".into()));
    let (status, _, body) = clerk.post(&path, &pairs).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("在您填写期间，已有他人办理了"), "{body}");
    assert!(body.contains("更正决策事项标记"), "what was done: {body}");
    assert!(body.contains("SECRETARIAT用户"), "by whom: {body}");
    assert!(
        body.contains("第一条 为推进城区老旧小区改造"),
        "kept: {body}"
    );
    // Sent again as redrawn, against the version as it now stands, it is done.
    let mut again = hidden(&body);
    again.push(("input.revisedOn".into(), today().to_string()));
    again.push(("input.text".into(), "第一条 为推进城区老旧小区改造".into()));
    let (status, _, body) = clerk.post(&path, &again).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(record(&app, &f.id).await["draft"]["version"], 1);
}

/// A draft's form as a client might post it without ever drawing it (no CSRF token).
fn draft_by_hand(version: i64) -> Vec<(String, String)> {
    vec![
        ("_seen".to_owned(), "0".to_owned()),
        ("input.expectedVersion".to_owned(), version.to_string()),
        ("input.revisedOn".to_owned(), today().to_string()),
        ("input.text".to_owned(), "第一条".to_owned()),
    ]
}

#[tokio::test]
async fn a_sponsor_of_another_unit_does_not_see_the_decision_at_all() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    let other = Clerk::sign_in(&app, "OTHER_SPONSOR").await;
    for path in [
        format!("/console/decisions/{}", f.id),
        format!("/console/decisions/{}/acts/reviseDraft", f.id),
    ] {
        let (status, body) = other.get(&path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(!body.contains("城区老旧小区改造"), "{body}");
    }
    // A post is refused as the API refuses it, and changes nothing.
    let mut pairs = draft_by_hand(f.version);
    pairs.push(("csrf".to_owned(), other.csrf.clone()));
    let (status, _, _) = other
        .post(
            &format!("/console/decisions/{}/acts/reviseDraft", f.id),
            &pairs,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(app.decision(&f.id).await["version"], f.version);
}

#[tokio::test]
async fn a_post_without_the_forms_token_is_refused() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    let clerk = Clerk::sign_in(&app, "SPONSOR").await;
    let pairs = draft_by_hand(f.version);
    let (status, _, body) = clerk
        .post(
            &format!("/console/decisions/{}/acts/reviseDraft", f.id),
            &pairs,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("表单已失效"), "{body}");
    assert_eq!(app.decision(&f.id).await["version"], f.version);
}

#[tokio::test]
async fn a_list_of_groups_grows_a_row_without_script_and_blank_rows_are_not_sent() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    f.draft().await;
    let clerk = Clerk::sign_in(&app, "SPONSOR").await;
    let path = format!("/console/decisions/{}/acts/recordExpertArgumentation", f.id);
    let (_, form) = clerk.get(&path).await;
    assert!(form.contains("name=\"input.opinions.0.expert\""), "{form}");
    assert!(!form.contains("name=\"input.opinions.1.expert\""), "{form}");
    let mut pairs = hidden(&form);
    pairs.push(("input.opinions.0.expert".into(), "刘教授".into()));
    pairs.push(("_more".into(), "input.opinions".into()));
    let (status, _, grown) = clerk.post(&path, &pairs).await;
    assert_eq!(status, StatusCode::OK, "{grown}");
    assert!(
        grown.contains("name=\"input.opinions.1.expert\""),
        "{grown}"
    );
    assert!(
        grown.contains("value=\"刘教授\""),
        "what was typed stays: {grown}"
    );
    assert!(
        !grown.contains("请更正"),
        "growing is not submitting: {grown}"
    );
    assert_eq!(app.decision(&f.id).await["version"], f.version);
}

#[tokio::test]
async fn the_office_runs_the_catalogue_from_its_screens() {
    let app = spawn_app().await;
    let office = Clerk::sign_in(&app, "SECRETARIAT").await;
    let (status, location, body) = office
        .submit(
            "/console/acts/openCatalogue",
            &[("input.year", "2027"), ("input.openedOn", &days_ago(1))],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let page = location.split('?').next().unwrap_or_default().to_owned();
    assert!(page.starts_with("/console/catalogues/"), "{location}");
    let sponsor = Clerk::sign_in(&app, "SPONSOR").await;
    let (status, _, body) = sponsor
        .submit(
            &format!("{page}/acts/submitCatalogueItem"),
            &[
                ("input.item.name", "城区停车设施建设三年行动方案"),
                ("input.item.leadUnit", "区住房和城乡建设局"),
                ("input.item.kind", "PLAN"),
                ("input.item.basisAndContent", "新建、改建城区公共停车设施"),
                ("input.item.plannedTime", "2027-06"),
                ("input.item.publicConsultation", "true"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    // Each sees the acts of its post: the unit submits, the office decides on submissions.
    let (_, theirs) = sponsor.get(&page).await;
    assert!(theirs.contains("/acts/submitCatalogueItem\""), "{theirs}");
    assert!(!theirs.contains("acceptCatalogueSubmission"), "{theirs}");
    assert!(theirs.contains("待处理"), "{theirs}");
    // The office sees the submission with a link that fills in which one it accepts.
    let (_, screen) = office.get(&page).await;
    assert!(!screen.contains("/acts/submitCatalogueItem\""), "{screen}");
    assert!(screen.contains("城区停车设施建设三年行动方案"), "{screen}");
    let accept = screen
        .split("href=\"")
        .find(|s| s.contains("acts/acceptCatalogueSubmission?input.submissionId="))
        .and_then(|s| s.split('"').next())
        .expect("an accept link")
        .to_owned();
    let (status, _, body) = office.submit(&accept, &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (_, screen) = office.get(&page).await;
    assert!(screen.contains("已采纳"), "{screen}");
    assert!(screen.contains("列入目录"), "{screen}");
}

/// The upload form as drawn, as a multipart body, the document's kind chosen: the draft's text.
fn draft_text(form: &str) -> reqwest::multipart::Form {
    drawn(form)
        .into_iter()
        .fold(reqwest::multipart::Form::new(), |parts, (k, v)| {
            let v = if k == "input.kind" {
                "DRAFT_TEXT".to_owned()
            } else {
                v
            };
            parts.text(k, v)
        })
}

#[tokio::test]
async fn a_document_is_uploaded_with_its_form_and_downloaded_from_the_decisions_page() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    let clerk = Clerk::sign_in(&app, "SPONSOR").await;
    let path = format!("/console/decisions/{}/acts/attachMaterial", f.id);
    let (status, form) = clerk.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("enctype=\"multipart/form-data\""), "{form}");
    assert!(form.contains("type=\"file\""), "{form}");
    let bytes = pdf("起草说明");
    let parts = draft_text(&form).part(
        "file",
        reqwest::multipart::Part::bytes(bytes.clone())
            .file_name("决策草案.pdf")
            .mime_str("application/pdf")
            .expect("mime"),
    );
    let r = clerk
        .http
        .post(format!("http://{}{path}", app.addr))
        .header("cookie", clerk.cookies())
        .multipart(parts)
        .send()
        .await
        .expect("upload");
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap_or_default()
    );
    let (_, page) = clerk.get(&format!("/console/decisions/{}", f.id)).await;
    assert!(page.contains("决策草案.pdf"), "{page}");
    assert!(
        page.contains("<strong>上传材料</strong>：<a href=\"/console/decisions/"),
        "the timeline names the document and links it: {page}"
    );
    let link = page
        .split("href=\"")
        .find(|s| s.contains("/materials/"))
        .and_then(|s| s.split('"').next())
        .expect("a download link")
        .to_owned();
    let r = clerk
        .http
        .get(format!("http://{}{link}", app.addr))
        .header("cookie", clerk.cookies())
        .send()
        .await
        .expect("download");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.bytes().await.expect("bytes").as_ref(), bytes.as_slice());
    // Another unit's sponsor gets nothing.
    let other = Clerk::sign_in(&app, "OTHER_SPONSOR").await;
    let (status, _) = other.get(&link).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A form posted without its file names what is missing, and records nothing.
    let version = app.decision(&f.id).await["version"].clone();
    let (_, form) = clerk.get(&path).await;
    let parts = draft_text(&form);
    let r = clerk
        .http
        .post(format!("http://{}{path}", app.addr))
        .header("cookie", clerk.cookies())
        .multipart(parts)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.expect("body").contains("请选择要上传的文件"));
    assert_eq!(app.decision(&f.id).await["version"], version);
}

#[tokio::test]
async fn an_opinion_is_answered_from_the_decisions_page_and_leaves_the_choice() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    f.draft().await;
    f.ok(
        "SPONSOR",
        "openPublicConsultation",
        consultation(&days_ago(5), &days_ahead(30), None),
    )
    .await;
    let sent = app
        .gql(
            None,
            "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }",
            json!({"input": {"decisionId": f.id, "body": "建议增设无障碍坡道"}}),
        )
        .await;
    let comment = sent["data"]["submitPublicComment"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{sent}"))
        .to_owned();
    let clerk = Clerk::sign_in(&app, "SPONSOR").await;
    let (_, page) = clerk.get(&format!("/console/decisions/{}", f.id)).await;
    assert!(page.contains("建议增设无障碍坡道"), "{page}");
    let answer = format!(
        "/console/decisions/{}/acts/disposeComment?input.commentId={comment}",
        f.id
    );
    assert!(page.contains(&answer), "a link to answer it: {page}");
    let (_, form) = clerk.get(&answer).await;
    assert!(
        form.contains(&format!(
            "<option value=\"{comment}\" selected>建议增设无障碍坡道</option>"
        )),
        "the opinion chosen, by its words: {form}"
    );
    let (status, _, body) = clerk
        .submit(
            &answer,
            &[
                ("input.outcome", "ADOPTED"),
                ("input.reason", "已纳入改造内容"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (_, page) = clerk.get(&format!("/console/decisions/{}", f.id)).await;
    assert!(page.contains("采纳：已纳入改造内容"), "{page}");
    let (_, form) = clerk
        .get(&format!("/console/decisions/{}/acts/disposeComment", f.id))
        .await;
    assert!(
        !form.contains(&comment),
        "answered, no longer offered: {form}"
    );
}
