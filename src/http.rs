//! The axum server: `POST /graphql`, GraphiQL on `GET /graphql`, WebSocket subscriptions on
//! `/graphql/ws`, `GET /healthz`, `GET /readyz`. The bearer token is resolved to a caller here, once per request,
//! and handed to the schema; the schema never sees a header.
//!
//! The routes and the layers every request passes through are separate functions, so a test can
//! add a route of its own (one that panics, one that never ends) under exactly the layers the
//! server runs with, and production ships no such route.
//!
//! What one request and one client may cost ([`Limits`], issue 7) is enforced at two levels: here
//! the time budget of every request, the body limit and who the client is; in the schema
//! (`graphql::limits`) the weight of a query, its share of the database and the public's writes.

use std::any::Any;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use async_graphql::http::{ALL_WEBSOCKET_PROTOCOLS, MultipartOptions};
use async_graphql::{Data, ErrorExtensions, ParseRequestError};
use async_graphql_axum::{GraphQLProtocol, GraphQLRequest, GraphQLResponse, GraphQLWebSocket};
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequest, Request, State, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use futures_util::TryStreamExt;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::graphql::{
    AppSchema, DbShare, INTERNAL_MESSAGE, Pace, PublicWrite, PublicWriteQuota, PublicWrites,
};
use crate::service::{Caller, Service, ServiceError};

/// A draft's text is the largest thing anyone sends (at most `Text::MAX` characters, three bytes
/// each in UTF-8, about 600 KB); 2 MiB is far above any real request.
const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The time budget of a request unless the operator sets another (`--request-timeout-secs`).
/// The heaviest query the weight limit lets through answers in well under a second on a
/// database of thousands of decisions; 15 s leaves room for a loaded server and a slow client
/// sending a large draft, and stays under the 30–60 s after which reverse proxies give up.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// What the server grants one request and one client; the `serve` flags set it.
#[derive(Debug, Clone)]
pub struct Limits {
    /// How long one request may take, from its arrival (its body included) to its answer; past
    /// it the request answers TIMEOUT and its work is dropped.
    pub request_timeout: Duration,
    /// How often one client may write as the public (a comment).
    pub public_writes: PublicWriteQuota,
    /// The server runs behind one reverse proxy, whose `X-Forwarded-For` names the client.
    /// Off, the header is ignored: any client can write anything in it.
    pub trust_forwarded_for: bool,
    /// The clock the public-write limiter counts in (a test's stands still).
    pub pace: Pace,
    /// The largest body of a multipart request (a material's upload): the material size limit
    /// and room for the request's other parts.
    pub upload_limit: usize,
}

/// What a multipart request carries besides its file: the query, the variables, the map.
pub const UPLOAD_OVERHEAD: usize = 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Self {
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            public_writes: PublicWriteQuota::default(),
            trust_forwarded_for: false,
            pace: Pace::monotonic(),
            upload_limit: ((crate::service::DEFAULT_MATERIAL_MAX_MB as usize) << 20)
                + UPLOAD_OVERHEAD,
        }
    }
}

#[derive(Clone)]
struct AppState {
    schema: AppSchema,
    service: Service,
    /// The public's writes per client, shared by all the server's requests.
    public_writes: Arc<PublicWrites>,
    trust_forwarded_for: bool,
}

/// The API's routes, without the layers.
pub fn routes(schema: AppSchema, service: Service, limits: &Limits) -> Router {
    let public_writes = Arc::new(PublicWrites::new(limits.public_writes, limits.pace.clone()));
    let pages = crate::web::routes(
        schema.clone(),
        service.clone(),
        public_writes.clone(),
        limits.trust_forwarded_for,
        limits.pace.clone(),
    );
    Router::new()
        .route("/graphql", get(graphiql).post(graphql))
        .route("/graphql/ws", get(graphql_ws))
        .route("/materials/{decision}/{sha256}", get(material))
        .route("/archives/{decision}", get(archive_package))
        .route("/statistics/{file}", get(statistics_file))
        .route("/metrics", get(metrics_page))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .with_state(AppState {
            schema,
            service,
            public_writes,
            trust_forwarded_for: limits.trust_forwarded_for,
        })
        .merge(pages)
        // Per route, where the matched pattern is known.
        .layer(middleware::from_fn(request_metrics))
}

