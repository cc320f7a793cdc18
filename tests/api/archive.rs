//! The archive package (Art. 33) as officials and operators take it out — over HTTP and from the
//! command line — and `decision-engine verify` checking it with no database: the package as
//! exported passes; one byte changed in an event or a material, an event or a comment removed,
//! each fails naming the place. And the whole database verified from the command line.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::json;

use crate::helpers::*;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_decision-engine"))
}

/// A decision taken to the archive: a public comment disposed of, its documents attached.
async fn archived(app: &App) -> String {
    let mut f = Flow::propose(app, json!({})).await;
    f.start().await;
    f.draft().await;
    f.open_consultation().await;
    for body in ["建议加装电梯", "建议增设停车位"] {
        let c = app
            .on_day(
                App::during_consultation(),
                app.gql(
                    None,
                    "mutation($input: SubmitPublicCommentInput!) { submitPublicComment(input: $input) { id } }",
                    json!({"input": {"decisionId": f.id, "body": body, "commenter": "居民王某"}}),
                ),
            )
            .await;
        let id = c["data"]["submitPublicComment"]["id"]
            .as_str()
            .expect("comment")
            .to_owned();
        f.ok(
            "SPONSOR",
            "disposeComment",
            json!({"commentId": id, "outcome": "ADOPTED", "reason": "已纳入改造内容"}),
        )
        .await;
    }
    f.close_consultation().await;
    f.experts().await;
    f.risk().await;
    f.fair_competition().await;
    f.request_review().await;
    f.counsel_opinion().await;
    f.conclude_review("LAWFUL").await.expect("review concludes");
    f.meeting().await.expect("meeting recorded");
    f.party_report().await;
    f.publish().await;
    f.ok(
        "SECRETARIAT",
        "startExecution",
        json!({"startedOn": days_ago(0), "executingUnit": "区住房和城乡建设局"}),
    )
    .await;
    f.ok(
        "SPONSOR",
        "reportExecution",
        json!({"reportedOn": days_ago(0), "summary": "42个小区全部完成", "completed": true}),
    )
    .await;
    f.attach_required().await;
    assert_eq!(
        f.ok(
            "SECRETARIAT",
            "archiveDecision",
            json!({"archivedOn": days_ago(0)})
        )
        .await,
        "ARCHIVED"
    );
    f.id
}

fn verify(file: &Path) -> Output {
    bin().arg("verify").arg(file).output().expect("runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A copy of the package with `edit` applied to each entry's bytes (`None` drops the entry).
fn tampered(from: &Path, to: PathBuf, edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) -> PathBuf {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).expect("open")).expect("zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&to).expect("create"));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().expect("name").into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        if let Some(bytes) = edit(&name, bytes) {
            out.start_file(&name, zip::write::SimpleFileOptions::default())
                .expect("start");
            out.write_all(&bytes).expect("write");
        }
    }
    out.finish().expect("finish");
    to
}

/// `lines` without its line `n` (from 1).
fn without_line(bytes: Vec<u8>, n: usize) -> Vec<u8> {
    let text = String::from_utf8(bytes).expect("utf-8");
    let kept: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(i, _)| i + 1 != n)
        .map(|(_, l)| l)
        .collect();
    format!("{}\n", kept.join("\n")).into_bytes()
}

