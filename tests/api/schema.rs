//! The checked-in contracts: `schema.graphql` and `docs/RULES.md` must be exactly what the code
//! produces.

#[test]
fn the_checked_in_schema_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql");
    let checked_in = std::fs::read_to_string(path).expect("schema.graphql exists");
    let generated = decision_engine::graphql::sdl();
    assert!(
        checked_in == generated,
        "schema.graphql is stale: run `cargo run -- schema > schema.graphql` and commit it"
    );
}

#[test]
fn the_checked_in_rule_book_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/RULES.md");
    let checked_in = std::fs::read_to_string(path).expect("docs/RULES.md exists");
    let generated = decision_engine::procedure::rule_book();
    assert!(
        checked_in == generated,
        "docs/RULES.md is stale: run `cargo run -- rules > docs/RULES.md` and commit it"
    );
}