/// What every request passes through, from the outside in: tracing (which then logs the 500 of a
/// request that panicked, with its span), the panic guard, the time budget, the body limit (its
/// refusal answered as a GraphQL error, like every other).
pub fn layers(routes: Router, limits: &Limits) -> Router {
    routes
        .layer(middleware::from_fn_with_state(
            limits.upload_limit,
            body_limit,
        ))
        .layer(middleware::from_fn_with_state(
            limits.request_timeout,
            time_budget,
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        // Each request gets an id (or keeps the one its client or proxy sent), which its log
        // lines carry and its response returns in `x-request-id`.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// The span every log line of a request is written in.
fn request_span(request: &axum::http::Request<Body>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %id,
    )
}

pub fn router(schema: AppSchema, service: Service, limits: &Limits) -> Router {
    layers(routes(schema, service, limits), limits)
}

/// Serves until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: TcpListener,
    schema: AppSchema,
    service: Service,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_router(listener, router(schema, service, &limits), shutdown).await
}

/// Serves any router (the server's, or a test's built from [`routes`] and [`layers`]), telling
/// each request the address it came from (the client of a public write).
pub async fn serve_router(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Runs the request within its budget. Past it the request's future is dropped — its resolvers,
/// its database calls in flight, a transaction not yet committed (rolled back) — and the client
/// reads TIMEOUT. A write that committed just before is kept: the client then finds the new
/// version when it reads again, and a retry on the old one is a VERSION_CONFLICT, not a second
/// act.
async fn time_budget(State(budget): State<Duration>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    match tokio::time::timeout(budget, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(
                %path,
                budget_ms = budget.as_millis() as u64,
                "a request ran past its time budget and was dropped"
            );
            refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                "TIMEOUT",
                format!(
                    "请求未能在{}内处理完毕，已中止。若请求是一项办理操作，请先查询该决策的当前\
                     版本（version），确认操作是否已生效，再决定是否重新提交",
                    budget_words(budget)
                ),
            )
        }
    }
}

/// "15秒", or "300毫秒" for a budget under a second (a test's).
fn budget_words(budget: Duration) -> String {
    if budget >= Duration::from_secs(1) && budget.subsec_millis() == 0 {
        format!("{}秒", budget.as_secs())
    } else {
        format!("{}毫秒", budget.as_millis())
    }
}

fn too_large() -> Response {
    refusal(
        StatusCode::PAYLOAD_TOO_LARGE,
        "PAYLOAD_TOO_LARGE",
        format!(
            "请求体超过上限（{} MiB），未处理；草案等长文本的上限见接口说明",
            BODY_LIMIT / (1024 * 1024)
        ),
    )
}

fn upload_too_large(limit: usize) -> Response {
    refusal(
        StatusCode::PAYLOAD_TOO_LARGE,
        "MATERIAL_TOO_LARGE",
        format!(
            "上传的材料超过大小上限（{} MiB），未保存",
            limit.div_ceil(1024 * 1024)
        ),
    )
}

/// Every body is bounded: a material's upload (multipart) by the material limit, anything else
/// by [`BODY_LIMIT`]. A declared length over it is refused before a byte is read; a body that
/// grows past it while read fails its read, which the handler answers with the same refusal.
async fn body_limit(State(upload_limit): State<usize>, request: Request, next: Next) -> Response {
    let upload = is_multipart(request.headers());
    let limit = if upload { upload_limit } else { BODY_LIMIT };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return if upload {
            upload_too_large(limit - UPLOAD_OVERHEAD)
        } else {
            too_large()
        };
    }
    next.run(request.map(|body| Body::new(http_body_util::Limited::new(body, limit))))
        .await
}

/// A body that is not one GraphQL request in JSON: over the limit (while it was read, when no
/// length was declared), not UTF-8, not JSON, or a batch (which the API does not take). Answered
/// as a GraphQL error with a code, where the library would answer its debug text.
struct BadBody(ParseRequestError);

impl From<ParseRequestError> for BadBody {
    fn from(e: ParseRequestError) -> Self {
        Self(e)
    }
}

impl IntoResponse for BadBody {
    fn into_response(self) -> Response {
        match self.0 {
            ParseRequestError::PayloadTooLarge => too_large(),
            // The body limit's error, as the library passes it on: as text.
            ParseRequestError::Io(e) if e.to_string().contains("length limit exceeded") => {
                too_large()
            }
            ParseRequestError::UnsupportedBatch => refusal(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "每次请求只能包含一个 GraphQL 请求，不接受批量请求".into(),
            ),
            other => refusal(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                format!("请求体不是有效的 GraphQL 请求（UTF-8 编码的 JSON）：{other}"),
            ),
        }
    }
}