#[tokio::test]
async fn an_exported_package_verifies_offline_and_each_kind_of_tampering_is_named() {
    let app = spawn_app().await;
    let id = archived(&app).await;
    let dir = tempfile::tempdir().expect("temp dir");

    // Downloaded by the government office, over HTTP.
    let got = app
        .http
        .get(format!("http://{}/archives/{id}", app.addr))
        .bearer_auth(&app.tokens["SECRETARIAT"])
        .send()
        .await
        .expect("sent");
    assert_eq!(got.status(), 200);
    assert_eq!(got.headers()["content-type"], "application/zip");
    let package = dir.path().join("package.zip");
    std::fs::write(&package, got.bytes().await.expect("body")).expect("saved");
    let out = verify(&package);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("完好"), "{}", text(&out));

    // What is inside: the manifest with the chain's head, the rows, every material, the pages.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&package).expect("open")).expect("zip");
    let manifest: serde_json::Value =
        serde_json::from_reader(zip.by_name("manifest.json").expect("manifest")).expect("JSON");
    let d = &manifest["decisions"][0];
    assert_eq!(d["id"], json!(id));
    assert_eq!(
        d["headHash"]
            .as_str()
            .or(d["head_hash"].as_str())
            .map(str::len),
        Some(64)
    );
    let materials = d["materials"].as_array().expect("materials").len();
    assert!(materials >= 7, "{materials} materials");
    let mut record = String::new();
    zip.by_name("record.html")
        .expect("record")
        .read_to_string(&mut record)
        .expect("read");
    for expected in [
        "提出决策事项",
        "集体讨论决定",
        "合法性审查",
        "建议加装电梯",
        "采纳：已纳入改造内容",
        "卷内目录",
    ] {
        assert!(record.contains(expected), "record.html lacks {expected}");
    }
    drop(zip);

    // One byte of an event changed (the actor's name of event 3): the chain breaks there.
    let edited = tampered(&package, dir.path().join("event.zip"), |name, bytes| {
        Some(if name == "events.jsonl" {
            let text = String::from_utf8(bytes).expect("utf-8");
            let lines: Vec<String> = text
                .lines()
                .enumerate()
                .map(|(i, l)| {
                    if i == 2 {
                        l.replacen("用户", "用戸", 1)
                    } else {
                        l.to_owned()
                    }
                })
                .collect();
            format!("{}\n", lines.join("\n")).into_bytes()
        } else {
            bytes
        })
    });
    let out = verify(&edited);
    assert!(!out.status.success());
    assert!(
        text(&out).contains(&format!("决策 {id}：第3个事件与哈希链不符")),
        "{}",
        text(&out)
    );

    // One byte of a material changed: named by its number.
    let edited = tampered(
        &package,
        dir.path().join("material.zip"),
        |name, mut bytes| {
            if name == "materials/0001.pdf" {
                let last = bytes.len() - 2;
                bytes[last] ^= 1;
            }
            Some(bytes)
        },
    );
    let out = verify(&edited);
    assert!(!out.status.success());
    assert!(text(&out).contains("第1份材料"), "{}", text(&out));
    assert!(
        text(&out).contains("与过程记录所载摘要不符"),
        "{}",
        text(&out)
    );

    // An event removed: the chain breaks where it was.
    let edited = tampered(&package, dir.path().join("removed.zip"), |name, bytes| {
        Some(if name == "events.jsonl" {
            without_line(bytes, 5)
        } else {
            bytes
        })
    });
    let out = verify(&edited);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("第5个事件与哈希链不符"),
        "{}",
        text(&out)
    );

    // A comment removed: the chain of the public's messages breaks at its place.
    let edited = tampered(&package, dir.path().join("comment.zip"), |name, bytes| {
        Some(if name == "messages.jsonl" {
            without_line(bytes, 1)
        } else {
            bytes
        })
    });
    let out = verify(&edited);
    assert!(!out.status.success());
    assert!(text(&out).contains("第1条公众来信"), "{}", text(&out));

    // The human-readable record edited: the manifest's digest no longer matches.
    let edited = tampered(&package, dir.path().join("page.zip"), |name, bytes| {
        Some(if name == "record.html" {
            String::from_utf8(bytes)
                .expect("utf-8")
                .replace("同意", "反对")
                .into_bytes()
        } else {
            bytes
        })
    });
    let out = verify(&edited);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("文件 record.html 与清单所载摘要不符"),
        "{}",
        text(&out)
    );
}

#[tokio::test]
async fn only_officials_whose_post_covers_the_record_download_its_package() {
    let app = spawn_app().await;
    let f = Flow::propose(&app, json!({})).await;
    let url = format!("http://{}/archives/{}", app.addr, f.id);
    let anonymous = app.http.get(&url).send().await.expect("sent");
    assert_eq!(anonymous.status(), 401);
    let other = app
        .http
        .get(&url)
        .bearer_auth(&app.tokens["TOWN_SECRETARIAT"])
        .send()
        .await
        .expect("sent");
    assert_eq!(other.status(), 404);
    let body: serde_json::Value = other.json().await.expect("JSON");
    assert_eq!(refusal(&body).code, "NOT_FOUND");
}

