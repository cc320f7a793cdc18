//! The annual catalogue's use cases (Art. 3(3)): open, submit, accept or reject, fix, consent,
//! publish and adjust; the year-end report; the link between an item and its decision; the
//! items late against their plan (Art. 38). Who may see and do what is `procedure::access`'s.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Caller, DeadlineToday, Idempotency, Seen, Service, ServiceError};
use crate::procedure::access::{catalogue_sight, may_act_on_catalogue};
use crate::procedure::catalogue::{
    self, Catalogue, CatalogueAct, CatalogueCommand, CatalogueContext, Change, Item, ItemChange,
    ItemFields, Linked, Report, ReportLine, ReportPublication,
};
use crate::procedure::{
    Actor, CatalogueLink, Decision, Denial, Official, Refusal, Sight, Stage, Text,
};
use crate::store::{LoadedCatalogue, NewKey, StoreError};

/// A catalogue as the caller may see it: the whole record for its organ's officials, the
/// published versions and report for everyone else.
#[derive(Debug, Clone)]
pub struct SeenCatalogue {
    pub catalogue: Catalogue,
    pub sight: Sight,
}

/// What a proposal says of the catalogue, before the service finds the item.
#[derive(Debug, Clone)]
pub enum CatalogueChoice {
    Item(String),
    Outside(Text),
    /// Neither: the core refuses it (`catalogue.link`).
    Unstated,
}

/// What a deadline belongs to: a decision, or a catalogue item (late against its plan).
#[derive(Debug, Clone)]
pub enum Subject {
    Decision(Box<Decision>),
    Item {
        catalogue_id: String,
        year: i32,
        item: Box<Item>,
    },
}

/// A catalogue's event as stored.
#[derive(Debug, Clone)]
pub struct CatalogueRecord {
    pub catalogue_id: String,
    pub seq: i64,
    pub kind: String,
    pub actor: Actor,
    pub occurred_on: Option<NaiveDate>,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    pub payload: serde_json::Value,
    pub hash: String,
}

fn denial(d: Denial) -> ServiceError {
    match d {
        Denial::Hidden => ServiceError::NotFound("该目录"),
        other => other.into(),
    }
}

fn missing(e: StoreError) -> ServiceError {
    match e {
        StoreError::NotFound => ServiceError::NotFound("该目录"),
        other => other.into(),
    }
}