/// The address whose budget a public write draws on. Behind a trusted reverse proxy, the last
/// address in `X-Forwarded-For`: the one that proxy appended, the address it was connected from.
/// The entries before it are whatever the client sent (a proxy that appends, as nginx's
/// `$proxy_add_x_forwarded_for` does, keeps them), so the first would let a client pick a fresh
/// budget with every request. Without the flag, or without a usable header, the peer's address.
pub(crate) fn client_of(
    peer: Option<SocketAddr>,
    headers: &HeaderMap,
    trust_forwarded_for: bool,
) -> IpAddr {
    let forwarded = trust_forwarded_for
        .then(|| headers.get_all("x-forwarded-for").iter().next_back())
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .map(str::trim)
        .and_then(|last| {
            last.parse::<IpAddr>()
                .ok()
                .or_else(|| last.parse::<SocketAddr>().ok().map(|s| s.ip()))
        });
    // No peer address only when the router is served without connection info (not by
    // `serve_router`): such requests share one budget.
    forwarded.unwrap_or_else(|| peer.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |p| p.ip()))
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

/// A multipart request: the GraphQL multipart request spec's upload. A web page can make a
/// browser send one without asking, but not with an `Authorization` header, which the handler
/// requires of it.
fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("multipart/form-data"))
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

async fn graphql(
    State(app): State<AppState>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    request: Request,
) -> Response {
    let headers = request.headers().clone();
    let token = bearer(headers.get(header::AUTHORIZATION).map(|v| v.as_bytes()));
    let upload = is_multipart(&headers) && matches!(token, Ok(Some(_)));
    // Before the body is read: a form, or a multipart body without a token, is not parsed at all.
    if !is_json(&headers) && !upload {
        return refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "请求须以 Content-Type: application/json 发送（上传材料时以 multipart/form-data 发送并附令牌）".into(),
        );
    }
    let caller = match token {
        Ok(token) => app.service.authenticate(token).await,
        Err(e) => Err(e),
    };
    // An upload is read only for an official: nobody else makes the server spool a file.
    if upload && matches!(&caller, Ok(c) if c.official().is_err()) {
        return refusal(
            StatusCode::OK,
            "UNAUTHENTICATED",
            ServiceError::Unauthenticated.to_string(),
        );
    }
    let req = if upload {
        match read_upload(&app.service, request).await {
            Ok(req) => req,
            Err(refused) => return refused,
        }
    } else {
        match GraphQLRequest::<BadBody>::from_request(request, &()).await {
            Ok(req) => req.into_inner(),
            Err(bad) => return bad.into_response(),
        }
    };
    match caller {
        Ok(caller) => {
            let client = client_of(
                peer.map(|Extension(ConnectInfo(addr))| addr),
                &headers,
                app.trust_forwarded_for,
            );
            let histories =
                crate::graphql::HistoryLoader::for_request(app.service.clone(), caller.clone());
            let req = req
                .data(caller)
                .data(histories)
                .data(PublicWrite::for_client(app.public_writes.clone(), client))
                .data(DbShare::per_request());
            GraphQLResponse::from(app.schema.execute(req).await).into_response()
        }
        Err(e) => {
            // A failure to look the token up (the database) is the server's: logged, not shown.
            let (code, message) = match e {
                ServiceError::Unauthenticated => ("UNAUTHENTICATED", e.to_string()),
                _ => {
                    tracing::error!(error = %e.chain(), "authentication failed");
                    ("INTERNAL", INTERNAL_MESSAGE.to_owned())
                }
            };
            refusal(StatusCode::OK, code, message)
        }
    }
}

/// A material's bytes, for an official whose post covers the decision (the same bearer token as
/// for the API). Errors answer as the API's do, in JSON with a code.
async fn material(
    State(app): State<AppState>,
    axum::extract::Path((decision, sha256)): axum::extract::Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let found = match official_caller(&app, &headers).await {
        Ok(caller) => app.service.material(&caller, &decision, &sha256).await,
        Err(e) => Err(e),
    };
    match found {
        Ok((m, bytes)) => material_download(&m, bytes),
        Err(e) => service_refusal(e),
    }
}

/// A material's bytes as a download: its name, type and size, never sniffed, never cached.
pub(crate) fn material_download(
    m: &crate::procedure::Material,
    bytes: futures_util::stream::BoxStream<'static, Result<bytes::Bytes, crate::store::BlobError>>,
) -> Response {
    let disposition = format!(
        "attachment; filename*=UTF-8''{}",
        percent_encoding::utf8_percent_encode(m.name.as_str(), percent_encoding::NON_ALPHANUMERIC)
    );
    let mut response = Body::from_stream(bytes).into_response();
    let h = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, m.media_type.clone()),
        (header::CONTENT_LENGTH, m.size.to_string()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".into()),
        (header::CACHE_CONTROL, "private, no-store".into()),
    ] {
        if let Ok(v) = header::HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    }
    if let Ok(v) = header::HeaderValue::from_str(m.sha256.as_str()) {
        h.insert("x-content-sha256", v);
    }
    response
}

