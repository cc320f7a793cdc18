//! Reminders (超期预警) and supervision notices (督办), issue 12: raised when the server's clock
//! crosses a threshold (the clock is set, never slept on), told to the unit that answers for the
//! deadline in the engine and over the subscription, delivered to a webhook receiver and a
//! mailbox run by the test, retried after a failure, and never sent twice — not after a restart.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use base64::Engine as _;
use decision_engine::service::{Mail, Outbound, Retry, Webhook};
use hmac::{KeyInit, Mac};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use super::calendar::{file_with_both, published};
use super::helpers::*;

const SECRET: &str = "oa-shared-secret";

/// What a receiver was sent: each request's headers and body.
type Seen = Arc<Mutex<Vec<(HeaderMap, Vec<u8>)>>>;

/// A webhook receiver on a random port that answers 500 to the first `fail` requests and 200
/// after: the organ's OA system, down once.
async fn receiver(fail: usize) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let kept = seen.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: axum::body::Bytes| {
            let kept = kept.clone();
            async move {
                let mut all = kept.lock().expect("lock");
                all.push((headers, body.to_vec()));
                if all.len() <= fail {
                    StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    StatusCode::OK
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}/hook"), seen)
}

fn webhook_to(url: &str) -> Outbound {
    Outbound::new(
        vec![Webhook {
            url: url.to_owned(),
            secret: SECRET.to_owned(),
        }],
        None,
        Retry {
            first: chrono::Duration::minutes(1),
            max_wait: chrono::Duration::hours(1),
            attempts: 5,
        },
    )
    .expect("outbound")
}

/// The signature the receiver expects, computed here from the documented recipe, not with the
/// server's function: HMAC-SHA256 of the timestamp, a dot and the body, hex.
fn expected_signature(timestamp: &str, body: &[u8]) -> String {
    let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes())
        .expect("any key length");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

const MY_REMINDERS: &str = "{ myReminders { position decisionId catalogueItemId unit deadline due threshold workingDaysBefore supervisionNumber message raisedOn deliveries { channel state attempts { attempt delivered outcome } } } }";

async fn my_reminders(app: &App, role: &str) -> Vec<Value> {
    let body = app.gql(Some(role), MY_REMINDERS, json!({})).await;
    body["data"]["myReminders"]
        .as_array()
        .unwrap_or_else(|| panic!("myReminders: {body}"))
        .clone()
}

#[tokio::test]
async fn a_reminder_crosses_its_threshold_is_delivered_signed_retried_after_a_failure_and_never_sent_twice()
 {
    let (url, seen) = receiver(1).await;
    let config = || AppConfig {
        outbound: Some(webhook_to(&url)),
        ..AppConfig::default()
    };
    let app = spawn_app_with(config()).await;
    // Published Monday 2026-06-01, a normative document: filing is due Wednesday 2026-07-01,
    // and the Henan profile reminds 5 working days ahead.
    let f = published(&app, unit_of_sponsor(), "2026-06-01").await;
    // 2026-06-23: six working days left (24, 25, 26, 29, 30 June, 1 July) — not yet.
    app.clock.set_date(day("2026-06-23"));
    assert_eq!(app.service.raise_reminders().await.expect("raise"), 0);
    assert!(my_reminders(&app, "SPONSOR").await.is_empty());
    // 2026-06-24: five left — the threshold is crossed.
    app.clock.set_date(day("2026-06-24"));
    assert_eq!(app.service.raise_reminders().await.expect("raise"), 1);
    assert_eq!(app.service.raise_reminders().await.expect("again"), 0);
    let mine = my_reminders(&app, "SPONSOR").await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    let r = &mine[0];
    assert_eq!(r["decisionId"], json!(f.id));
    assert_eq!(r["unit"], "区住房和城乡建设局");
    assert_eq!(r["deadline"], "FILING");
    assert_eq!(r["due"], "2026-07-01");
    assert_eq!(r["threshold"], "BEFORE");
    assert_eq!(r["workingDaysBefore"], 5);
    assert_eq!(r["raisedOn"], "2026-06-24");
    let message = r["message"].as_str().expect("message");
    assert!(message.contains("将于2026-07-01届满"), "{message}");
    assert!(message.contains("提前5个工作日"), "{message}");
    assert_eq!(r["deliveries"][0]["state"], "PENDING");
    // Another unit's account is not told.
    assert!(my_reminders(&app, "OTHER_SPONSOR").await.is_empty());

    let counted = |page: &str| {
        (
            super::metrics::value(page, r#"reminders_raised_total{threshold="BEFORE"}"#),
            super::metrics::value(
                page,
                r#"reminder_deliveries_total{channel="WEBHOOK",outcome="failed"}"#,
            ),
            super::metrics::value(
                page,
                r#"reminder_deliveries_total{channel="WEBHOOK",outcome="delivered"}"#,
            ),
        )
    };
    let (raised, failed, delivered) = counted(&super::metrics::page(&app, Some("ADMIN")).await.1);
    assert!(raised >= 1.0, "a raised reminder is counted");

    // The receiver fails the first request: recorded, and due again a minute later.
    assert_eq!(app.service.deliver_reminders().await.expect("deliver"), 0);
    assert_eq!(seen.lock().expect("lock").len(), 1);
    assert_eq!(app.service.deliver_reminders().await.expect("not due"), 0);
    assert_eq!(
        seen.lock().expect("lock").len(),
        1,
        "retried before its time"
    );
    app.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(app.service.deliver_reminders().await.expect("retry"), 1);
    let requests = seen.lock().expect("lock").clone();
    assert_eq!(requests.len(), 2);
    for (i, (headers, body)) in requests.iter().enumerate() {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_else(|| panic!("no {name}"))
                .to_owned()
        };
        let timestamp = header("x-decision-timestamp");
        assert_eq!(
            header("x-decision-signature"),
            expected_signature(&timestamp, body),
            "request {i} is not signed with the shared secret"
        );
        let payload: Value = serde_json::from_slice(body).expect("json");
        assert_eq!(payload["decisionId"], json!(f.id));
        assert_eq!(payload["threshold"], "BEFORE_5");
        assert_eq!(payload["deadline"], "FILING");
        assert_eq!(payload["unit"], "区住房和城乡建设局");
        assert_eq!(payload["attempt"], i + 1);
        assert_eq!(payload["message"], json!(message));
    }
    // The same delivery both times, so the receiver can tell a retry from a new reminder.
    assert_eq!(
        requests[0].0.get("x-decision-delivery"),
        requests[1].0.get("x-decision-delivery")
    );
    // Other tests' servers share the process's metrics: at least these.
    let (_, now_failed, now_delivered) =
        counted(&super::metrics::page(&app, Some("ADMIN")).await.1);
    assert!(now_failed >= failed + 1.0 && now_delivered >= delivered + 1.0);
    let deliveries = &my_reminders(&app, "SPONSOR").await[0]["deliveries"];
    assert_eq!(deliveries[0]["channel"], "WEBHOOK");
    assert_eq!(deliveries[0]["state"], "DELIVERED");
    assert_eq!(
        deliveries[0]["attempts"],
        json!([
            {"attempt": 1, "delivered": false, "outcome": "HTTP 500"},
            {"attempt": 2, "delivered": true, "outcome": "HTTP 200"},
        ])
    );

    // A restarted server (a new service over the same database) raises and sends nothing again.
    let restarted = app.another_server(config()).await;
    assert_eq!(restarted.service.raise_reminders().await.expect("raise"), 0);
    app.clock.advance(chrono::Duration::hours(2));
    assert_eq!(
        restarted
            .service
            .deliver_reminders()
            .await
            .expect("deliver"),
        0
    );
    assert_eq!(seen.lock().expect("lock").len(), 2);

    // Passed unmet: the second threshold, once, on either server.
    app.clock.set_date(day("2026-07-02"));
    let (a, b) = tokio::join!(
        app.service.raise_reminders(),
        restarted.service.raise_reminders()
    );
    assert_eq!(a.expect("raise") + b.expect("raise"), 1);
    let (a, b) = tokio::join!(
        app.service.deliver_reminders(),
        restarted.service.deliver_reminders()
    );
    assert_eq!(a.expect("deliver") + b.expect("deliver"), 1);
    let requests = seen.lock().expect("lock").clone();
    assert_eq!(requests.len(), 3);
    let payload: Value = serde_json::from_slice(&requests[2].1).expect("json");
    assert_eq!(payload["threshold"], "PASSED");
    let mine = my_reminders(&app, "SPONSOR").await;
    assert_eq!(mine[0]["threshold"], "PASSED");
    assert!(
        mine[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("已于2026-07-01届满，尚未办理")),
        "{mine:?}"
    );
}

fn unit_of_sponsor() -> &'static str {
    "区住房和城乡建设局"
}

