//! The year's statistics (issue 12; Art. 9 puts the procedure into the annual assessment): the
//! use case, and the one place that decides whose decisions a reader's figures count.
//!
//! Who sees what: an official's figures count the decisions of their own organ whose whole
//! record they see (`Sight::Record`, the same rule as every read of a record) — the government
//! office, the review office and the auditor see the organ's, a sponsor its unit's, a counsel
//! the reviews assigned to them; the public has no statistics. The catalogue's figures are of
//! the organ's catalogue for the year, which every official of the organ sees.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Caller, Service, ServiceError};
use crate::calendar::Calendar;
use crate::procedure::statistics::{self, CatalogueInput, Sources, Statistics, YEARS};
use crate::procedure::{Decision, Sight};

impl Service {
    /// The statistics of `year` for the caller's organ (`organ`, if named, must be it).
    #[tracing::instrument(skip(self, caller), fields(account = ?caller.official().map(|o| &o.id).ok()), err)]
    pub async fn annual_statistics(
        &self,
        caller: &Caller,
        year: i32,
        organ: Option<&str>,
    ) -> Result<Statistics, ServiceError> {
        let official = caller.official()?;
        if !YEARS.contains(&year) {
            return Err(ServiceError::Invalid(format!(
                "统计年度应在{}年至{}年之间，收到的是{year}",
                YEARS.start(),
                YEARS.end()
            )));
        }
        if let Some(o) = organ
            && o != official.organ
        {
            return Err(ServiceError::Forbidden("查看其他决策机关的统计"));
        }
        let organ = official.organ.as_str();
        let mut decisions = Vec::new();
        let mut comments = HashMap::new();
        for (d, n) in self.store.decisions_of_organ(organ).await? {
            if self.sight(caller, &d) == Sight::Record {
                comments.insert(d.id.clone(), n);
                decisions.push(d);
            }
        }
        // Each decision counts working days and filing deadlines with the calendar it is bound
        // to; a calendar that cannot be had leaves only that decision's such figures out.
        let mut calendars: HashMap<String, Arc<Calendar>> = HashMap::new();
        for d in &decisions {
            let version = &d.binding.calendar_version;
            if !calendars.contains_key(version) {
                match self.calendar_for(version).await {
                    Ok(c) => {
                        calendars.insert(version.clone(), c);
                    }
                    Err(e) => {
                        tracing::warn!(error = %e.chain(), decision = %d.id, "statistics without the decision's calendar")
                    }
                }
            }
        }
        let catalogue = self
            .store
            .catalogue_of_year(organ, year)
            .await?
            .map(|l| l.catalogue);
        let linked = match &catalogue {
            Some(_) => self.linked(organ).await?,
            None => HashMap::new(),
        };
        let count = |id: &str| comments.get(id).copied().unwrap_or(0);
        let calendar = |d: &Decision| calendars.get(&d.binding.calendar_version).map(|c| &**c);
        Ok(statistics::annual(
            year,
            organ,
            &decisions,
            &Sources {
                comments: &count,
                calendar: &calendar,
                catalogue: catalogue.as_ref().map(|catalogue| CatalogueInput {
                    catalogue,
                    linked: &linked,
                }),
                today: self.today(),
            },
        ))
    }
}