/// The process's metrics in the Prometheus text format, for an administrator's or an auditor's
/// token (Prometheus sends it as `authorization: {credentials: …}`): they tell how the service is
/// used, which is not the public's to read.
async fn metrics_page(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let allowed = match official_caller(&app, &headers).await {
        Ok(caller) => caller.official().is_ok_and(|o| {
            o.roles.iter().any(|r| {
                matches!(
                    r,
                    crate::procedure::Role::Admin | crate::procedure::Role::Auditor
                )
            })
        }),
        Err(e) => return service_refusal(e),
    };
    if !allowed {
        return service_refusal(ServiceError::Forbidden("读取运行指标"));
    }
    let (size, idle) = app.service.store().pool_use();
    metrics::gauge!("db_pool_connections").set(f64::from(size));
    metrics::gauge!("db_pool_connections_idle").set(idle as f64);
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        crate::telemetry::metrics().render(),
    )
        .into_response()
}

/// Every request counted and timed by its route (the matched pattern, never the raw path) and
/// its status class.
async fn request_metrics(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_owned();
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    let status = format!("{}xx", response.status().as_u16() / 100);
    metrics::counter!("http_requests_total", "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// The error of a route beside GraphQL, in the API's JSON with its code.
fn service_refusal(e: ServiceError) -> Response {
    let status = match &e {
        ServiceError::Unauthenticated => StatusCode::UNAUTHORIZED,
        ServiceError::NotFound(_) => StatusCode::NOT_FOUND,
        ServiceError::Invalid(_) => StatusCode::BAD_REQUEST,
        ServiceError::Forbidden(_) | ServiceError::OutOfScope { .. } => StatusCode::FORBIDDEN,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let err = crate::graphql::error_of(e);
    let mut response = GraphQLResponse::from(async_graphql::Response::from_errors(vec![
        err.into_server_error(async_graphql::Pos::default()),
    ]))
    .into_response();
    *response.status_mut() = status;
    response
}

/// The official whose bearer token the request carries.
async fn official_caller(app: &AppState, headers: &HeaderMap) -> Result<Caller, ServiceError> {
    let token = bearer(headers.get(header::AUTHORIZATION).map(|v| v.as_bytes()))?;
    let caller = app.service.authenticate(token).await?;
    caller.official()?;
    Ok(caller)
}

/// A decision's archive package (ZIP), for an official whose post covers its record: written to
/// a temporary file, then streamed, so that its materials are never held in memory.
async fn archive_package(
    State(app): State<AppState>,
    axum::extract::Path(decision): axum::extract::Path<String>,
    headers: HeaderMap,
) -> Response {
    let written = async {
        let caller = official_caller(&app, &headers).await?;
        let spool = tempfile::tempfile().map_err(crate::store::BlobError::from)?;
        let (mut file, _) = app
            .service
            .export_decision(&caller, &decision, spool)
            .await?;
        std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(0))
            .map_err(crate::store::BlobError::from)?;
        let size = file
            .metadata()
            .map_err(crate::store::BlobError::from)?
            .len();
        Ok::<_, ServiceError>((tokio::fs::File::from_std(file), size))
    }
    .await;
    match written {
        Ok((file, size)) => {
            let mut response =
                Body::from_stream(tokio_util::io::ReaderStream::new(file)).into_response();
            let h = response.headers_mut();
            for (name, value) in [
                (header::CONTENT_TYPE, "application/zip".to_owned()),
                (header::CONTENT_LENGTH, size.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename*=UTF-8''{}.zip",
                        percent_encoding::utf8_percent_encode(
                            &decision,
                            percent_encoding::NON_ALPHANUMERIC
                        )
                    ),
                ),
                (header::CACHE_CONTROL, "private, no-store".into()),
            ] {
                if let Ok(v) = header::HeaderValue::from_str(&value) {
                    h.insert(name, v);
                }
            }
            response
        }
        Err(e) => service_refusal(e),
    }
}

/// What `/statistics/{year}.html` may be asked: another year beside it, or one figure's records.
#[derive(Debug, serde::Deserialize)]
struct StatisticsQuery {
    compare: Option<i32>,
    figure: Option<String>,
}

/// The year's statistics (issue 12) as a printable report, CSV or JSON, for an official with
/// their token: the figures of the decisions whose record they see, counted by the service.
async fn statistics_file(
    State(app): State<AppState>,
    axum::extract::Path(file): axum::extract::Path<String>,
    axum::extract::Query(q): axum::extract::Query<StatisticsQuery>,
    headers: HeaderMap,
) -> Response {
    let Some((year, ext)) = file
        .rsplit_once('.')
        .and_then(|(y, ext)| Some((y.parse::<i32>().ok()?, ext)))
        .filter(|(_, ext)| ["html", "csv", "json"].contains(ext))
    else {
        return service_refusal(ServiceError::NotFound("该统计文件"));
    };
    let counted = async {
        let caller = official_caller(&app, &headers).await?;
        // A year's statistics read every decision of the organ: they wait their turn with the
        // other reports over every decision, as over GraphQL.
        let _scan = app.service.scan_turn().await;
        let stats = app.service.annual_statistics(&caller, year, None).await?;
        let compared = match q.compare {
            Some(other) if ext == "html" => {
                Some(app.service.annual_statistics(&caller, other, None).await?)
            }
            _ => None,
        };
        Ok::<_, ServiceError>((stats, compared))
    }
    .await;
    let (stats, compared) = match counted {
        Ok(found) => found,
        Err(e) => return service_refusal(e),
    };
    let attachment = |name: String| {
        (
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        )
    };
    match ext {
        "html" => crate::web::statistics::page(&crate::web::statistics::Asked {
            stats: &stats,
            compared: compared.as_ref(),
            figure: q.figure.as_deref(),
        }),
        "csv" => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
                attachment(format!("statistics-{year}.csv")),
            ],
            crate::web::statistics::csv(&stats),
        )
            .into_response(),
        "json" => (
            [
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
                attachment(format!("statistics-{year}.json")),
            ],
            Json(&stats),
        )
            .into_response(),
        _ => service_refusal(ServiceError::NotFound("该统计文件")),
    }
}