const NOTICE: &str = "mutation($input: IssueSupervisionNoticeInput!) { issueSupervisionNotice(input: $input) { version supervisionNotices { number issuedOn deadline due unit newDate requirement } } }";

#[tokio::test]
async fn a_supervision_notice_goes_to_the_unit_answering_for_a_late_deadline_and_only_then() {
    let app = spawn_app().await;
    let mut f = published(&app, unit_of_sponsor(), "2026-06-01").await;
    let id = f.id.clone();
    let notice = |version: i64, issued_on: &str, new_date: &str| {
        json!({"input": {
            "decisionId": id, "expectedVersion": version, "issuedOn": issued_on,
            "deadline": "FILING", "due": "2026-07-01", "newDate": new_date,
            "requirement": "立即向两个备案机关报送备案",
        }})
    };
    let version = f.version;
    // Before the deadline has passed there is nothing to supervise.
    app.clock.set_date(day("2026-07-01"));
    let body = app
        .gql(
            Some("SECRETARIAT"),
            NOTICE,
            notice(version, "2026-07-01", "2026-07-08"),
        )
        .await;
    let r = refusal(&body);
    assert_eq!(r.code, "RULE_VIOLATION");
    assert_eq!(r.rule.as_deref(), Some("supervision.late_item"));
    assert_eq!(
        r.article.as_deref(),
        Some("第三十四条、第三十九条、第四十条")
    );
    assert_eq!(
        r.message,
        "督办只能针对督办之日已经逾期、尚未办理的期限；本决策没有于2026-07-01到期而未办理的“决策备案”（第三十四条、第三十九条、第四十条，supervision.late_item）"
    );
    app.clock.set_date(day("2026-07-03"));
    // Only the government office supervises.
    let body = app
        .gql(
            Some("SPONSOR"),
            NOTICE,
            notice(version, "2026-07-03", "2026-07-08"),
        )
        .await;
    assert_eq!(refusal(&body).code, "FORBIDDEN");
    // The new date comes after the notice.
    let body = app
        .gql(
            Some("SECRETARIAT"),
            NOTICE,
            notice(version, "2026-07-03", "2026-07-03"),
        )
        .await;
    let r = refusal(&body);
    assert_eq!(r.rule.as_deref(), Some("supervision.late_item"));
    assert!(
        r.message.starts_with("督办应当确定晚于督办日期的办理期限"),
        "{}",
        r.message
    );
    // No such deadline: another due date.
    let mut other = notice(version, "2026-07-03", "2026-07-08");
    other["input"]["due"] = json!("2026-06-30");
    let r = refusal(&app.gql(Some("SECRETARIAT"), NOTICE, other).await);
    assert_eq!(r.rule.as_deref(), Some("supervision.late_item"));

    // The unit subscribes, then the office issues the notice on the late filing. From position
    // 0: the unit has no reminder yet, and a subscription still starting while the act commits
    // would otherwise begin after whatever was raised first (a race CI once lost).
    assert!(my_reminders(&app, "SPONSOR").await.is_empty());
    let mut ws = subscribe(
        &app,
        &app.tokens["SPONSOR"],
        "subscription { reminders(after: 0) { threshold supervisionNumber unit message } }",
    )
    .await;
    let body = app
        .gql(
            Some("SECRETARIAT"),
            NOTICE,
            notice(version, "2026-07-03", "2026-07-08"),
        )
        .await;
    let d = &body["data"]["issueSupervisionNotice"];
    assert_eq!(
        d["supervisionNotices"],
        json!([{
            "number": 1, "issuedOn": "2026-07-03", "deadline": "FILING", "due": "2026-07-01",
            // The unit the record says answers for the filing, not one the office typed.
            "unit": "区住房和城乡建设局", "newDate": "2026-07-08",
            "requirement": "立即向两个备案机关报送备案",
        }]),
        "{body}"
    );
    f.version = d["version"].as_i64().expect("version");
    // Told at once, not at the next sweep: over the subscription and in myReminders. (No sweep
    // ran since the filing fell due, so the unit hears that it passed, then of the notice.)
    let mut heard = Vec::new();
    while let Some(m) = next_message(&mut ws, Duration::from_secs(10)).await {
        heard.push(m["payload"]["data"]["reminders"].clone());
        if heard.len() == 2 {
            break;
        }
    }
    assert_eq!(heard.len(), 2, "{heard:?}");
    assert_eq!(heard[0]["threshold"], "PASSED");
    let told = &heard[1];
    assert_eq!(told["threshold"], "SUPERVISION");
    assert_eq!(told["supervisionNumber"], 1);
    assert_eq!(told["unit"], "区住房和城乡建设局");
    let message = told["message"].as_str().expect("message");
    assert!(message.starts_with("【督办】"), "{message}");
    assert!(
        message.contains("请区住房和城乡建设局于2026-07-08前办理完毕"),
        "{message}"
    );
    let mine = my_reminders(&app, "SPONSOR").await;
    assert!(
        mine.iter().any(|r| r["threshold"] == "SUPERVISION"),
        "{mine:?}"
    );
    assert!(my_reminders(&app, "OTHER_SPONSOR").await.is_empty());
    // A sweep raises nothing more for it.
    let before = mine.len();
    app.service.raise_reminders().await.expect("raise");
    let after: Vec<Value> = my_reminders(&app, "SPONSOR")
        .await
        .into_iter()
        .filter(|r| r["threshold"] == "SUPERVISION")
        .collect();
    assert_eq!(after.len(), 1, "the notice's reminder is raised once");
    assert!(my_reminders(&app, "SPONSOR").await.len() >= before);

    // Once filed (late), the deadline is met: nothing left to supervise.
    file_with_both(&mut f, "2026-07-03").await;
    let body = app
        .gql(
            Some("SECRETARIAT"),
            NOTICE,
            notice(f.version, "2026-07-03", "2026-07-10"),
        )
        .await;
    assert_eq!(
        refusal(&body).rule.as_deref(),
        Some("supervision.late_item")
    );
    // The notice is in the record's history, by the office.
    let body = app
        .gql(
            Some("AUDITOR"),
            "query($id: ID!) { decision(id: $id) { history { kind actor { role } } } }",
            json!({"id": f.id}),
        )
        .await;
    let kinds: Vec<(&str, &str)> = body["data"]["decision"]["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap_or_default(),
                e["actor"]["role"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        kinds.contains(&("SUPERVISION_NOTICE_ISSUED", "SECRETARIAT")),
        "{kinds:?}"
    );
}

/// The next message of operation "1" on the socket, or `None` when none comes within `wait`.
async fn next_message(ws: &mut Socket, wait: Duration) -> Option<Value> {
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    loop {
        match tokio::time::timeout(wait, ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => return Some(serde_json::from_str(&t).expect("json")),
            Ok(Some(Ok(_))) => continue,
            Ok(other) => panic!("socket: {other:?}"),
            Err(_) => return None,
        }
    }
}

/// What an SMTP server run by the test received: each message's recipients and data.
type Mailbox = Arc<Mutex<Vec<(Vec<String>, String)>>>;

/// Just enough of an SMTP server (RFC 5321) on a random port to receive a message in the clear.
async fn smtp_server() -> (u16, Mailbox) {
    let received: Mailbox = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let kept = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let kept = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 test ESMTP\r\n").await;
                let mut rcpt = Vec::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 test\r\n",
                        "RCPT" => {
                            rcpt.push(line[8..].to_owned());
                            b"250 OK\r\n"
                        }
                        "DATA" => {
                            let _ = write.write_all(b"354 go ahead\r\n").await;
                            let mut data = String::new();
                            while let Ok(Some(l)) = lines.next_line().await {
                                if l == "." {
                                    break;
                                }
                                data.push_str(&l);
                                data.push('\n');
                            }
                            kept.lock()
                                .expect("lock")
                                .push((std::mem::take(&mut rcpt), data));
                            b"250 2.0.0 queued\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            break;
                        }
                        _ => b"250 OK\r\n",
                    };
                    if write.write_all(reply).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    (port, received)
}

