//! The binary as an operator uses it: accounts from the command line, the SDL on stdout.

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
            "--unit",
            "区司法局",
            "--role",
            "COUNSEL",
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
    let actor = store
        .actor_for_token(&token)
        .await
        .expect("query")
        .expect("account found");
    assert_eq!(actor.name, "赵律师");

    let list = bin()
        .args(["account", "list"])
        .env("DATABASE_URL", &url)
        .output()
        .expect("runs");
    let listed = String::from_utf8(list.stdout).expect("utf-8");
    assert!(listed.contains("赵律师") && listed.contains("COUNSEL") && !listed.contains(&token));

    let revoke = bin()
        .args(["account", "revoke", &actor.id])
        .env("DATABASE_URL", &url)
        .output()
        .expect("runs");
    assert!(revoke.status.success());
    assert!(
        store
            .actor_for_token(&token)
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
