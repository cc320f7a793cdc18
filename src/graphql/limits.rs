//! What one request may cost (issue 7, "What one request may cost").
//!
//! Four bounds, each against one way a single client could take the server from everyone else:
//! - the *cost* of a query, weighed before anything runs: a field that reads the database or
//!   recomputes weighs what that costs, a page weighs its rows (`first`) times what each row
//!   asks for. async-graphql's default counts every field as 1, whatever it does and however
//!   many rows it repeats over, so 500 aliases of a page of 100 hash-chain verifications passed;
//! - a *lower bound* of that weight, counted in linear time before async-graphql's own checks
//!   walk the document (they repeat a fragment at every spread, so a few nested fragments each
//!   spread twice take exponential time — a CPU no timeout can take back), in which each act of
//!   a mutation weighs a durable write (the library's weight counts it as a plain field);
//! - the database work one request has *in flight at once* ([`DbShare`]), and the scans of every
//!   decision the whole server runs at once (`Service::scan_turn`, shared with the statistics pages): async-graphql resolves sibling
//!   fields concurrently, so 500 aliases were 500 reads queued on the pool ahead of every other
//!   official's;
//! - the public's writes, per client over time ([`PublicWrites`]), on top of one per request.
//!
//! The time budget of a request is the HTTP layer's (`http::Limits`): it is what drops the work
//! of a request that is allowed but still too slow.

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection, SelectionSet};
use governor::clock::FakeRelativeClock;
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::DashMapStateStore;
use governor::{Quota, RateLimiter};
use tokio::sync::{Semaphore, SemaphorePermit};

/// The weight of one field the resolver answers from what it already holds. Everything below is
/// counted in these.
///
/// One database read of one decision's rows (its history, its comments) or a recomputation of
/// its deadlines: a round trip and a few dozen rows, some ten times a plain field.
pub(super) const READ: usize = 10;
/// Recomputing a decision's hash chain reads every event in full and hashes each: a read and
/// then as much again.
pub(super) const VERIFY: usize = 2 * READ;
/// A report across decisions (`deadlines`, `overdueByUnit` on `Query`): it reads the decisions
/// the deadline index names — for the overdue view, those with a late deadline; unfiltered,
/// every decision with a deadline — so its cost grows with what it reports, which may be more
/// than a page. Weighed as a page of 100 decisions with their deadlines (100 × (1 + READ) ≈
/// 1,100), doubled because it may hold more than a page.
pub(super) const SCAN: usize = 2_000;
/// The largest page `decisions` answers; its weight multiplies by `first`, up to this.
pub(super) const MAX_PAGE: i32 = 100;

/// The most a query may weigh. A page of 100 decisions with a dozen or two of their own fields
/// weighs 1,500–3,000; one decision with its history and its verification about 50; the
/// README's walkthrough queries under 100; the overdue view (`deadlines` and `overdueByUnit`
/// together) about 4,000. What issue 7 found weighs far more: 500 aliases of
/// `decisions(first: 100) { nodes { historyVerification { intact } } }` weigh 500 × 2,210, 999
/// aliases of `deadlines` 999 × 2,000.
pub(super) const MAX_COMPLEXITY: usize = 10_000;
/// No field of the schema nests that deep; it stops documents built only to be deep.
pub(super) const MAX_DEPTH: usize = 12;

/// The weight of a page of `first` rows (20 when not given, as the resolver reads it), each
/// weighing `child`, plus the read that lists them. Out-of-range values are clamped: the
/// resolver refuses them, and nothing here may overflow.
pub(super) fn page(first: Option<i32>, child: usize) -> usize {
    let rows = first.unwrap_or(20).clamp(0, MAX_PAGE) as usize;
    READ.saturating_add(rows.saturating_mul(child))
}

/// An act weighs this in the pre-check below: a transaction made durable (an fsync on SQLite),
/// as much as some ten reads, and an act answers its decision (a read) as well. Acts run one
/// after another, so this bounds how long a document of aliased acts holds the server: at most
/// 99 acts a request, where a client makes one.
pub(super) const WRITE: usize = 100;

