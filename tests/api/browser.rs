//! The website in a real browser: headless Chromium from the Debian packages, driven over
//! WebDriver (`chromedriver`, with fantoccini), against the real server on a random port. The
//! browser resolves no host but localhost, so a page that reached for a CDN would fail here.
//!
//! Where Chromium is not installed these tests say so and pass without running; `.ci/run`
//! installs it and sets `REQUIRE_BROWSER=1`, under which a missing browser fails instead.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::helpers::*;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A headless Chromium session, with the driver it runs through.
pub(crate) struct Browser {
    pub(crate) client: Client,
    _driver: Driver,
}

/// The chromedriver process, in a process group of its own with the Chromium it starts: dropping
/// it kills the whole group, so neither a failed connection nor a failed test leaves a browser
/// behind (a leaked one once held a CI job's output open until it timed out).
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.0.wait();
    }
}

/// A browser, or `None` (with a note) where Chromium is not installed and none is required.
pub(crate) async fn browser() -> Option<Browser> {
    let installed =
        std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists();
    if !installed {
        assert!(
            std::env::var_os("REQUIRE_BROWSER").is_none(),
            "REQUIRE_BROWSER is set but {CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)"
        );
        eprintln!("browser tests skipped: install chromium and chromium-driver to run them");
        return None;
    }
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        l.local_addr().expect("addr").port()
    };
    // The driver and the browser run on the real clock: the wall-clock shift the CI applies to
    // the test binaries (faketime, through LD_PRELOAD) is not theirs.
    let driver = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .process_group(0)
        .env_remove("LD_PRELOAD")
        .env_remove("FAKETIME")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(Driver)
        .expect("chromedriver starts");
    let caps = json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1200,900", "--lang=zh-CN",
                // No host but this machine resolves: the network is cut off.
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
            ]
        }
    });
    let caps = match caps {
        Value::Object(m) => m,
        _ => unreachable!("an object literal"),
    };
    let url = format!("http://127.0.0.1:{port}");
    let mut last = None;
    for _ in 0..100 {
        // The driver is on this machine: plain HTTP, no TLS stack to build.
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => {
                return Some(Browser {
                    client,
                    _driver: driver,
                });
            }
            Err(e) => {
                last = Some(e);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    panic!("chromedriver did not start: {last:?}");
}

pub(crate) fn site(app: &App, path: &str) -> String {
    format!("http://{}{path}", app.addr)
}

/// A decision with a consultation open on the server's today.
async fn open_consultation(app: &App) -> String {
    let mut f = Flow::propose(app, json!({})).await;
    f.start().await;
    f.draft().await;
    f.ok(
        "SPONSOR",
        "openPublicConsultation",
        consultation(&days_ago(5), &days_ahead(30), None),
    )
    .await;
    f.id
}

async fn wait_for_receipt(c: &Client) -> String {
    for _ in 0..50 {
        let url = c.current_url().await.expect("url");
        if let Some(number) = url.path().strip_prefix("/receipts/") {
            return number.to_owned();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no receipt page");
}

pub(crate) async fn click(c: &Client, css: &str) {
    let element = c.find(Locator::Css(css)).await;
    element
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

pub(crate) async fn type_into(c: &Client, field_id: &str, text: &str) {
    let element = c.find(Locator::Id(field_id)).await;
    element
        .unwrap_or_else(|e| panic!("#{field_id}: {e}"))
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("type into #{field_id}: {e}"));
}

pub(crate) async fn body_text(c: &Client) -> String {
    c.find(Locator::Css("body"))
        .await
        .expect("body")
        .text()
        .await
        .expect("text")
}

#[tokio::test]
async fn a_person_comments_from_the_home_page_and_later_reads_the_answer_on_the_receipt() {
    let Some(b) = browser().await else { return };
    let c = &b.client;
    let app = spawn_app().await;
    let id = open_consultation(&app).await;

    c.goto(&site(&app, "/")).await.expect("home");
    click(c, &format!("a[href='/consultations/{id}']")).await;
    type_into(c, "body", "建议在小区出入口增设无障碍坡道").await;
    type_into(c, "commenter", "王女士").await;
    click(c, "button[type=submit]").await;
    let number = wait_for_receipt(c).await;
    let page = body_text(c).await;
    assert!(
        page.contains(&number) && page.contains("待研究处理"),
        "{page}"
    );

    // The sponsor sees it over GraphQL and answers it; the receipt then says so.
    let body = app
        .gql(
            Some("SPONSOR"),
            "query($id: ID!) { decision(id: $id) { version consultation { comments { id body } } } }",
            json!({"id": id}),
        )
        .await;
    let d = &body["data"]["decision"];
    assert_eq!(d["consultation"]["comments"][0]["id"], number.as_str());
    assert_eq!(
        d["consultation"]["comments"][0]["body"],
        "建议在小区出入口增设无障碍坡道"
    );
    let answered = app
        .gql(
            Some("SPONSOR"),
            "mutation($input: DisposeCommentInput!) { disposeComment(input: $input) { version } }",
            json!({"input": {"decisionId": id, "expectedVersion": d["version"], "commentId": number,
                "outcome": "ADOPTED", "reason": "已在第七条增加无障碍设施要求"}}),
        )
        .await;
    assert!(answered["errors"].is_null(), "{answered}");
    c.refresh().await.expect("reloaded");
    let page = body_text(c).await;
    assert!(
        page.contains("已采纳") && page.contains("已在第七条增加无障碍设施要求"),
        "{page}"
    );
}

#[tokio::test]
async fn the_comment_form_is_reached_filled_and_sent_by_keyboard_alone() {
    let Some(b) = browser().await else { return };
    let c = &b.client;
    let app = spawn_app().await;
    let id = open_consultation(&app).await;
    c.goto(&site(&app, &format!("/consultations/{id}")))
        .await
        .expect("page");
    // Tab from the top of the page to the opinion field, type, tab on to the button, Enter.
    let mut reached = false;
    for _ in 0..40 {
        let focused = c.active_element().await.expect("focus");
        if focused.attr("id").await.expect("id").as_deref() == Some("body") {
            focused.send_keys("键盘提交的意见").await.expect("typed");
            reached = true;
            break;
        }
        focused.send_keys(&Key::Tab).await.expect("tab");
    }
    assert!(reached, "Tab never reached the opinion field");
    let mut sent = false;
    for _ in 0..10 {
        let focused = c.active_element().await.expect("focus");
        focused.send_keys(&Key::Tab).await.expect("tab");
        let now = c.active_element().await.expect("focus");
        if now
            .tag_name()
            .await
            .expect("tag")
            .eq_ignore_ascii_case("button")
        {
            now.send_keys(&Key::Enter).await.expect("enter");
            sent = true;
            break;
        }
    }
    assert!(sent, "Tab never reached the button");
    let number = wait_for_receipt(c).await;
    assert!(body_text(c).await.contains(&number));
}

/// Every kind of public page, from the demo data: home, a draft under consultation, a receipt,
/// a published decision being executed, a catalogue and its year-end report.
async fn public_pages(app: &App) -> Vec<String> {
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
    let consultation = case("DRAFTING");
    let comment = app
        .gql(
            None,
            "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }",
            json!({"input": {"decisionId": consultation, "body": "建议夜间施工降噪"}}),
        )
        .await;
    let receipt = comment["data"]["submitPublicComment"]["id"]
        .as_str()
        .expect("comment")
        .to_owned();
    vec![
        "/".into(),
        format!("/consultations/{consultation}"),
        format!("/receipts/{receipt}"),
        format!("/decisions/{}", case("IN_EXECUTION")),
        "/catalogues/2025.html".into(),
        "/catalogues/2025/report.html".into(),
    ]
}

#[tokio::test]
async fn no_page_scrolls_sideways_in_a_375_pixel_window_or_at_200_percent_zoom() {
    let Some(b) = browser().await else { return };
    let c = &b.client;
    let app = spawn_app().await;
    let width =
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];";
    let pages = public_pages(&app).await;
    // A phone; and 200 % zoom of a 1280-pixel screen is a 640-pixel viewport, 400 % (WCAG
    // 2.1's reflow criterion, 1.4.10) a 320-pixel one.
    for window in [375, 640, 320] {
        c.set_window_size(window, 800).await.expect("resized");
        for path in &pages {
            c.goto(&site(&app, path)).await.expect("page");
            let fits = c.execute(width, vec![]).await.expect("measured");
            let (scroll, client) = (fits[0].as_i64(), fits[1].as_i64());
            // The window really is that narrow (a browser may refuse to shrink so far).
            assert!(client <= Some(window.into()), "{path}: viewport {client:?}");
            assert!(
                scroll <= client,
                "{path} at {window}px: {scroll:?} wider than {client:?}"
            );
        }
    }
    // The measure sees a page that does scroll sideways.
    // (Through the CSSOM: the pages' policy refuses inline style attributes.)
    c.execute(
        "const d = document.createElement('div'); d.style.width = '2000px'; d.textContent = 'x'; document.body.append(d);",
        vec![],
    )
    .await
        .expect("widened");
    let fits = c.execute(width, vec![]).await.expect("measured");
    assert!(fits[0].as_i64() > fits[1].as_i64(), "{fits}");
}

#[tokio::test]
async fn axe_finds_no_serious_or_critical_violation_on_any_public_page() {
    let Some(b) = browser().await else { return };
    let c = &b.client;
    let app = spawn_app().await;
    let axe = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/axe-core-4.14.1/axe.min.js"
    ))
    .expect("axe-core fixture");
    let run = "const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] }).then(r => done(
          r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))));";
    for path in public_pages(&app).await {
        c.goto(&site(&app, &path)).await.expect("page");
        c.execute(&axe, vec![]).await.expect("axe injected");
        let found = c.execute_async(run, vec![]).await.expect("axe ran");
        assert_eq!(found, json!([]), "{path}");
    }
    // axe does find a violation where there is one: a field without its label.
    c.execute(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')",
        vec![],
    )
    .await
    .expect("an unlabelled field");
    let found = c.execute_async(run, vec![]).await.expect("axe ran");
    assert!(found.to_string().contains("label"), "{found}");
}

#[tokio::test]
async fn graphiql_renders_its_editor_with_the_network_cut_off() {
    let Some(b) = browser().await else { return };
    let c = &b.client;
    let app = spawn_app().await;
    c.goto(&site(&app, "/graphql")).await.expect("page");
    let editor = c
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(".graphiql-container .graphiql-editor"))
        .await;
    assert!(
        editor.is_ok(),
        "GraphiQL did not render: {}",
        c.source().await.unwrap_or_default()
    );
}
