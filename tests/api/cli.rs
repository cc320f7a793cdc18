//! The binary as an operator uses it: accounts from the command line, the SDL and the rule book
//! on stdout.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_decision-engine"))
}

#[tokio::test]
async fn a_token_made_by_account_add_authenticates_and_revoke_ends_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/cli.db", dir.path().display());
    let out = bin()
        .args([
            "account",
            "add",
            "--name",
            "赵律师",
            "--organ",
            "平桥区人民政府",
            "--unit",
            "区司法局",
            "--role",
            "COUNSEL,REVIEW_OFFICE",
            "--expires",
            "2099-12-31",
        ])
        .env("DATABASE_URL", &url)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let token = stdout
        .lines()
        .last()
        .expect("a last line")
        .trim()
        .to_owned();
    assert!(
        token.starts_with("de_") && token.len() > 40,
        "token line: {token}"
    );

    let db = decision_engine::store::connect(&url).await.expect("opens");
    let store = decision_engine::store::Store::new(db);
    let now = chrono::Utc::now();
    let actor = store
        .official_for_token(&token, now)
        .await
        .expect("query")
        .expect("account found");
    assert_eq!(actor.name, "赵律师");
    assert_eq!(actor.organ, "平桥区人民政府");
    assert_eq!(
        actor.roles,
        [
            decision_engine::procedure::Role::Counsel,
            decision_engine::procedure::Role::ReviewOffice
        ]
    );

    let list = bin()
        .args(["account", "list"])
        .env("DATABASE_URL", &url)
        .output()
        .expect("runs");
    let listed = String::from_utf8(list.stdout).expect("utf-8");
    assert!(
        listed.contains("赵律师\t平桥区人民政府\t区司法局\tCOUNSEL,REVIEW_OFFICE\tactive until 2099-12-31 16:00:00 UTC")
            && !listed.contains(&token),
        "{listed}"
    );

    let revoke = bin()
        .args(["account", "revoke", &actor.id])
        .env("DATABASE_URL", &url)
        .output()
        .expect("runs");
    assert!(revoke.status.success());
    assert!(
        store
            .official_for_token(&token, now)
            .await
            .expect("query")
            .is_none()
    );
}

#[test]
fn schema_prints_the_sdl() {
    let out = bin().arg("schema").output().expect("runs");
    assert!(out.status.success());
    let sdl = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(sdl, decision_engine::graphql::sdl());
    assert!(sdl.contains("proposeDecision(input: ProposeDecisionInput!): Decision!"));
}

#[test]
fn a_bad_profile_or_calendar_file_stops_serve_at_start_up_naming_the_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/cli.db", dir.path().display());
    let profile = dir.path().join("profile.toml");
    std::fs::write(
        &profile,
        "name = \"x\"\ntitle = \"t\"\ncategories = \"nowhere\"\n",
    )
    .expect("written");
    let calendar = dir.path().join("calendar.toml");
    std::fs::write(
        &calendar,
        "[2027]\nnotice = \"通知\"\npublished = 2026-11-01\n\n[[2027.holiday]]\nname = \"元旦\"\ndays = [2027-01-01]\nmakeup = [2027-01-04]\n",
    )
    .expect("written");
    for (flag, file, line) in [
        ("--profile", &profile, "第3行"),
        ("--calendar", &calendar, "第8行"),
    ] {
        let out = bin()
            .args(["serve", "--listen", "127.0.0.1:0", flag])
            .arg(file)
            .env("DATABASE_URL", &url)
            .output()
            .expect("runs");
        assert!(!out.status.success(), "{flag}: serve must not start");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(line), "{flag}: {stderr}");
    }
}

#[test]
fn a_profile_below_the_regulations_floor_stops_the_server_at_start_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let profile = dir.path().join("county.toml");
    let text = include_str!("../../config/profiles/national.toml")
        .replace("consultation_min_days = 30", "consultation_min_days = 5");
    std::fs::write(&profile, &text).expect("profile written");
    let line = text
        .lines()
        .position(|l| l.starts_with("consultation_min_days"))
        .expect("the key is set")
        + 1;
    let out = bin()
        .args(["serve", "--listen", "127.0.0.1:0", "--profile"])
        .arg(&profile)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/cli.db", dir.path().display()),
        )
        .output()
        .expect("runs");
    assert!(
        !out.status.success(),
        "a server started on a profile below the floor"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("第{line}行")), "{stderr}");
    assert!(stderr.contains("第十五条"), "{stderr}");
    assert!(stderr.contains("consultation_min_days = 5"), "{stderr}");
}