/// A lower bound of what the document weighs, counted in time linear in its size before any
/// other check walks it: every selection (field, fragment spread, inline fragment) the operations
/// make once every fragment is written out weighs 1 — what the library's own checks walk — and
/// every act a mutation makes weighs [`WRITE`]. Each fragment is counted once, however often it
/// is spread. Spreads count too: a chain of fragments that ends in no field (a spread of an
/// unknown fragment) is still walked at every spread. A spread of a fragment that is being
/// counted (a cycle, which the library refuses anyway) counts only itself.
pub(super) fn least_weight(doc: &ExecutableDocument) -> usize {
    let mut selections_of = HashMap::new();
    let mut acts_of = HashMap::new();
    doc.operations
        .iter()
        .map(|(_, op)| {
            let set = &op.node.selection_set.node;
            let all = selections(set, doc, &mut selections_of);
            match op.node.ty {
                OperationType::Mutation => {
                    let acts = acts(set, doc, &mut acts_of);
                    all.saturating_add(acts.saturating_mul(WRITE - 1))
                }
                OperationType::Query | OperationType::Subscription => all,
            }
        })
        .fold(0, usize::saturating_add)
}

/// What a fragment counts, by `count`, memoized in `counted` (`None` while it is being counted).
fn fragment<'d>(
    name: &'d str,
    doc: &'d ExecutableDocument,
    counted: &mut HashMap<&'d str, Option<usize>>,
    count: fn(
        &'d SelectionSet,
        &'d ExecutableDocument,
        &mut HashMap<&'d str, Option<usize>>,
    ) -> usize,
) -> usize {
    match counted.get(name) {
        Some(Some(n)) => *n,
        Some(None) => 0,
        None => match doc.fragments.get(name) {
            // An unknown fragment is the library's to refuse.
            None => 0,
            Some(f) => {
                counted.insert(name, None);
                let n = count(&f.node.selection_set.node, doc, counted);
                counted.insert(name, Some(n));
                n
            }
        },
    }
}

/// The selections of one selection set, at every level, written out.
fn selections<'d>(
    set: &'d SelectionSet,
    doc: &'d ExecutableDocument,
    counted: &mut HashMap<&'d str, Option<usize>>,
) -> usize {
    set.items
        .iter()
        .map(|item| {
            let inside = match &item.node {
                Selection::Field(f) => selections(&f.node.selection_set.node, doc, counted),
                Selection::InlineFragment(f) => {
                    selections(&f.node.selection_set.node, doc, counted)
                }
                Selection::FragmentSpread(s) => {
                    fragment(&s.node.fragment_name.node, doc, counted, selections)
                }
            };
            1usize.saturating_add(inside)
        })
        .fold(0, usize::saturating_add)
}

/// The fields of one selection set at its own level, through fragments: a mutation's acts.
fn acts<'d>(
    set: &'d SelectionSet,
    doc: &'d ExecutableDocument,
    counted: &mut HashMap<&'d str, Option<usize>>,
) -> usize {
    set.items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(_) => 1,
            Selection::InlineFragment(f) => acts(&f.node.selection_set.node, doc, counted),
            Selection::FragmentSpread(s) => {
                fragment(&s.node.fragment_name.node, doc, counted, acts)
            }
        })
        .fold(0, usize::saturating_add)
}

/// How many database calls of one request may be in flight at once. A request's sibling fields
/// resolve concurrently; without a bound, a page of 100 decisions each with its history queued
/// 100 reads on the pool at once, ahead of every other request's. With it, another official's
/// read or write waits behind at most this many of the request's reads. Four keeps a page's
/// reads overlapping on PostgreSQL's pool (ten connections by default) while leaving most of
/// the pool to others; SQLite runs one statement at a time in any case.
pub(super) const DB_CALLS_PER_REQUEST: usize = 4;

/// One request's share of the database: [`DB_CALLS_PER_REQUEST`] turns. The HTTP layer puts a
/// fresh one in each request's data (and in each WebSocket connection's); a request without one
/// (the demo loader, which runs in-process) is not bounded.
pub struct DbShare(Semaphore);

impl DbShare {
    pub fn per_request() -> Self {
        Self(Semaphore::new(DB_CALLS_PER_REQUEST))
    }

