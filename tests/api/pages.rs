//! The pages the server serves itself load nothing from anywhere else: GraphiQL works on a
//! machine with no internet access (a government intranet), its files vendored with their
//! licences.

use crate::helpers::*;

async fn get(app: &App, path: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let resp = app
        .http
        .get(format!("http://{}{path}", app.addr))
        .send()
        .await
        .expect("sent");
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    (status, headers, resp.text().await.expect("body"))
}

/// The values of `attr="…"` in a page.
fn attributes<'a>(page: &'a str, attr: &str) -> Vec<&'a str> {
    let open = format!("{attr}=\"");
    page.match_indices(&open)
        .filter_map(|(at, _)| page[at + open.len()..].split('"').next())
        .collect()
}

#[tokio::test]
async fn graphiql_loads_every_file_from_this_server_under_a_policy_without_inline_scripts() {
    let app = spawn_app().await;
    let (status, headers, page) = get(&app, "/graphql").await;
    assert_eq!(status, 200);
    assert!(
        !page.contains("://"),
        "no address of another server: {page}"
    );
    let policy = headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .expect("a policy");
    assert!(policy.contains("script-src 'self';"), "{policy}");
    assert!(
        !policy.contains("unsafe-eval") && !policy.contains("script-src 'self' 'unsafe-inline'")
    );
    assert!(!page.contains("<script>"), "no inline script");
    let files: Vec<&str> = attributes(&page, "src")
        .into_iter()
        .chain(attributes(&page, "href"))
        .collect();
    assert_eq!(files.len(), 5, "{files:?}");
    for file in files {
        assert!(file.starts_with("/assets/"), "{file}");
        let (status, headers, body) = get(&app, file).await;
        assert_eq!(status, 200, "{file}");
        let ty = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let expected = if file.ends_with(".css") {
            "text/css"
        } else {
            "text/javascript"
        };
        assert!(ty.starts_with(expected), "{file}: {ty}");
        assert!(body.len() > 500, "{file} is the real file");
    }
    // Vendored with their licences, served beside them.
    for licence in ["LICENSE-graphiql", "LICENSE-react"] {
        let (status, _, body) = get(&app, &format!("/assets/graphiql-4.0.3/{licence}")).await;
        assert_eq!(status, 200);
        assert!(body.starts_with("MIT License"), "{licence}");
    }
    assert_eq!(get(&app, "/assets/graphiql-4.0.3/secret.key").await.0, 404);
}
