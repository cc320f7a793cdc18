//! Batch loading for fields that each decision of a page would otherwise read on its own: one
//! request's `history` of many decisions is read in one query, not one per decision.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};

use crate::service::{Caller, RecordedEvent, Service, ServiceError};

/// The histories of the decisions one request asks for, as its caller may see them.
pub struct HistoryLoader {
    service: Service,
    caller: Caller,
}

impl HistoryLoader {
    /// One per request: what it loads is its caller's to see.
    pub fn for_request(service: Service, caller: Caller) -> DataLoader<HistoryLoader> {
        DataLoader::new(HistoryLoader { service, caller }, tokio::spawn)
    }
}

impl Loader<String> for HistoryLoader {
    /// `None` from the map (no entry) for a decision whose record the caller does not see: the
    /// field asks the service on its own, which says why.
    type Value = Vec<RecordedEvent>;
    type Error = Arc<ServiceError>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Self::Value>, Self::Error> {
        self.service
            .histories(&self.caller, ids)
            .await
            .map_err(Arc::new)
    }
}