#[tokio::test]
async fn a_reminder_is_mailed_to_the_mailbox_of_the_unit_that_answers_for_the_deadline() {
    let (port, received) = smtp_server().await;
    let mail = Mail {
        transport: lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(&format!(
            "smtp://127.0.0.1:{port}"
        ))
        .expect("smtp url")
        .build(),
        from: "区政府办公室 <ban@pingqiao.example.gov.cn>"
            .parse()
            .expect("from"),
        units: [
            (
                unit_of_sponsor().to_owned(),
                vec!["zhujian@pingqiao.example.gov.cn".parse().expect("mailbox")],
            ),
            (
                "区水利局".to_owned(),
                vec!["shuili@pingqiao.example.gov.cn".parse().expect("mailbox")],
            ),
        ]
        .into(),
    };
    let app = spawn_app_with(AppConfig {
        outbound: Some(Outbound::new(Vec::new(), Some(mail), Retry::default()).expect("outbound")),
        ..AppConfig::default()
    })
    .await;
    published(&app, unit_of_sponsor(), "2026-06-01").await;
    app.clock.set_date(day("2026-07-02"));
    assert_eq!(app.service.raise_reminders().await.expect("raise"), 1);
    assert_eq!(app.service.deliver_reminders().await.expect("deliver"), 1);
    let mails = received.lock().expect("lock").clone();
    assert_eq!(mails.len(), 1, "only the answering unit's mailbox");
    let (to, data) = &mails[0];
    assert_eq!(to, &["<zhujian@pingqiao.example.gov.cn>"]);
    assert!(data.contains("From: =?utf-8?"), "{data}");
    // The body, however the mailer encoded it, is the reminder's message.
    let body = data.split("\n\n").nth(1).expect("a body").replace('\n', "");
    let text = base64::engine::general_purpose::STANDARD
        .decode(body.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or(body);
    assert!(
        text.contains("【逾期提醒】") && text.contains("已于2026-07-01届满，尚未办理"),
        "{data}"
    );
    let deliveries = &my_reminders(&app, "SPONSOR").await[0]["deliveries"];
    assert_eq!(deliveries[0]["channel"], "EMAIL");
    assert_eq!(deliveries[0]["state"], "DELIVERED");
    assert_eq!(deliveries[0]["attempts"][0]["outcome"], "SMTP 250");
}

#[tokio::test]
async fn a_catalogue_item_no_decision_has_decided_is_reminded_to_its_lead_unit() {
    let app = spawn_app().await;
    // Items planned for March (房票安置实施办法, already late on 2026-06-15) and September, both
    // led by the sponsor's unit; no decision decides either.
    let (_, september, march) = super::catalogue::Cat::published(&app).await;
    assert_eq!(app.service.raise_reminders().await.expect("raise"), 1);
    let mine = my_reminders(&app, "SPONSOR").await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0]["catalogueItemId"], json!(march));
    assert_eq!(mine[0]["decisionId"], Value::Null);
    assert_eq!(mine[0]["deadline"], "CATALOGUE_PLANNED_TIME");
    assert_eq!(mine[0]["due"], "2026-03-31");
    assert_eq!(mine[0]["threshold"], "PASSED");
    let message = mine[0]["message"].as_str().expect("message");
    assert!(message.contains("《房票安置实施办法》"), "{message}");
    assert!(message.contains("第三十八条第二款"), "{message}");
    // September's month-end is far off on the 1st; ten working days ahead, the lead unit hears.
    app.clock.set_date(day("2026-09-01"));
    assert_eq!(app.service.raise_reminders().await.expect("raise"), 0);
    app.clock.set_date(day("2026-09-29"));
    assert_eq!(app.service.raise_reminders().await.expect("raise"), 1);
    let mine = my_reminders(&app, "SPONSOR").await;
    assert_eq!(mine[0]["catalogueItemId"], json!(september));
    assert_eq!(mine[0]["due"], "2026-09-30");
    assert_eq!(mine[0]["threshold"], "BEFORE");
    assert_eq!(mine[0]["workingDaysBefore"], 10);
    assert_eq!(app.service.raise_reminders().await.expect("again"), 0);
}