#[test]
fn the_rules_command_prints_the_rule_book() {
    // Needs no database: a fresh directory proves it opens none.
    let dir = tempfile::tempdir().expect("temp dir");
    let out = bin()
        .arg("rules")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/never.db", dir.path().display()),
        )
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).expect("utf-8"),
        decision_engine::procedure::rule_book()
    );
    assert!(!dir.path().join("never.db").exists());
}

/// `material add`: the same act as `attachMaterial`, with the same limits, as the official
/// whose token is given; the server then serves the file it stored.
#[tokio::test]
async fn a_material_added_from_the_command_line_is_in_the_record_and_downloads() {
    use crate::helpers::*;
    use serde_json::json;
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("风险评估报告.pdf");
    let bytes = pdf("命令行上传");
    std::fs::write(&file, &bytes).expect("written");
    let materials = app.data_dir().join("materials");
    let add = |path: &std::path::Path, max_mb: &str| {
        bin()
            .args([
                "material",
                "add",
                "--decision",
                &f.id,
                "--kind",
                "RISK_REPORT",
            ])
            .args(["--dated", "2026-06-15", "--material-max-mb", max_mb])
            .arg("--materials")
            .arg(&materials)
            .arg(path)
            .env("DATABASE_URL", &app.database_url)
            .env("DECISION_TOKEN", &app.tokens["SPONSOR"])
            .output()
            .expect("runs")
    };
    let out = add(&file, "1");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&expected),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let d = app.decision(&f.id).await;
    assert_eq!(d["materials"][0]["kind"], "RISK_REPORT");
    assert_eq!(d["materials"][0]["sha256"], json!(expected));
    let got = app
        .http
        .get(format!("http://{}/materials/{}/{expected}", app.addr, f.id))
        .bearer_auth(&app.tokens["SECRETARIAT"])
        .send()
        .await
        .expect("sent");
    assert_eq!(got.status(), 200);
    assert_eq!(got.bytes().await.expect("body").as_ref(), bytes.as_slice());

    // Over the limit: refused, in Chinese, nothing attached.
    let big = dir.path().join("扫描件.pdf");
    let mut large = pdf("大");
    large.resize((1 << 20) + 10, b' ');
    std::fs::write(&big, &large).expect("written");
    let out = add(&big, "1");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("超过大小上限"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        app.decision(&f.id).await["materials"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

/// `--log-format json`: one JSON object per line on stderr, and each line of a request carries
/// its `request_id` — the `x-request-id` the response returns (here the one the client sent).
#[tokio::test]
async fn json_logs_carry_the_request_id_the_response_returns() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().expect("temp dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut server = bin()
        .args([
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--log-format",
            "json",
        ])
        .arg("--materials")
        .arg(dir.path().join("materials"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/logs.db", dir.path().display()),
        )
        .env("RUST_LOG", "info,tower_http=debug")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    let client = reqwest::Client::new();
    let mut answered = None;
    for _ in 0..100 {
        if let Ok(r) = client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .header("x-request-id", "req-4711")
            .send()
            .await
        {
            answered = Some(r);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let answered = answered.expect("the server answered");
    assert_eq!(answered.headers()["x-request-id"], "req-4711");
    let generated = client
        .get(format!("http://127.0.0.1:{port}/healthz"))
        .send()
        .await
        .expect("answered");
    let id = generated.headers()["x-request-id"]
        .to_str()
        .expect("ASCII")
        .to_owned();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let _ = server.kill();
    let stderr = server.stderr.take().expect("stderr");
    let lines: Vec<serde_json::Value> = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .map(|l| serde_json::from_str(&l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let _ = server.wait();
    for wanted in ["req-4711", id.as_str()] {
        assert!(
            lines.iter().any(|l| l["span"]["request_id"] == wanted),
            "no line of request {wanted}: {lines:?}"
        );
    }
}
