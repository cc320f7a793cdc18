//! Materials (Art. 33) over HTTP: uploaded by the GraphQL multipart request spec, stored under
//! the SHA-256 the server computed, downloaded by officials whose post covers the decision,
//! refused whole when over the limit or of a type the deployment does not accept.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::*;

fn materials(body: &Value) -> &Vec<Value> {
    body["data"]["attachMaterial"]["materials"]
        .as_array()
        .unwrap_or_else(|| panic!("no materials in {body}"))
}

#[tokio::test]
async fn a_material_is_uploaded_hashed_and_downloaded_by_those_who_see_the_record() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    let bytes = {
        let mut b = pdf("起草说明");
        b.extend(std::iter::repeat_n(b'x', 300_000));
        b
    };
    let body = f
        .upload(
            "SPONSOR",
            "DRAFT_TEXT",
            "决策草案及起草说明.pdf",
            bytes.clone(),
        )
        .await;
    let m = &materials(&body)[0];
    let expected = hex::encode(Sha256::digest(&bytes));
    assert_eq!(m["sha256"], json!(expected));
    assert_eq!(m["size"], json!(bytes.len()));
    assert_eq!(m["mediaType"], json!("application/pdf"));
    assert_eq!(m["name"], json!("决策草案及起草说明.pdf"));
    assert_eq!(m["number"], json!(1));
    // The act is in the history, and the chain covers the hash.
    let d = app.decision(&f.id).await;
    let history = d["history"].as_array().expect("history");
    assert_eq!(
        history.last().expect("an event")["kind"],
        "MATERIAL_ATTACHED"
    );

    let path = m["downloadPath"].as_str().expect("downloadPath");
    let got = app
        .http
        .get(format!("http://{}{path}", app.addr))
        .bearer_auth(&app.tokens["AUDITOR"])
        .send()
        .await
        .expect("sent");
    assert_eq!(got.status(), 200);
    assert_eq!(got.headers()["content-type"], "application/pdf");
    assert_eq!(got.headers()["x-content-sha256"], expected.as_str());
    assert!(
        got.headers()["content-disposition"]
            .to_str()
            .expect("ASCII")
            .starts_with("attachment; filename*=UTF-8''%E5%86%B3"),
    );
    let downloaded = got.bytes().await.expect("body");
    assert_eq!(hex::encode(Sha256::digest(&downloaded)), expected);

    // No token, the public: nothing; another organ's official: the decision is not theirs.
    let anonymous = app
        .http
        .get(format!("http://{}{path}", app.addr))
        .send()
        .await
        .expect("sent");
    assert_eq!(anonymous.status(), 401);
    let other = app
        .http
        .get(format!("http://{}{path}", app.addr))
        .bearer_auth(&app.tokens["TOWN_SECRETARIAT"])
        .send()
        .await
        .expect("sent");
    assert_eq!(other.status(), 404);
    let body: Value = other.json().await.expect("JSON");
    assert_eq!(refusal(&body).code, "NOT_FOUND");
}

#[tokio::test]
async fn a_material_over_the_limit_or_of_another_type_is_refused_and_nothing_is_kept() {
    let app = spawn_app_with(AppConfig {
        material_policy: Some(
            decision_engine::service::MaterialPolicy::parse("pdf,png", 1).expect("policy"),
        ),
        ..AppConfig::default()
    })
    .await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    let version = f.version;
    // One byte over 1 MiB: refused by the service, its size named.
    let mut big = pdf("大文件");
    big.resize((1 << 20) + 1, b' ');
    let err = refusal(&f.upload("SPONSOR", "DRAFT_TEXT", "草案.pdf", big).await);
    assert_eq!(err.code, "MATERIAL_TOO_LARGE", "{err:?}");
    assert!(err.message.contains("1048577字节"), "{err:?}");
    // Far over: the read stops at the limit.
    let mut huge = pdf("更大的文件");
    huge.resize(3 << 20, b' ');
    let err = refusal(&f.upload("SPONSOR", "DRAFT_TEXT", "草案.pdf", huge).await);
    assert_eq!(err.code, "MATERIAL_TOO_LARGE", "{err:?}");
    // A type the deployment does not take, and a file that is not what its name says.
    let err = refusal(
        &f.upload("SPONSOR", "DRAFT_TEXT", "草案.exe", b"MZ\x90\x00".to_vec())
            .await,
    );
    assert_eq!(err.code, "MATERIAL_TYPE_NOT_ALLOWED", "{err:?}");
    assert!(err.message.contains("pdf、png"), "{err:?}");
    let err = refusal(
        &f.upload(
            "SPONSOR",
            "DRAFT_TEXT",
            "草案.pdf",
            b"<html>not a pdf</html>".to_vec(),
        )
        .await,
    );
    assert_eq!(err.code, "MATERIAL_TYPE_NOT_ALLOWED", "{err:?}");
    // Nothing was attached, and nothing was stored.
    let d = app.decision(&f.id).await;
    assert_eq!(d["version"], json!(version));
    assert_eq!(d["materials"], json!([]));
    let stored = walk(&app.data_dir().join("materials"));
    assert_eq!(stored, 0, "files stored for refused uploads");
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| {
                let p = e.path();
                if p.is_dir() { walk(&p) } else { 1 }
            })
            .sum()
    })
}

