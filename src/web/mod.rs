//! The public website, served by the server itself, in Chinese, without scripts: the home page,
//! drafts under consultation with their comment form and the receipts that later show what
//! became of each opinion, published decisions with their feedback form ([`public`]), the annual
//! catalogue and its year-end report as HTML, CSV and JSON ([`catalogue`]); GraphiQL's
//! vendored files ([`assets`]); and the officials' workbench under `/console`: signing in and
//! out ([`console`], with its budget of sign-in attempts, [`attempts`]), their work
//! ([`my_work`]), a decision's page and its acts' forms ([`workbench`], drawn by [`forms`] in the
//! words of [`labels`]), and the annual catalogue's screens ([`catalogue_desk`]).
//!
//! Thin: the service decides what the public may read (a catalogue only once published, never a
//! draft: 404 as for one that does not exist); this module only picks the version and renders.

pub mod assets;
mod attempts;
mod catalogue;
mod catalogue_desk;
mod console;
mod forms;
mod labels;
mod layout;
mod my_work;
mod public;
pub mod statistics;
mod workbench;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::sync::Arc;

use crate::graphql::{AppSchema, Pace, PublicWrites};
use crate::procedure::catalogue::{Catalogue, Version};
use crate::service::{Caller, Service, ServiceError};
use crate::tables::{self, Published, PublishedReport};

/// A published catalogue may be adjusted at any time: caches keep it for five minutes.
const CACHE: &str = "public, max-age=300";

/// What the pages need: the service, and the public's budget of writes (the API's, shared).
#[derive(Clone)]
pub struct WebState {
    service: Service,
    public_writes: Arc<PublicWrites>,
    trust_forwarded_for: bool,
    /// The officials' attempts to sign in to the workbench, per address and per account.
    sign_in_attempts: Arc<attempts::SignInAttempts>,
    /// The API, through which the workbench's forms do their acts.
    schema: AppSchema,
    /// Every act's form, read from the API's schema.
    forms: Arc<forms::Forms>,
}

pub fn routes(
    schema: AppSchema,
    service: Service,
    public_writes: Arc<PublicWrites>,
    trust_forwarded_for: bool,
    pace: Pace,
) -> Router {
    let web = WebState {
        service: service.clone(),
        public_writes,
        trust_forwarded_for,
        sign_in_attempts: Arc::new(attempts::SignInAttempts::new(pace)),
        // The schema is this build's own: a form it cannot draw is a bug the tests catch.
        forms: Arc::new(
            forms::Forms::from_sdl(&schema.sdl()).expect("the API's schema reads as forms"),
        ),
        schema,
    };
    let pages = Router::new()
        .route("/", get(public::home))
        .route("/consultations/{id}", get(public::consultation))
        .route("/consultations/{id}/comments", post(public::post_comment))
        .route("/decisions/{id}", get(public::decision))
        .route("/decisions/{id}/feedback", post(public::post_feedback))
        .route("/receipts/{number}", get(public::receipt))
        .route("/console", get(console::home))
        .route(
            "/console/login",
            get(console::login_form).post(console::login),
        )
        .route("/console/logout", post(console::logout))
        .route("/console/decisions/{id}", get(workbench::decision))
        .route("/console/catalogues", get(catalogue_desk::list))
        .route("/console/catalogues/{id}", get(catalogue_desk::catalogue))
        .route(
            "/console/decisions/{id}/acts/{mutation}",
            get(workbench::decision_act_form).post(workbench::decision_act_post),
        )
        .route(
            "/console/catalogues/{id}/acts/{mutation}",
            get(workbench::catalogue_act_form).post(workbench::catalogue_act_post),
        )
        .route(
            "/console/acts/{mutation}",
            get(workbench::new_act_form).post(workbench::new_act_post),
        )
        .route(
            "/console/decisions/{id}/materials/{sha256}",
            get(workbench::material),
        )
        .with_state(web);
    Router::new()
        .route(layout::STYLESHEET, get(stylesheet))
        .route("/catalogues/{file}", get(catalogue_file))
        .route("/catalogues/{year}/{file}", get(report_file))
        .route(
            &format!("{}/{{name}}", assets::GRAPHIQL),
            get(assets::graphiql_asset),
        )
        .with_state(service)
        .merge(pages)
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        layout::STYLESHEET_BODY,
    )
        .into_response()
}

