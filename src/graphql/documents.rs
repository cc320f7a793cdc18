//! Parsed documents, kept for the next request that sends the same text.
//!
//! Clients send the same few documents again and again, with new variables each time: every
//! act of the procedure is one mutation text. Parsing took about a twentieth of the server's
//! CPU per act (benches/lifecycle.rs under perf, one client); a clone of the parsed document
//! costs a fraction of that. What async-graphql then does with the document (the limits in
//! [`super::ErrorCodes`], validation against the schema and the variables) runs for every
//! request as before.

use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex, PoisonError};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest,
};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Request, ServerResult};
use lru::LruCache;

/// Documents kept: the API's clients use a few dozen.
const KEPT: NonZeroUsize = NonZeroUsize::new(512).expect("not zero");

/// Longer texts are parsed every time: the documents clients repeat are short, and the cache's
/// memory stays under `KEPT` times this (and the parse of it).
const LONGEST: usize = 4 * 1024;

/// The factory, shared by every request of one schema.
#[derive(Clone)]
pub(super) struct ParsedDocuments {
    kept: Arc<Mutex<LruCache<String, ExecutableDocument>>>,
}

impl Default for ParsedDocuments {
    fn default() -> Self {
        Self {
            kept: Arc::new(Mutex::new(LruCache::new(KEPT))),
        }
    }
}

impl ExtensionFactory for ParsedDocuments {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(self.clone())
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for ParsedDocuments {
    /// Hands the request its document parsed before, or parses it and keeps it. A text that
    /// does not parse is left to the library, which refuses it with its code.
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        if request.query.len() <= LONGEST {
            let kept = self
                .kept
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(&request.query)
                .cloned();
            match kept {
                Some(doc) => request.set_parsed_query(doc),
                None => {
                    if let Ok(doc) = request.parsed_query() {
                        let doc = doc.clone();
                        self.kept
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .put(request.query.clone(), doc);
                    }
                }
            }
        }
        next.run(ctx, request).await
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema};

    use super::*;

    struct Query;

    #[Object]
    impl Query {
        async fn double(&self, n: i32) -> i32 {
            2 * n
        }
    }

    #[tokio::test]
    async fn a_document_sent_again_is_parsed_once_and_answered_with_its_new_variables() {
        let documents = ParsedDocuments::default();
        let schema = Schema::build(Query, EmptyMutation, EmptySubscription)
            .extension(documents.clone())
            .finish();
        let kept = || documents.kept.lock().expect("unpoisoned").len();
        let doc = "query($n: Int!) { double(n: $n) }";
        for n in [1, 21] {
            let vars = async_graphql::Variables::from_json(serde_json::json!({ "n": n }));
            let res = schema.execute(Request::new(doc).variables(vars)).await;
            assert!(res.errors.is_empty(), "{:?}", res.errors);
            assert_eq!(
                res.data.into_json().expect("json"),
                serde_json::json!({ "double": 2 * n })
            );
        }
        assert_eq!(kept(), 1);

        // Not kept: a text that does not parse (the library refuses it), and one too long.
        let res = schema.execute("{ double(n: ").await;
        assert_eq!(res.errors.len(), 1);
        let long = format!("{{ double(n: 1) }}{}", " ".repeat(LONGEST));
        assert!(schema.execute(long).await.errors.is_empty());
        assert_eq!(kept(), 1);
    }
}