#[tokio::test]
async fn a_document_is_attached_only_by_the_role_that_forms_it_and_only_with_a_token() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    let err = refusal(
        &f.upload("SPONSOR", "REVIEW_OPINION", "审查意见书.pdf", pdf("审查"))
            .await,
    );
    assert_eq!(err.code, "FORBIDDEN", "{err:?}");
    assert!(err.message.contains("上传合法性审查意见书"), "{err:?}");
    // The fields beside the file are bounded as every act's are.
    let long = "长".repeat(501);
    let err = refusal(
        &app.upload(
            "SPONSOR",
            json!({"decisionId": f.id, "expectedVersion": f.version, "kind": "OTHER", "dated": days_ago(0), "note": "说".repeat(20_001)}),
            "x.pdf",
            pdf("x"),
        )
        .await,
    );
    assert_eq!(err.code, "INVALID_INPUT", "{err:?}");
    assert!(err.message.contains("说明过长"), "{err:?}");
    let err = refusal(
        &f.upload("SPONSOR", "OTHER", &format!("{long}.pdf"), pdf("x"))
            .await,
    );
    assert_eq!(err.code, "INVALID_INPUT", "{err:?}");
    assert!(err.message.contains("文件名过长"), "{err:?}");
    // A multipart body without a token is not read: a web page could make a browser send one.
    let operations = json!({"query": ATTACH, "variables": {"input": {}, "file": null}});
    let form = reqwest::multipart::Form::new()
        .text("operations", operations.to_string())
        .text("map", json!({"0": ["variables.file"]}).to_string())
        .part(
            "0",
            reqwest::multipart::Part::bytes(pdf("x")).file_name("x.pdf"),
        );
    let answer = app
        .http
        .post(app.url())
        .multipart(form)
        .send()
        .await
        .expect("sent");
    assert_eq!(answer.status(), 415);
}

#[tokio::test]
async fn an_archive_is_refused_with_the_missing_documents_listed_then_accepted() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.in_execution().await;
    f.ok(
        "SPONSOR",
        "reportExecution",
        json!({"reportedOn": days_ago(0), "summary": "42个小区全部完成", "completed": true}),
    )
    .await;
    let archive = json!({"archivedOn": days_ago(0)});
    let err = f
        .act("SECRETARIAT", "archiveDecision", archive.clone())
        .await
        .expect_err("documents missing");
    assert_eq!(
        (
            err.code.as_str(),
            err.rule.as_deref(),
            err.article.as_deref()
        ),
        (
            "RULE_VIOLATION",
            Some("archive.checklist"),
            Some("第三十三条")
        )
    );
    for missing in [
        "决策草案及其说明（材料）",
        "合法性审查意见书（材料）",
        "集体讨论会议纪要（材料）",
        "决策公布文本（材料）",
    ] {
        assert!(err.message.contains(missing), "{missing}: {err:?}");
    }
    f.attach_required().await;
    assert_eq!(
        f.ok("SECRETARIAT", "archiveDecision", archive).await,
        "ARCHIVED"
    );
    let d = app.decision(&f.id).await;
    assert!(
        d["requiredDocuments"]
            .as_array()
            .expect("list")
            .iter()
            .all(|r| r["attached"] == json!(true))
    );
    // An archived record is read-only: no document joins it.
    let err = refusal(&f.upload("SPONSOR", "OTHER", "补充.pdf", pdf("迟到")).await);
    assert_eq!(err.code, "INVALID_TRANSITION", "{err:?}");
}

/// Materials on S3-compatible storage (the organ's MinIO), when `TEST_S3_ENDPOINT` names such a
/// server (`.ci/run` starts moto's): added from the command line with `--materials s3://…`,
/// read back into an archive package whose verification finds the same bytes, and the whole
/// database verified against the bucket.
#[tokio::test]
async fn materials_on_s3_compatible_storage_are_stored_read_back_and_verified() {
    let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") else {
        return;
    };
    let bucket = format!("t{}", uuid::Uuid::new_v4().simple());
    let created = reqwest::Client::new()
        .put(format!("{endpoint}/{bucket}"))
        .send()
        .await
        .expect("S3 server reachable");
    assert!(created.status().is_success(), "{}", created.status());
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    f.start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("专家论证意见.pdf");
    let mut bytes = pdf("S3");
    bytes.resize(7 << 20, b'x');
    std::fs::write(&file, &bytes).expect("written");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_decision-engine"))
            .args(args)
            .args(["--materials", &format!("s3://{bucket}/materials")])
            .env("DATABASE_URL", &app.database_url)
            .env("DECISION_TOKEN", &app.tokens["SPONSOR"])
            .env("AWS_ENDPOINT", &endpoint)
            .env("AWS_ALLOW_HTTP", "true")
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_REGION", "us-east-1")
            .output()
            .expect("runs")
    };
    let shown = |out: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    let out = run(&[
        "material",
        "add",
        "--decision",
        &f.id,
        "--kind",
        "EXPERT_OPINION",
        "--dated",
        "2026-06-15",
        file.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", shown(&out));
    let package = dir.path().join("s3.zip");
    let out = run(&[
        "export",
        "--decision",
        &f.id,
        "--out",
        package.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", shown(&out));
    let out = run(&["verify", package.to_str().expect("path")]);
    assert!(out.status.success(), "{}", shown(&out));
    assert!(shown(&out).contains("1 份材料"), "{}", shown(&out));
    let out = run(&["verify"]);
    assert!(out.status.success(), "{}", shown(&out));
}
