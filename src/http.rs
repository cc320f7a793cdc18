//! The axum server: `POST /graphql`, GraphiQL on `GET /graphql`, WebSocket subscriptions on
//! `/graphql/ws`, `GET /healthz`. The bearer token is resolved to a caller here, once per request,
//! and handed to the schema; the schema never sees a header.
//!
//! The routes and the layers every request passes through are separate functions, so a test can
//! add a route of its own (one that panics) under exactly the layers the server runs with, and
//! production ships no such route.

use std::any::Any;
use std::future::Future;
use std::time::Duration;

use async_graphql::http::{ALL_WEBSOCKET_PROTOCOLS, GraphiQLSource};
use async_graphql::{Data, ErrorExtensions};
use async_graphql_axum::{GraphQLProtocol, GraphQLRequest, GraphQLResponse, GraphQLWebSocket};
use axum::extract::{State, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

use crate::graphql::{AppSchema, INTERNAL_MESSAGE, PublicWrite};
use crate::service::{Service, ServiceError};

/// A draft's text is the largest thing anyone sends (at most `Text::MAX` characters, three bytes
/// each in UTF-8, about 600 KB); 2 MiB is far above any real request.
const BODY_LIMIT: usize = 2 * 1024 * 1024;

#[derive(Clone)]
struct AppState {
    schema: AppSchema,
    service: Service,
}

/// The API's routes, without the layers.
pub fn routes(schema: AppSchema, service: Service) -> Router {
    Router::new()
        .route("/graphql", get(graphiql).post(graphql))
        .route("/graphql/ws", get(graphql_ws))
        .route("/healthz", get(healthz))
        .with_state(AppState { schema, service })
}

/// What every request passes through, from the outside in: tracing (which then logs the 500 of a
/// request that panicked, with its span), the panic guard, the body limit.
pub fn layers(routes: Router) -> Router {
    routes
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http())
}

pub fn router(schema: AppSchema, service: Service) -> Router {
    layers(routes(schema, service))
}

/// Serves until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    schema: AppSchema,
    service: Service,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_router(listener, router(schema, service), shutdown).await
}

/// Serves any router (the server's, or a test's built from [`routes`] and [`layers`]).
pub async fn serve_router(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

/// A panic anywhere under the router (a resolver's `unreachable!`, a bug in a dependency) would
/// otherwise end the connection with no answer at all. It answers as a GraphQL error with the
/// code INTERNAL, the same one an internal error gets, and is logged at ERROR with its message
/// (never shown to the client: it may name internals).
fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(a panic without a message)");
    tracing::error!(panic = message, "a request panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(serde_json::json!({
            "errors": [{"message": INTERNAL_MESSAGE, "extensions": {"code": "INTERNAL"}}]
        })),
    )
        .into_response()
}

/// The token of an `Authorization` header. No header: the public. The scheme is matched without
/// regard to case (RFC 7235 §2.1). A header that carries no bearer token — another scheme, no
/// token, bytes that are not text — is refused rather than served as the public: a client that
/// meant to authenticate must learn that it did not.
fn bearer(value: Option<&[u8]>) -> Result<Option<&str>, ServiceError> {
    let Some(raw) = value else { return Ok(None) };
    let text = std::str::from_utf8(raw).map_err(|_| ServiceError::Unauthenticated)?;
    match text.trim().split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(Some(token.trim()))
        }
        _ => Err(ServiceError::Unauthenticated),
    }
}

/// Only JSON runs as GraphQL. A form or `text/plain` body is what a web page can make a visitor's
/// browser send without asking (no CORS preflight), so accepting it would let any page post
/// public comments in a visitor's name.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

fn refusal(status: StatusCode, code: &'static str, message: String) -> Response {
    let err = async_graphql::Error::new(message)
        .extend_with(|_, ext| ext.set("code", code))
        .into_server_error(async_graphql::Pos::default());
    let mut response =
        GraphQLResponse::from(async_graphql::Response::from_errors(vec![err])).into_response();
    *response.status_mut() = status;
    response
}

async fn graphql(State(app): State<AppState>, headers: HeaderMap, req: GraphQLRequest) -> Response {
    if !is_json(&headers) {
        return refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "请求须以 Content-Type: application/json 发送".into(),
        );
    }
    let caller = match bearer(headers.get(header::AUTHORIZATION).map(|v| v.as_bytes())) {
        Ok(token) => app.service.authenticate(token).await,
        Err(e) => Err(e),
    };
    match caller {
        Ok(caller) => {
            let req = req.into_inner().data(caller).data(PublicWrite::one());
            GraphQLResponse::from(app.schema.execute(req).await).into_response()
        }
        Err(e) => {
            // A failure to look the token up (the database) is the server's: logged, not shown.
            let (code, message) = match e {
                ServiceError::Unauthenticated => ("UNAUTHENTICATED", e.to_string()),
                _ => {
                    tracing::error!(error = %e, "authentication failed");
                    ("INTERNAL", INTERNAL_MESSAGE.to_owned())
                }
            };
            refusal(StatusCode::OK, code, message)
        }
    }
}

/// Subscriptions: the token travels in the `connection_init` payload as `{"Authorization": "Bearer …"}`.
async fn graphql_ws(
    State(app): State<AppState>,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade
        .protocols(ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |stream| {
            let service = app.service.clone();
            GraphQLWebSocket::new(stream, app.schema.clone(), protocol)
                .on_connection_init(move |payload| async move {
                    let token = payload
                        .get("Authorization")
                        .or_else(|| payload.get("authorization"))
                        .and_then(|v| v.as_str())
                        .map(str::to_owned);
                    let token = bearer(token.as_deref().map(str::as_bytes))
                        .map_err(|e| async_graphql::Error::new(e.to_string()))?;
                    let caller = service
                        .authenticate(token)
                        .await
                        .map_err(|e| async_graphql::Error::new(e.to_string()))?;
                    let mut data = Data::default();
                    data.insert(caller);
                    Ok(data)
                })
                .keepalive_timeout(Duration::from_secs(60))
                .serve()
        })
}

async fn graphiql() -> Html<String> {
    Html(
        GraphiQLSource::build()
            .endpoint("/graphql")
            .subscription_endpoint("/graphql/ws")
            .title("decision-engine 重大行政决策")
            .finish(),
    )
}

/// Liveness for the operator's monitoring: the database answers, and how far the working-day
/// calendar reaches. A calendar about to end is a warning in the body, not a failure: the
/// service still works for everything its data covers, and a 503 would have a load balancer
/// take it out of service.
async fn healthz(State(app): State<AppState>) -> Response {
    let calendar = app.service.calendar_coverage();
    let calendar = serde_json::json!({
        "coversUntil": calendar.covers_until.map(|d| d.to_string()),
        "daysLeft": calendar.days_left,
        "warning": calendar.warning,
    });
    match app.service.store().count().await {
        Ok(n) => Json(serde_json::json!({"status": "ok", "decisions": n, "calendar": calendar}))
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({"status": "unavailable"})),
            )
                .into_response()
        }
    }
}
