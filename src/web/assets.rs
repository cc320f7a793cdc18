//! Files the server serves from its own binary: GraphiQL and the React it runs on, vendored with
//! their licences (`assets/graphiql-4.0.3/README.md` says from where), so that no page loads
//! anything from a CDN — a government intranet has no internet access.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

/// Where the vendored GraphiQL is served: the version is in the path, so a browser may keep the
/// files for good and a new version is a new address.
pub const GRAPHIQL: &str = "/assets/graphiql-4.0.3";

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: [Asset; 7] = [
    Asset {
        name: "graphiql.min.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/graphiql-4.0.3/graphiql.min.js"),
    },
    Asset {
        name: "graphiql.min.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../assets/graphiql-4.0.3/graphiql.min.css"),
    },
    Asset {
        name: "react.production.min.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/graphiql-4.0.3/react.production.min.js"),
    },
    Asset {
        name: "react-dom.production.min.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/graphiql-4.0.3/react-dom.production.min.js"),
    },
    Asset {
        name: "start.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/graphiql-4.0.3/start.js"),
    },
    Asset {
        name: "LICENSE-graphiql",
        content_type: "text/plain; charset=utf-8",
        bytes: include_bytes!("../../assets/graphiql-4.0.3/LICENSE-graphiql"),
    },
    Asset {
        name: "LICENSE-react",
        content_type: "text/plain; charset=utf-8",
        bytes: include_bytes!("../../assets/graphiql-4.0.3/LICENSE-react"),
    },
];

/// One vendored file, or 404.
pub async fn graphiql_asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(a) => (
            [
                (header::CONTENT_TYPE, a.content_type),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            a.bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The policy of the GraphiQL page: scripts only from this server, and no inline script (the
/// page has none); GraphiQL sets inline styles and embeds its fonts and icons as data URLs.
pub const GRAPHIQL_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/// GraphiQL, for officials, at `GET /graphql`: everything it loads comes from this server.
pub fn graphiql_page(endpoint: &str, subscription_endpoint: &str) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="robots" content="noindex";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "decision-engine 重大行政决策 · GraphiQL" }
                link rel="stylesheet" href={ (GRAPHIQL) "/graphiql.min.css" };
                style { "body{margin:0;height:100%;overflow:hidden}#graphiql{height:100vh}" }
            }
            body {
                div #graphiql data-endpoint=(endpoint) data-subscription-endpoint=(subscription_endpoint) {
                    "正在加载 GraphiQL……"
                }
                script src={ (GRAPHIQL) "/react.production.min.js" } {}
                script src={ (GRAPHIQL) "/react-dom.production.min.js" } {}
                script src={ (GRAPHIQL) "/graphiql.min.js" } {}
                script src={ (GRAPHIQL) "/start.js" } {}
            }
        }
    }
}