/// A multipart request's operations and its one file, spooled to a temporary file as it arrives;
/// a file over the deployment's material limit stops the read and is refused.
async fn read_upload(
    service: &Service,
    request: Request,
) -> Result<async_graphql::Request, Response> {
    let max = service.material_policy().max_bytes;
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(ToString::to_string);
    let body = request
        .into_body()
        .into_data_stream()
        .map_err(std::io::Error::other);
    let reader = tokio_util::compat::TokioAsyncReadCompatExt::compat(
        tokio_util::io::StreamReader::new(body),
    );
    // One byte over the limit still parses, so that the service refuses it with its size named.
    // No count of files: with one, the library would bound the whole stream (the operations
    // included) by the file limit; the body limit bounds the whole.
    let options = MultipartOptions::default()
        .max_file_size(usize::try_from(max).unwrap_or(usize::MAX).saturating_add(1));
    match async_graphql::http::receive_body(content_type, reader, options).await {
        Ok(req) => Ok(req),
        Err(ParseRequestError::PayloadTooLarge) => {
            Err(upload_too_large(usize::try_from(max).unwrap_or(usize::MAX)))
        }
        Err(ParseRequestError::Io(e)) if e.to_string().contains("length limit exceeded") => {
            Err(upload_too_large(usize::try_from(max).unwrap_or(usize::MAX)))
        }
        Err(other) => Err(refusal(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            format!("上传请求不是有效的 GraphQL multipart 请求：{other}"),
        )),
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
                    // The connection's operations share one request's share of the database.
                    data.insert(DbShare::per_request());
                    Ok(data)
                })
                .keepalive_timeout(Duration::from_secs(60))
                .serve()
        })
}

/// GraphiQL, every file of it from this server (`web::assets`): it opens without internet access.
async fn graphiql() -> Response {
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            crate::web::assets::GRAPHIQL_CSP,
        )],
        Html(crate::web::assets::graphiql_page("/graphql", "/graphql/ws").into_string()),
    )
        .into_response()
}

/// How long readiness waits for the database before saying it is not ready.
const READY_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Readiness for a load balancer: 200 only while the database answers, so a replica that lost
/// its database is taken out of rotation (and put back when it answers again). Cheap: one ping.
async fn readyz(State(app): State<AppState>) -> Response {
    match tokio::time::timeout(READY_WAIT, app.service.store().ping()).await {
        Ok(Ok(())) => Json(serde_json::json!({"status": "ready"})).into_response(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "not ready: the database does not answer");
            not_ready()
        }
        Err(_) => {
            tracing::warn!("not ready: the database did not answer within 2 s");
            not_ready()
        }
    }
}

fn not_ready() -> Response {
    (
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        Json(serde_json::json!({"status": "unavailable"})),
    )
        .into_response()
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
            not_ready()
        }
    }
}