#[derive(Debug, Deserialize)]
struct Which {
    version: Option<u32>,
    organ: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Html,
    Csv,
    Json,
}

/// `2025.html` → (2025, Html).
fn parse_file(file: &str) -> Option<(i32, Format)> {
    let (stem, ext) = file.rsplit_once('.')?;
    let format = match ext {
        "html" => Format::Html,
        "csv" => Format::Csv,
        "json" => Format::Json,
        _ => return None,
    };
    let year = stem.parse().ok().filter(|y| (2000..=2099).contains(y))?;
    Some((year, format))
}

async fn published(
    service: &Service,
    organ: Option<&str>,
    year: i32,
) -> Result<Option<Catalogue>, Response> {
    match service
        .catalogue_of_year(&Caller::Public, organ, year)
        .await
    {
        Ok(found) => Ok(found.map(|s| s.catalogue)),
        Err(ServiceError::Invalid(why)) => Err(page_error(StatusCode::BAD_REQUEST, &why)),
        Err(e) => {
            tracing::error!(error = %e.chain(), "catalogue page");
            Err(page_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::graphql::INTERNAL_MESSAGE,
            ))
        }
    }
}

async fn catalogue_file(
    State(service): State<Service>,
    Path(file): Path<String>,
    Query(which): Query<Which>,
) -> Response {
    let Some((year, format)) = parse_file(&file) else {
        return not_found();
    };
    let c = match published(&service, which.organ.as_deref(), year).await {
        Ok(Some(c)) => c,
        Ok(None) => return not_found(),
        Err(r) => return r,
    };
    let version: Option<&Version> = match which.version {
        Some(n) => c.published(n),
        None => c.latest(),
    };
    let Some(v) = version else {
        return not_found();
    };
    match format {
        Format::Html => html(catalogue::page(&c, v)),
        Format::Csv => download(
            tables::csv(v),
            "text/csv; charset=utf-8",
            &format!("catalogue-{year}-v{}.csv", v.number),
        ),
        Format::Json => json(&Published::of(&c, v)),
    }
}

async fn report_file(
    State(service): State<Service>,
    Path((year, file)): Path<(String, String)>,
    Query(which): Query<Which>,
) -> Response {
    let Ok(year) = year.parse::<i32>() else {
        return not_found();
    };
    let format = match file.as_str() {
        "report.html" => Format::Html,
        "report.csv" => Format::Csv,
        "report.json" => Format::Json,
        _ => return not_found(),
    };
    let c = match published(&service, which.organ.as_deref(), year).await {
        Ok(Some(c)) => c,
        Ok(None) => return not_found(),
        Err(r) => return r,
    };
    let Some(report) = &c.report else {
        return not_found();
    };
    let r = PublishedReport::of(&c, report);
    match format {
        Format::Html => html(catalogue::report_page(&c, &r)),
        Format::Csv => download(
            tables::report_csv(&r),
            "text/csv; charset=utf-8",
            &format!("catalogue-{year}-report.csv"),
        ),
        Format::Json => json(&r),
    }
}

fn html(markup: maud::Markup) -> Response {
    public::html_page(StatusCode::OK, public::Caching::Published, None, markup)
}

fn json<T: serde::Serialize>(value: &T) -> Response {
    match serde_json::to_string_pretty(value) {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (header::CACHE_CONTROL, CACHE),
            ],
            body,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "catalogue json");
            page_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::graphql::INTERNAL_MESSAGE,
            )
        }
    }
}

fn download(body: String, content_type: &'static str, filename: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CACHE_CONTROL, CACHE.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

fn not_found() -> Response {
    page_error(
        StatusCode::NOT_FOUND,
        "未找到该页面：所请求的目录或者报告不存在，或者尚未公布",
    )
}

fn page_error(status: StatusCode, message: &str) -> Response {
    public::message(status, "重大行政决策公开", message)
}