impl Service {
    fn catalogue_context<'a>(&self, actor: &'a Actor) -> CatalogueContext<'a> {
        CatalogueContext {
            actor,
            today: self.today(),
            earliest: self.binding.profile.earliest_record_date,
        }
    }

    /// Opens the organ's catalogue for `year`, with the items last year's catalogue carried
    /// over. The office the profile names opens it.
    pub async fn open_catalogue(
        &self,
        official: &Official,
        year: i32,
        title: Option<Text>,
        opened_on: NaiveDate,
        key: Option<&Idempotency>,
    ) -> Result<Catalogue, ServiceError> {
        self.once(&official.id, key, |keep| {
            self.open_catalogue_keeping(official, year, title, opened_on, keep)
        })
        .await
    }

    #[tracing::instrument(skip_all, fields(actor = %official.id, year), err)]
    async fn open_catalogue_keeping(
        &self,
        official: &Official,
        year: i32,
        title: Option<Text>,
        opened_on: NaiveDate,
        keep: Option<NewKey>,
    ) -> Result<Catalogue, ServiceError> {
        let office = self.binding.profile.catalogue_office.role();
        if !official.has(office) {
            return Err(Refusal::Forbidden {
                act: CatalogueAct::Open.label(),
            }
            .into());
        }
        let actor = official.acting_as(office);
        let carried_in = match self
            .store
            .catalogue_of_year(&official.organ, year - 1)
            .await?
        {
            Some(last) => last.catalogue.carried_into(year),
            None => Vec::new(),
        };
        let title = title
            .unwrap_or_else(|| Text::generated(&Catalogue::default_title(&official.organ, year)));
        let (c, event) = catalogue::open(
            uuid::Uuid::now_v7().to_string(),
            official.organ.clone(),
            year,
            title,
            office,
            self.binding.profile.catalogue_adjustment_consent,
            opened_on,
            carried_in,
            &self.catalogue_context(&actor),
        )?;
        match self
            .store
            .create_catalogue(&c, &event, &actor, self.now(), keep.as_ref())
            .await
        {
            Ok(_) => Ok(c),
            Err(StoreError::Duplicate) => Err(ServiceError::Invalid(format!(
                "{}已经编制了{year}年度决策事项目录，每年一份；请在原目录中办理",
                official.organ
            ))),
            Err(e) => Err(e.into()),
        }
    }

    /// Runs one act on a catalogue. Office acts name the version they were judged on; a
    /// unit's submission does not (units submit independently of each other), and is judged
    /// again on the newest state when another act slipped in.
    pub async fn catalogue_act(
        &self,
        official: &Official,
        id: &str,
        expected_version: Option<i64>,
        cmd: CatalogueCommand,
        key: Option<&Idempotency>,
    ) -> Result<Catalogue, ServiceError> {
        self.once(&official.id, key, |keep| {
            self.catalogue_act_keeping(official, id, expected_version, cmd, keep)
        })
        .await
    }

    #[tracing::instrument(skip_all, fields(actor = %official.id, catalogue = id), err)]
    async fn catalogue_act_keeping(
        &self,
        official: &Official,
        id: &str,
        expected_version: Option<i64>,
        cmd: CatalogueCommand,
        keep: Option<NewKey>,
    ) -> Result<Catalogue, ServiceError> {
        let act = CatalogueAct::of(&cmd);
        let queue = match expected_version {
            // Only a catalogue that exists gets a queue: an unknown id leaves nothing behind.
            None => {
                self.load_catalogue(id).await?;
                Some(self.catalogue_writer(id))
            }
            Some(_) => None,
        };
        let _turn = match &queue {
            Some(q) => Some(q.lock().await),
            None => None,
        };
        let mut attempts = 0;
        loop {
            let before = self.load_catalogue(id).await?;
            let c = &before.catalogue;
            let lead = match &cmd {
                CatalogueCommand::Submit { change, .. } => match change {
                    Change::Add { fields } => Some(fields.lead_unit.as_str().to_owned()),
                    Change::Amend { item_id, .. } | Change::Withdraw { item_id } => c
                        .item(item_id)
                        .map(|i| i.fields.lead_unit.as_str().to_owned()),
                },
                _ => None,
            };
            let role = may_act_on_catalogue(official, act, c, lead.as_deref()).map_err(denial)?;
            // Who may act is answered first: a stale version says nothing to one who may not.
            if let Some(expected) = expected_version
                && expected != c.version as i64
            {
                return Err(ServiceError::VersionConflict {
                    what: "目录",
                    current: c.version as i64,
                });
            }
            if let CatalogueCommand::CarryOver(carry) = &cmd
                && let Some(l) = self.linked(&c.organ).await?.get(&carry.item_id)
                && l.decided_on.is_some()
            {
                return Err(Refusal::NothingToActOn {
                    act: act.label(),
                    why: "该事项已经集体讨论作出决定，无需结转",
                }
                .into());
            }
            let actor = official.acting_as(role);
            let events = catalogue::decide(c, &cmd, &self.catalogue_context(&actor))?;
            let next = catalogue::evolve(c, &events);
            match self
                .store
                .append_catalogue(&before, &next, &events, &actor, self.now(), keep.as_ref())
                .await
            {
                Ok(_) => return Ok(next),
                Err(StoreError::VersionConflict { .. })
                    if expected_version.is_none() && attempts < 3 =>
                {
                    attempts += 1;
                }
                Err(StoreError::VersionConflict { current }) => {
                    return Err(ServiceError::VersionConflict {
                        what: "目录",
                        current,
                    });
                }
                Err(e) => return Err(missing(e)),
            }
        }
    }

    /// Bulk entry: the rows of the engine's own CSV become items of the first version, all or
    /// nothing.
    pub async fn import_catalogue(
        &self,
        official: &Official,
        id: &str,
        expected_version: i64,
        rows: Vec<ItemFields>,
        imported_on: NaiveDate,
        key: Option<&Idempotency>,
    ) -> Result<Catalogue, ServiceError> {
        let items = rows
            .into_iter()
            .map(|f| (uuid::Uuid::now_v7().to_string(), f))
            .collect();
        self.catalogue_act(
            official,
            id,
            Some(expected_version),
            CatalogueCommand::Import { items, imported_on },
            key,
        )
        .await
    }

    /// Publishes the year-end report: each item of the latest version with what became of it,
    /// fixed as of publication.
    pub async fn publish_catalogue_report(
        &self,
        official: &Official,
        id: &str,
        expected_version: i64,
        publication: ReportPublication,
        key: Option<&Idempotency>,
    ) -> Result<Catalogue, ServiceError> {
        let c = self.load_catalogue(id).await?.catalogue;
        let linked = self.linked(&c.organ).await?;
        let report = Report {
            version: c.latest().map_or(0, |v| v.number),
            lines: c.report_lines(|item| linked.get(item).cloned()),
            publication,
        };
        self.catalogue_act(
            official,
            id,
            Some(expected_version),
            CatalogueCommand::PublishReport(report),
            key,
        )
        .await
    }

    /// The organ's catalogue of `year`. The organ is the caller's own unless named; the public
    /// naming none gets the one organ with a published catalogue that year, if there is one.
    pub async fn catalogue_of_year(
        &self,
        caller: &Caller,
        organ: Option<&str>,
        year: i32,
    ) -> Result<Option<SeenCatalogue>, ServiceError> {
        let organ = match (organ, caller) {
            (Some(o), _) => o.to_owned(),
            (None, Caller::Official(o)) => o.organ.clone(),
            (None, Caller::Public) => {
                let mut published = Vec::new();
                for organ in self.store.organs_with_catalogue(year).await? {
                    if let Some(l) = self.store.catalogue_of_year(&organ, year).await?
                        && !l.catalogue.versions.is_empty()
                    {
                        published.push(l.catalogue);
                    }
                }
                return match published.len() {
                    0 => Ok(None),
                    1 => Ok(published.pop().and_then(|c| self.seen_catalogue(caller, c))),
                    _ => Err(ServiceError::Invalid(format!(
                        "本站公布了多个决策机关的{year}年度目录，请以 organ 参数指明：{}",
                        published
                            .iter()
                            .map(|c| c.organ.as_str())
                            .collect::<Vec<_>>()
                            .join("、")
                    ))),
                };
            }
        };
        Ok(self
            .store
            .catalogue_of_year(&organ, year)
            .await?
            .and_then(|l| self.seen_catalogue(caller, l.catalogue)))
    }

    pub async fn catalogue(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<SeenCatalogue, ServiceError> {
        let c = self.load_catalogue(id).await?.catalogue;
        self.seen_catalogue(caller, c)
            .ok_or(ServiceError::NotFound("该目录"))
    }

    /// The catalogues the caller may see: the own organ's all, every organ's published ones.
    pub async fn catalogues(&self, caller: &Caller) -> Result<Vec<SeenCatalogue>, ServiceError> {
        Ok(self
            .store
            .catalogues(None)
            .await?
            .into_iter()
            .filter_map(|c| self.seen_catalogue(caller, c))
            .collect())
    }

    fn seen_catalogue(&self, caller: &Caller, c: Catalogue) -> Option<SeenCatalogue> {
        match catalogue_sight(caller.viewer(), &c) {
            Sight::Record => Some(SeenCatalogue {
                catalogue: c,
                sight: Sight::Record,
            }),
            Sight::Published => c.published_view().map(|catalogue| SeenCatalogue {
                catalogue,
                sight: Sight::Published,
            }),
            Sight::Nothing => None,
        }
    }

    /// The record of a catalogue, for its organ's officials.
    async fn catalogue_record(&self, caller: &Caller, id: &str) -> Result<Catalogue, ServiceError> {
        let c = self.load_catalogue(id).await?.catalogue;
        match catalogue_sight(caller.viewer(), &c) {
            Sight::Record => Ok(c),
            Sight::Published => Err(match caller {
                Caller::Public => ServiceError::Unauthenticated,
                Caller::Official(_) => ServiceError::Forbidden("查阅该目录的过程记录"),
            }),
            Sight::Nothing => Err(ServiceError::NotFound("该目录")),
        }
    }

    pub async fn catalogue_history(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<Vec<CatalogueRecord>, ServiceError> {
        self.catalogue_record(caller, id).await?;
        Ok(self.store.catalogue_history(id).await?)
    }

    /// The first event of the catalogue's chain that no longer matches, if any.
    pub async fn verify_catalogue(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<Option<i64>, ServiceError> {
        self.catalogue_record(caller, id).await?;
        self.store.verify_catalogue(id).await.map_err(missing)
    }

    /// What version `to` changed from version `from`, item by item.
    pub async fn catalogue_diff(
        &self,
        caller: &Caller,
        id: &str,
        from: u32,
        to: u32,
    ) -> Result<Vec<ItemChange>, ServiceError> {
        let seen = self.catalogue(caller, id).await?;
        Ok(catalogue::diff(&seen.catalogue, from, to)?)
    }

    /// The year-end report's lines as things stand today (before it is published), for the
    /// organ's officials.
    pub async fn report_preview(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<Vec<ReportLine>, ServiceError> {
        let c = self.catalogue_record(caller, id).await?;
        let linked = self.linked(&c.organ).await?;
        Ok(c.report_lines(|item| linked.get(item).cloned()))
    }

    /// The decision an item links to, as the caller may see it.
    pub async fn item_decision(
        &self,
        caller: &Caller,
        organ: &str,
        item_id: &str,
    ) -> Result<Option<Seen>, ServiceError> {
        let decisions = self.store.decisions_of_item(item_id).await?;
        Ok(pick(
            decisions
                .into_iter()
                .filter(|d| d.organ() == organ)
                .collect(),
        )
        .and_then(|d| self.seen(caller, d)))
    }

    /// Per item of the organ's catalogues, the decision that decides it: the newest one not
    /// withdrawn, else the newest.
    pub async fn linked(&self, organ: &str) -> Result<HashMap<String, Linked>, ServiceError> {
        let mut per_item: HashMap<String, Vec<Decision>> = HashMap::new();
        for d in self.store.linked_decisions(organ).await? {
            if let Some(item) = d.proposal.catalogue.as_ref().and_then(|l| l.item_id()) {
                per_item.entry(item.to_owned()).or_default().push(d);
            }
        }
        Ok(per_item
            .into_iter()
            .filter_map(|(item, ds)| pick(ds).map(|d| (item, Linked::of(&d))))
            .collect())
    }

    /// The items of the organ's catalogues late against their plan, as deadlines.
    pub(super) async fn catalogue_deadlines(
        &self,
        organ: &str,
        today: NaiveDate,
    ) -> Result<Vec<(Subject, DeadlineToday)>, ServiceError> {
        let linked = self.linked(organ).await?;
        let version = self.binding.calendar_version.clone();
        let mut out = Vec::new();
        for c in self.store.catalogues(Some(organ)).await? {
            for (item, dl) in c.deadlines(|i| linked.get(i).cloned(), &version) {
                out.push((
                    Subject::Item {
                        catalogue_id: c.id.clone(),
                        year: c.year,
                        item: Box::new(item),
                    },
                    DeadlineToday::new(dl, today, &self.calendar),
                ));
            }
        }
        Ok(out)
    }

    /// Records, as the engine, each item that became late and is not recorded yet.
    pub(super) async fn sweep_catalogues(&self) -> Result<usize, ServiceError> {
        let today = self.today();
        let system = Actor::system();
        let mut recorded = 0;
        let mut linked_per_organ: HashMap<String, HashMap<String, Linked>> = HashMap::new();
        for c in self.store.catalogues(None).await? {
            if !linked_per_organ.contains_key(&c.organ) {
                linked_per_organ.insert(c.organ.clone(), self.linked(&c.organ).await?);
            }
            let linked = &linked_per_organ[&c.organ];
            let Some(before) = self.store.load_catalogue(&c.id).await? else {
                continue;
            };
            let events = before
                .catalogue
                .newly_late(|i| linked.get(i).cloned(), today);
            if events.is_empty() {
                continue;
            }
            let next = catalogue::evolve(&before.catalogue, &events);
            match self
                .store
                .append_catalogue(&before, &next, &events, &system, self.now(), None)
                .await
            {
                Ok(written) => recorded += written.len(),
                // An official wrote meanwhile: the next run records it.
                Err(StoreError::VersionConflict { .. }) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Ok(recorded)
    }

    /// Finds the catalogue item a proposal names: listed in a published catalogue of the
    /// proposer's organ on the day of the proposal, and not already decided by another live decision (an Art. 37 change
    /// of that decision may name it again).
    pub(super) async fn catalogue_link(
        &self,
        official: &Official,
        choice: CatalogueChoice,
        amends: Option<&str>,
        proposed_on: NaiveDate,
    ) -> Result<Option<CatalogueLink>, ServiceError> {
        let item_id = match choice {
            CatalogueChoice::Unstated => return Ok(None),
            CatalogueChoice::Outside(reason) => {
                return Ok(Some(CatalogueLink::Outside { reason }));
            }
            CatalogueChoice::Item(id) => id,
        };
        // The version in force on the day the matter was proposed (records are back-filled:
        // an item withdrawn since was still listed then).
        let listed = self
            .store
            .catalogues(Some(&official.organ))
            .await?
            .into_iter()
            .find_map(|c| {
                let item = c
                    .in_force_on(proposed_on)?
                    .items
                    .iter()
                    .find(|i| i.id == item_id && i.is_active())?
                    .clone();
                Some((c.id.clone(), c.year, item))
            });
        let Some((catalogue_id, year, item)) = listed else {
            return Err(Refusal::NotFound {
                what: "本机关已公布目录中在列的该事项",
            }
            .into());
        };
        let live = self
            .store
            .decisions_of_item(&item_id)
            .await?
            .into_iter()
            .find(|d| d.stage != Stage::Withdrawn && Some(d.id.as_str()) != amends);
        if live.is_some() {
            return Err(Refusal::NothingToActOn {
                act: "提出决策事项",
                why: "该目录事项已有正在办理或者已经作出的决策；决策作出后需要调整的，应当写明所调整的决策",
            }
            .into());
        }
        Ok(Some(CatalogueLink::Item {
            catalogue_id,
            year,
            item_id,
            item_name: item.fields.name,
        }))
    }

    /// The queue of the catalogue's unit submissions in this process.
    fn catalogue_writer(&self, id: &str) -> std::sync::Arc<tokio::sync::Mutex<()>> {
        self.catalogue_writers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(id.to_owned())
            .or_default()
            .clone()
    }

    async fn load_catalogue(&self, id: &str) -> Result<LoadedCatalogue, ServiceError> {
        self.store
            .load_catalogue(id)
            .await?
            .ok_or(ServiceError::NotFound("该目录"))
    }
}

/// The decision that decides an item: the newest not withdrawn, else the newest.
fn pick(mut ds: Vec<Decision>) -> Option<Decision> {
    let live = ds.iter().rposition(|d| d.stage != Stage::Withdrawn);
    match live {
        Some(i) => Some(ds.swap_remove(i)),
        None => ds.pop(),
    }
}