#[tokio::test]
async fn the_command_line_exports_a_decision_and_a_year_and_verifies_the_whole_database() {
    let app = spawn_app().await;
    let id = archived(&app).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let materials = app.data_dir().join("materials");
    let run = |args: &[&str]| {
        bin()
            .args(args)
            .arg("--materials")
            .arg(&materials)
            .env("DATABASE_URL", &app.database_url)
            .output()
            .expect("runs")
    };
    let one = dir.path().join("one.zip");
    let out = run(&[
        "export",
        "--decision",
        &id,
        "--out",
        one.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(verify(&one).status.success(), "{}", text(&verify(&one)));
    // The year the test's decisions were archived in (the server's clock).
    let year = today().format("%Y").to_string();
    let all = dir.path().join("year.zip");
    let out = run(&[
        "export",
        "--year",
        &year,
        "--out",
        all.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let out = verify(&all);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("1 个决策"), "{}", text(&out));

    // The database as it stands: intact.
    let out = run(&["verify"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("完好"), "{}", text(&out));

    // A stored material's bytes replaced on the disk: named.
    let d = app.decision(&id).await;
    let sha = d["materials"][0]["sha256"]
        .as_str()
        .expect("sha")
        .to_owned();
    let stored = materials.join("sha256").join(&sha[..2]).join(&sha);
    std::fs::write(&stored, pdf("换掉的文件")).expect("replaced");
    let out = run(&["verify"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains(&format!("决策 {id}：第1份材料")),
        "{}",
        text(&out)
    );
    // And an event edited by someone who owns the database: named by its place.
    app.drop_record_guards().await;
    sea_orm::ConnectionTrait::execute_unprepared(
        app.store.connection(),
        &format!(
            "UPDATE decision_events SET actor_name = '某人' WHERE decision_id = '{id}' AND seq = 4"
        ),
    )
    .await
    .expect("edited");
    let out = run(&["verify"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains(&format!("决策 {id}：第4个事件与哈希链不符")),
        "{}",
        text(&out)
    );
}

/// The link hash of `store::chain` (scheme 2), written out again here as an auditor would from
/// its documentation: what someone holding the database needs to rewrite a chain consistently.
fn scheme_2_hash(prev: &str, e: &entities::decision_event::Model) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for part in [
        "scheme 2",
        prev,
        &e.decision_id,
        &e.seq.to_string(),
        &e.kind,
        &e.actor_id,
        &e.actor_name,
        &e.actor_unit,
        &e.actor_role,
        e.actor_on_behalf.as_deref().unwrap_or_default(),
        &e.occurred_on.map(|d| d.to_string()).unwrap_or_default(),
        &e.recorded_at.to_rfc3339(),
        &e.payload,
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex::encode(h.finalize())
}

#[tokio::test]
async fn a_chain_rewritten_consistently_passes_its_own_check_but_not_a_checkpoint_kept_elsewhere() {
    use sea_orm::{
        ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
        QueryOrder,
    };
    let app = spawn_app().await;
    let id = archived(&app).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let key = dir.path().join("checkpoint.key");
    let materials = app.data_dir().join("materials");
    let run = |args: &[&str]| {
        bin()
            .args(args)
            .arg("--materials")
            .arg(&materials)
            .arg("--checkpoint-key")
            .arg(&key)
            .env("DATABASE_URL", &app.database_url)
            .output()
            .expect("runs")
    };
    let out = run(&["checkpoint", "keygen", "--out", key.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out));
    let public = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert_eq!(public.len(), 64, "{public}");
    let out = run(&["checkpoint", "make"]);
    assert!(out.status.success(), "{}", text(&out));
    let kept = dir.path().join("checkpoint.json");
    let out = run(&[
        "checkpoint",
        "export",
        "--out",
        kept.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let against = [
        "--checkpoint",
        kept.to_str().expect("path"),
        "--public-key",
        &public,
    ];
    let out = run(&[&["verify"], &against[..]].concat());
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("对照检查点"), "{}", text(&out));

    // Someone holding the database rewrites the chain from event 3 on, every hash recomputed.
    app.drop_record_guards().await;
    let db = app.store.connection();
    let events = entities::decision_event::Entity::find()
        .filter(entities::decision_event::Column::DecisionId.eq(&id))
        .order_by_asc(entities::decision_event::Column::Seq)
        .all(db)
        .await
        .expect("events");
    let mut prev = events[1].hash.clone();
    for e in events.into_iter().skip(2) {
        let mut edited = e.clone();
        if edited.seq == 3 {
            edited.actor_name = "另一个人".into();
        }
        edited.hash = scheme_2_hash(&prev, &edited);
        prev = edited.hash.clone();
        let mut row = e.into_active_model();
        row.actor_name = Set(edited.actor_name);
        row.hash = Set(edited.hash);
        row.update(db).await.expect("rewritten");
    }
    let mut head = entities::decision::Entity::find_by_id(&id)
        .one(db)
        .await
        .expect("query")
        .expect("decision")
        .into_active_model();
    head.last_hash = Set(prev);
    head.update(db).await.expect("head moved");

    // Its own check cannot tell; the checkpoint can, with the database and with a package.
    let out = run(&["verify"]);
    assert!(out.status.success(), "{}", text(&out));
    let out = run(&[&["verify"], &against[..]].concat());
    assert!(!out.status.success());
    assert!(
        text(&out).contains(&format!("决策 {id}：第")) && text(&out).contains("与检查点"),
        "{}",
        text(&out)
    );
    let package = dir.path().join("after.zip");
    let out = run(&[
        "export",
        "--decision",
        &id,
        "--out",
        package.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let out = bin()
        .arg("verify")
        .arg(&package)
        .args(against)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(text(&out).contains("哈希链被改写"), "{}", text(&out));

    // A checkpoint altered, or signed by another key, is refused as such.
    let mut forged: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&kept).expect("read")).expect("JSON");
    forged["body"] = json!(
        forged["body"]
            .as_str()
            .expect("body")
            .replace("\"count\":", "\"count\": ")
    );
    std::fs::write(&kept, forged.to_string()).expect("written");
    let out = run(&[&["verify"], &against[..]].concat());
    assert!(!out.status.success());
    assert!(text(&out).contains("签名无效"), "{}", text(&out));
}