    /// Waits for one of the request's turns.
    pub(super) async fn turn(&self) -> Option<SemaphorePermit<'_>> {
        // The semaphore is never closed, so `acquire` cannot fail; if it ever did, the call
        // would run unbounded rather than fail the read.
        self.0.acquire().await.ok()
    }
}

/// How often one client may write as the public: `per_minute` on average, up to `burst` at once
/// (then one more every `60 / per_minute` seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicWriteQuota {
    pub per_minute: NonZeroU32,
    pub burst: NonZeroU32,
}

/// Ten a minute, twenty at once: far above what a person writes (a comment takes minutes), and
/// enough for a few people behind one address (an office, a carrier's NAT) writing at the same
/// time; a flood from one address stores at most 600 an hour.
pub const DEFAULT_PUBLIC_WRITES_PER_MINUTE: u32 = 10;
pub const DEFAULT_PUBLIC_WRITE_BURST: u32 = 20;

impl Default for PublicWriteQuota {
    fn default() -> Self {
        Self::new(DEFAULT_PUBLIC_WRITES_PER_MINUTE, DEFAULT_PUBLIC_WRITE_BURST)
    }
}

impl PublicWriteQuota {
    /// A quota of `per_minute` and `burst`, each at least 1 (a limit of none would refuse every
    /// comment, which is no way to close a consultation).
    pub fn new(per_minute: u32, burst: u32) -> Self {
        Self {
            per_minute: NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN),
            burst: NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN),
        }
    }

    fn quota(&self) -> Quota {
        Quota::per_minute(self.per_minute).allow_burst(self.burst)
    }
}

/// The time the public-write limiter counts in. In the server, the machine's monotonic clock
/// (elapsed time, which no wall-clock change moves); in a test, a [`ManualPace`] that stands
/// still until the test advances it, so a limit is proven without waiting or racing the clock.
/// Not the service's [`crate::clock::Clock`]: that is the statutory date, which a test moves
/// back and forth between days, and a limit over time needs time that only goes forward.
#[derive(Debug, Clone)]
pub struct Pace(PaceSource);

#[derive(Debug, Clone)]
enum PaceSource {
    Monotonic(std::time::Instant),
    Manual(FakeRelativeClock),
}

impl Pace {
    pub fn monotonic() -> Self {
        Self(PaceSource::Monotonic(std::time::Instant::now()))
    }
}

impl Default for Pace {
    fn default() -> Self {
        Self::monotonic()
    }
}

impl governor::clock::Clock for Pace {
    type Instant = Nanos;

    fn now(&self) -> Nanos {
        match &self.0 {
            PaceSource::Monotonic(start) => start.elapsed().into(),
            PaceSource::Manual(clock) => clock.now(),
        }
    }
}

/// A pace that a test moves by hand; its clones share the time.
#[derive(Debug, Clone, Default)]
pub struct ManualPace(FakeRelativeClock);

impl ManualPace {
    pub fn advance(&self, by: Duration) {
        self.0.advance(by);
    }

    pub fn pace(&self) -> Pace {
        Pace(PaceSource::Manual(self.0.clone()))
    }
}

/// How many checks pass between two sweeps of the limiter's table: each sweep drops the clients
/// whose budget has refilled (they are no different from a client never seen), so the table
/// holds only the recently active and cannot grow with every address that ever wrote.
const SWEEP_EVERY: u64 = 1024;

/// The public's writes per client over time: a keyed GCRA limiter (`governor`), one budget per
/// client address. Shared by every request of a server; any public write (a comment today, the
/// public's feedback tomorrow) draws on the same budget through [`PublicWrite::take`].
pub struct PublicWrites {
    quota: PublicWriteQuota,
    pace: Pace,
    limiter: RateLimiter<IpAddr, DashMapStateStore<IpAddr>, Pace, NoOpMiddleware<Nanos>>,
    checks: AtomicU64,
}

/// A public write refused: one was made in this request already, or the client's budget is
/// spent until `retry_after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TooMany {
    InRequest,
    OverTime {
        per_minute: NonZeroU32,
        retry_after: Duration,
    },
}

