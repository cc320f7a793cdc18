//! The procedure core stays pure: no database, no API framework, no runtime, no clock, no I/O.

use std::fs;
use std::path::Path;

const FORBIDDEN: [&str; 12] = [
    "sea_orm",
    "async_graphql",
    "axum",
    "tokio",
    "reqwest",
    "std::fs",
    "std::net",
    "std::io",
    "std::env",
    "SystemTime",
    "Utc::now",
    "Local::now",
];

#[test]
fn the_procedure_core_imports_nothing_with_side_effects() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/procedure");
    let mut checked = 0;
    for entry in fs::read_dir(&dir).expect("src/procedure exists") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("readable");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in FORBIDDEN {
                assert!(
                    !code.contains(word),
                    "{}:{}: the pure core mentions `{word}`",
                    path.display(),
                    n + 1
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 5, "expected the core's files, found {checked}");
}
