//! Each request's root fields, counted and timed by their names in the schema (never by an
//! alias or an operation name, which the client chooses and would make the label set unbounded).
//! Read once from the parsed document and recorded once the request has executed — only then
//! are the names known to be the schema's — so no field resolution pays for it.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery,
};
use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection};
use async_graphql::{Response, ServerResult, Variables};

pub struct FieldMetrics;

impl ExtensionFactory for FieldMetrics {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(RequestMetrics::default())
    }
}

/// One request's root fields, as `Type.field`.
#[derive(Default)]
struct RequestMetrics {
    roots: Mutex<Vec<String>>,
}

#[async_graphql::async_trait::async_trait]
impl Extension for RequestMetrics {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        let mut roots = Vec::new();
        for (_, op) in doc.operations.iter() {
            let ty = match op.node.ty {
                OperationType::Query => "Query",
                OperationType::Mutation => "Mutation",
                OperationType::Subscription => "Subscription",
            };
            for item in &op.node.selection_set.node.items {
                if let Selection::Field(f) = &item.node {
                    let name = f.node.name.node.as_str();
                    if !name.starts_with("__") {
                        roots.push(format!("{ty}.{name}"));
                    }
                }
            }
        }
        *self.roots.lock().unwrap_or_else(PoisonError::into_inner) = roots;
        Ok(doc)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let started = Instant::now();
        let response = next.run(ctx, operation_name).await;
        let seconds = started.elapsed().as_secs_f64();
        let outcome = if response.errors.is_empty() {
            "ok"
        } else {
            "error"
        };
        let roots = std::mem::take(&mut *self.roots.lock().unwrap_or_else(PoisonError::into_inner));
        for operation in roots {
            metrics::counter!("graphql_operations_total", "operation" => operation.clone(), "outcome" => outcome)
                .increment(1);
            metrics::histogram!("graphql_operation_duration_seconds", "operation" => operation)
                .record(seconds);
        }
        response
    }
}