impl PublicWrites {
    pub fn new(quota: PublicWriteQuota, pace: Pace) -> Self {
        Self {
            quota,
            limiter: RateLimiter::dashmap_with_clock(quota.quota(), pace.clone()),
            pace,
            checks: AtomicU64::new(0),
        }
    }

    /// Spends one of `client`'s writes for a form of the public website, from the same budget as
    /// the API's; `Err` says how long until the client has one again.
    pub fn spend(&self, client: IpAddr) -> Result<(), Duration> {
        match self.admit(client_key(client)) {
            Ok(()) => Ok(()),
            Err(TooMany::OverTime { retry_after, .. }) => Err(retry_after),
            Err(TooMany::InRequest) => Err(Duration::ZERO),
        }
    }

    /// Spends one of `client`'s writes, or says how long until it has one.
    fn admit(&self, client: IpAddr) -> Result<(), TooMany> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
        }
        self.limiter.check_key(&client).map_err(|not_until| {
            use governor::clock::Clock as _;
            TooMany::OverTime {
                per_minute: self.quota.per_minute,
                retry_after: not_until.wait_time_from(self.pace.now()),
            }
        })
    }
}

/// The client a budget belongs to: its address, an IPv6 address by its /64 (one subscriber's
/// network, in which a client picks any address it likes), an IPv4-mapped IPv6 address as the
/// IPv4 address it is.
pub fn client_key(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(prefix.into())
            }
        },
    }
}

/// The public writes one request may make: at most one (so 500 aliased comments store one), and
/// only while its client's budget over time lasts. Each HTTP request carries one; a request
/// without it (a WebSocket operation) makes no public write at all.
pub struct PublicWrite {
    left: AtomicBool,
    budget: (Arc<PublicWrites>, IpAddr),
}

impl PublicWrite {
    /// The one write of a request from `client`, drawn on `limits`.
    pub fn for_client(limits: Arc<PublicWrites>, client: IpAddr) -> Self {
        Self {
            left: AtomicBool::new(true),
            budget: (limits, client_key(client)),
        }
    }

