//! `/metrics` (issue 12, operational metrics): the Prometheus text format, for an administrator's
//! or an auditor's token only, with a counter that grows when an act is accepted.

use serde_json::json;

use crate::helpers::*;

/// The value of the series `name{labels}` in a Prometheus text page, 0 if absent.
pub(crate) fn value(page: &str, series: &str) -> f64 {
    page.lines()
        .find(|l| l.starts_with(series) && l[series.len()..].starts_with(' '))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

pub(crate) async fn page(app: &App, role: Option<&str>) -> (u16, String) {
    let mut req = app.http.get(format!("http://{}/metrics", app.addr));
    if let Some(role) = role {
        req = req.bearer_auth(&app.tokens[role]);
    }
    let resp = req.send().await.expect("sent");
    (resp.status().as_u16(), resp.text().await.expect("body"))
}

#[tokio::test]
async fn metrics_count_accepted_acts_and_requests_for_the_administrator_only() {
    let app = spawn_app().await;
    let mut f = Flow::propose(&app, json!({})).await;
    let (status, before) = page(&app, Some("ADMIN")).await;
    assert_eq!(status, 200, "{before}");
    let accepted = r#"decision_acts_accepted_total{act="StartProcedure"}"#;
    let was = value(&before, accepted);
    f.start().await;
    let (_, after) = page(&app, Some("AUDITOR")).await;
    // Servers of other tests share the process's recorder: at least this one act more.
    assert!(value(&after, accepted) >= was + 1.0, "{after}");
    assert!(
        after.contains(
            r#"graphql_operations_total{operation="Mutation.startProcedure",outcome="ok"}"#
        ),
        "{after}"
    );
    assert!(
        after.contains(r#"http_request_duration_seconds_bucket{route="/graphql""#),
        "{after}"
    );
    assert!(after.contains("db_pool_connections "), "{after}");
    // A refusal counts by its code and rule.
    let err = f
        .act(
            "SECRETARIAT",
            "startProcedure",
            json!({"startedOn": Dates::started(), "leadUnit": "区住房和城乡建设局"}),
        )
        .await
        .expect_err("already started");
    let (_, refused) = page(&app, Some("ADMIN")).await;
    assert!(
        refused.contains(&format!(r#"api_errors_total{{code="{}""#, err.code)),
        "{refused}"
    );
    // A field the schema lacks is never a label: the client cannot grow the label set.
    let bogus = app
        .gql(Some("AUDITOR"), "{ noSuchFieldAnywhere }", json!({}))
        .await;
    assert_eq!(refusal(&bogus).code, "GRAPHQL_VALIDATION_FAILED");
    let (_, later) = page(&app, Some("ADMIN")).await;
    assert!(!later.contains("noSuchFieldAnywhere"), "{later}");
    // Not the public's, nor a sponsor's.
    assert_eq!(page(&app, None).await.0, 401);
    assert_eq!(page(&app, Some("SPONSOR")).await.0, 403);
}
