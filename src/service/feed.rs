//! A subscription's feed of events: live from the store's channel, and from the store itself
//! for what the subscriber missed — resuming after a position, or fallen behind the channel.

use std::collections::VecDeque;

use tokio::sync::broadcast;

use super::{CATCH_UP_LIMIT, Caller, RecordedEvent, Service, ServiceError};

/// Events read from the store per page of a replay.
const EVENT_PAGE: u64 = 500;

/// How often an open subscription checks that its account still works: a revoked or expired
/// token ends the stream within this time even when no event arrives.
const RECHECK: std::time::Duration = std::time::Duration::from_secs(2);

impl Service {
    /// The events of decision `wanted` (of all when `None`) whose record the caller sees: after
    /// position `after` when given, else from now on.
    pub async fn feed(
        self,
        caller: Caller,
        wanted: Option<String>,
        after: Option<i64>,
    ) -> Result<Feed, ServiceError> {
        // Subscribed before the store is read, so that nothing committed in between is missed.
        let live = self.subscribe();
        let (cursor, catching_up) = match after {
            Some(after) => (after, true),
            None => (self.last_position().await?, false),
        };
        let mut recheck = tokio::time::interval(RECHECK);
        recheck.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        Ok(Feed {
            live,
            recheck,
            service: self,
            caller,
            wanted,
            cursor,
            catching_up,
            replayed: 0,
            limit: CATCH_UP_LIMIT,
            page: EVENT_PAGE,
            pending: VecDeque::new(),
        })
    }
}

/// One subscription's state: the live events, and where it stands in the sequence of all.
pub struct Feed {
    live: broadcast::Receiver<RecordedEvent>,
    recheck: tokio::time::Interval,
    service: Service,
    caller: Caller,
    wanted: Option<String>,
    /// The position of the last event delivered or passed over.
    cursor: i64,
    /// Reading missed events from the store rather than from the live channel.
    catching_up: bool,
    /// Events replayed in this catch-up, against `limit`.
    replayed: usize,
    /// At most this many events replayed in one catch-up ([`CATCH_UP_LIMIT`]).
    limit: usize,
    /// Events read from the store at a time.
    page: u64,
    pending: VecDeque<RecordedEvent>,
}

impl Feed {
    /// The next event the subscriber may see; `None` when the stream ends.
    pub async fn next(&mut self) -> Result<Option<RecordedEvent>, ServiceError> {
        loop {
            if let Some(e) = self.pending.pop_front() {
                return Ok(Some(e));
            }
            if self.catching_up {
                if self.replayed > self.limit {
                    return Err(ServiceError::SubscriberBehind {
                        resume_after: self.cursor,
                    });
                }
                if !self.service.still_active(&self.caller).await? {
                    return Ok(None);
                }
                let (seen, last, more) = self
                    .service
                    .events_after(&self.caller, self.wanted.as_deref(), self.cursor, self.page)
                    .await?;
                self.cursor = last;
                self.replayed += seen.len();
                self.pending.extend(seen);
                if !more {
                    // Whatever was committed after this read is in the live channel: no gap.
                    self.catching_up = false;
                    self.replayed = 0;
                }
                continue;
            }
            let event = tokio::select! {
                r = self.live.recv() => match r {
                    Ok(e) => e,
                    // Missed by the channel, not by the store: read them there.
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        self.catching_up = true;
                        continue;
                    }
                    Err(broadcast::error::RecvError::Closed) => return Ok(None),
                },
                _ = self.recheck.tick() => {
                    if !self.service.still_active(&self.caller).await.unwrap_or(false) {
                        return Ok(None);
                    }
                    continue;
                }
            };
            // Already read from the store during a catch-up.
            if event.position <= self.cursor {
                continue;
            }
            self.cursor = event.position;
            if self
                .wanted
                .as_ref()
                .is_some_and(|w| *w != event.decision_id)
            {
                continue;
            }
            // One rule for what a caller sees: the service's, asked per event.
            if !self
                .service
                .sees_record(&self.caller, &event.decision_id)
                .await?
            {
                continue;
            }
            if !self
                .service
                .still_active(&self.caller)
                .await
                .unwrap_or(false)
            {
                return Ok(None);
            }
            return Ok(Some(event));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::NaiveDate;

    use super::*;
    use crate::clock::FixedClock;
    use crate::procedure::*;
    use crate::service::CatalogueChoice;
    use crate::store::{self, NewAccount, Store};

    fn text(s: &str) -> Text {
        Text::parse("text", s).expect("text")
    }

    #[tokio::test]
    async fn a_subscriber_the_channel_left_behind_reads_what_it_missed_from_the_store() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = store::connect(&format!("sqlite://{}/t.db", dir.path().display()))
            .await
            .expect("opens");
        // The live channel holds two events: twelve proposals overflow it.
        let store = Store::with_subscriber_buffer(db, 2);
        let day = NaiveDate::from_ymd_opt(2026, 6, 15).expect("date");
        let clock = FixedClock::china(day, 10).expect("10:00");
        let (account, _) = store
            .add_account(
                NewAccount {
                    name: "经办人".into(),
                    organ: "平桥区人民政府".into(),
                    unit: "区住房和城乡建设局".into(),
                    roles: vec![Role::Sponsor],
                    expires_at: None,
                },
                chrono::Utc::now(),
            )
            .await
            .expect("account");
        let service = Service::new(
            store,
            crate::config::load_profile("henan").expect("profile"),
            crate::config::load_calendar(None).expect("calendar"),
            Arc::new(clock),
        )
        .expect("service");
        let mut feed = service
            .clone()
            .feed(Caller::Official(account.official.clone()), None, None)
            .await
            .expect("feed");
        for _ in 0..12 {
            service
                .propose(
                    &account.official,
                    Proposal {
                        title: text("城区老旧小区改造实施方案"),
                        summary: text("对老旧小区实施综合改造"),
                        category: Category::HenanPublicService,
                        nature: MatterNature::Ordinary,
                        source: ProposalSource::OrganLeader,
                        source_statement: SourceStatement::default(),
                        legal_basis: vec![text("《城乡规划法》")],
                        flags: Flags::default(),
                        amends: None,
                        proposed_on: day,
                        catalogue: None,
                    },
                    CatalogueChoice::Outside(text("年中新增事项")),
                )
                .await
                .expect("proposed");
        }
        let mut positions = Vec::new();
        for _ in 0..12 {
            let event = feed.next().await.expect("read").expect("an event");
            positions.push(event.position);
        }
        assert_eq!(positions, (1..=12).collect::<Vec<i64>>());

        // Resuming from the start with a catch-up bound of 3, read 2 at a time: 4 events, then
        // the subscriber is told where to resume, and a new feed goes on from there.
        let caller = Caller::Official(account.official.clone());
        let mut behind = service
            .clone()
            .feed(caller.clone(), None, Some(0))
            .await
            .expect("feed");
        (behind.limit, behind.page) = (3, 2);
        let mut positions = Vec::new();
        let told = loop {
            match behind.next().await {
                Ok(Some(e)) => positions.push(e.position),
                other => break other,
            }
        };
        assert_eq!(positions, [1, 2, 3, 4]);
        assert!(
            matches!(
                told,
                Err(ServiceError::SubscriberBehind { resume_after: 4 })
            ),
            "{told:?}"
        );
        let mut resumed = service.feed(caller, None, Some(4)).await.expect("feed");
        let next = resumed.next().await.expect("read").expect("an event");
        assert_eq!(next.position, 5);
    }
}