    /// Takes the request's write: the first time only, and only if the client has budget left.
    /// A second write in the same request spends nothing of the client's budget; a write taken
    /// is spent whatever becomes of it (a comment refused as too long, or on a closed
    /// consultation, counts too: a flood of refused writes is still a flood).
    pub(super) fn take(&self) -> Result<(), TooMany> {
        if !self.left.swap(false, Ordering::AcqRel) {
            return Err(TooMany::InRequest);
        }
        let (limits, client) = &self.budget;
        limits.admit(*client)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::parser::parse_query;

    fn n(v: u32) -> NonZeroU32 {
        NonZeroU32::new(v).expect("non-zero")
    }

    #[test]
    fn a_client_gets_its_burst_then_one_more_per_interval() {
        let clock = ManualPace::default();
        let limits = PublicWrites::new(
            PublicWriteQuota {
                per_minute: n(2),
                burst: n(3),
            },
            clock.pace(),
        );
        let a: IpAddr = [192, 0, 2, 1].into();
        let b: IpAddr = [192, 0, 2, 2].into();
        for _ in 0..3 {
            assert_eq!(limits.admit(a), Ok(()));
        }
        assert_eq!(
            limits.admit(a),
            Err(TooMany::OverTime {
                per_minute: n(2),
                retry_after: Duration::from_secs(30)
            })
        );
        // Another client has its own budget.
        assert_eq!(limits.admit(b), Ok(()));
        clock.advance(Duration::from_secs(29));
        assert!(limits.admit(a).is_err());
        clock.advance(Duration::from_secs(1));
        assert_eq!(limits.admit(a), Ok(()));
        assert!(limits.admit(a).is_err());
    }

    #[test]
    fn one_request_takes_one_write_and_the_second_spends_no_budget() {
        let limits = Arc::new(PublicWrites::new(
            PublicWriteQuota {
                per_minute: n(1),
                burst: n(2),
            },
            ManualPace::default().pace(),
        ));
        let client: IpAddr = [192, 0, 2, 1].into();
        let first = PublicWrite::for_client(limits.clone(), client);
        assert_eq!(first.take(), Ok(()));
        assert_eq!(first.take(), Err(TooMany::InRequest));
        let second = PublicWrite::for_client(limits.clone(), client);
        assert_eq!(second.take(), Ok(()));
        let third = PublicWrite::for_client(limits, client);
        assert!(matches!(third.take(), Err(TooMany::OverTime { .. })));
    }

    #[test]
    fn an_ipv6_client_is_its_64_and_a_mapped_ipv4_is_the_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("addr");
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().expect("addr");
        let other: IpAddr = "2001:db8:1:3::1".parse().expect("addr");
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(other));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().expect("addr");
        assert_eq!(client_key(mapped), IpAddr::from([192, 0, 2, 7]));
    }

    #[test]
    fn the_sweep_forgets_clients_whose_budget_refilled_and_only_those() {
        let clock = ManualPace::default();
        let limits = PublicWrites::new(
            PublicWriteQuota {
                per_minute: n(60),
                burst: n(1),
            },
            clock.pace(),
        );
        for i in 0..SWEEP_EVERY - 1 {
            let [.., x, y] = (i as u32).to_be_bytes();
            assert_eq!(limits.admit(IpAddr::from([10, 0, x, y])), Ok(()));
        }
        assert_eq!(limits.limiter.len(), (SWEEP_EVERY - 1) as usize);
        clock.advance(Duration::from_secs(2));
        // The sweeping check: every earlier client has refilled and is forgotten; this one
        // is spent and stays.
        assert_eq!(limits.admit(IpAddr::from([10, 9, 9, 9])), Ok(()));
        assert_eq!(limits.limiter.len(), 1);
        assert!(limits.admit(IpAddr::from([10, 9, 9, 9])).is_err());
    }

    #[test]
    fn fragments_are_counted_once_each_however_often_they_are_spread() {
        let bomb = |levels: usize, last: &str| {
            let mut q = String::from("query { ...F0 } ");
            for i in 0..levels {
                q.push_str(&format!(
                    "fragment F{i} on Query {{ ...F{} ...F{} }} ",
                    i + 1,
                    i + 1
                ));
            }
            q.push_str(&format!("fragment F{levels} on Query {{ {last} }}"));
            parse_query(q).expect("parses")
        };
        // F3 is one field; each Fi above it two spreads of F(i+1): 2 × (1 + F(i+1)), so F0 is
        // 3 × 2^3 − 2 = 22, and the operation's spread of it one more.
        assert_eq!(least_weight(&bomb(3, "calendarVersion")), 23);
        // 3 × 2^30 − 1, counted without writing anything out.
        assert_eq!(
            least_weight(&bomb(30, "calendarVersion")),
            3 * (1 << 30) - 1
        );
        // A chain that ends in no field at all is still walked at every spread.
        assert_eq!(least_weight(&bomb(30, "...Unknown")), 3 * (1 << 30) - 1);
        let plain = parse_query("{ a: me { id name } b: calendarVersion }").expect("parses");
        assert_eq!(least_weight(&plain), 4);
        let inline = parse_query("{ ... on Query { me { id } } }").expect("parses");
        assert_eq!(least_weight(&inline), 3);
    }

    #[test]
    fn each_act_of_a_mutation_weighs_a_write_through_fragments_too() {
        let two = parse_query("mutation { a: archiveDecision(input: {}) { id } ...More } fragment More on Mutation { b: archiveDecision(input: {}) { version } }")
            .expect("parses");
        // Five selections (two acts, their two fields, the spread), and each act a write.
        assert_eq!(least_weight(&two), 5 + 2 * (WRITE - 1));
        let query = parse_query("{ a: me { id } b: me { id } }").expect("parses");
        assert_eq!(least_weight(&query), 4);
    }

    #[test]
    fn a_page_weighs_its_rows_and_out_of_range_sizes_are_clamped() {
        assert_eq!(page(None, 5), READ + 20 * 5);
        assert_eq!(page(Some(100), 5), READ + 500);
        assert_eq!(page(Some(1_000_000), 5), READ + 500);
        assert_eq!(page(Some(-1), 5), READ);
        assert_eq!(page(Some(100), usize::MAX), usize::MAX);
    }
}
