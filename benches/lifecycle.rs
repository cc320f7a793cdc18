//! `cargo bench --bench lifecycle -- [--n N] [--clients C,C,...] [--preload P] [--decisions D]
//! [--database-url postgres://… [--replicas R]]` (clients 1,16,64 by default; D 10,000)
//!
//! With `--database-url` the run is on PostgreSQL (see [`run_postgres`]): its floor, the core, and
//! GraphQL over R servers on the one database.
//!
//! N decisions taken through the core acts (propose, start, draft, open and close the
//! consultation, expert argumentation, risk assessment, fair-competition review marked not
//! required, request review, assign counsel, counsel opinion, conclude review, meeting,
//! Party-committee report, publish: 15 transitions each), against a real SQLite file with durable writes (WAL,
//! synchronous=FULL):
//! - `floor_rusqlite`: the same number of transactions, each one row update plus one event
//!   insert, straight into SQLite through rusqlite on one thread with the same settings — the
//!   disk's speed, measured side by side because it swings 2–4× from run to run; every ratio is
//!   to this floor;
//! - `floor_sqlx`: the same transactions through sqlx, the driver the engine uses;
//! - `core`: through the service API (decide + store), one client;
//! - `graphql`: through GraphQL over HTTP on loopback, with C concurrent clients, each run
//!   with the acts its commits carried on average (group commit). The clients run in a process
//!   of their own (this binary again, with `--load`), so that the CPU time of the servers'
//!   process can be told apart: each line of `core` and `graphql` gives it per accepted act
//!   (`server_cpu_us_per_act`, getrusage, user + system);
//! - with `--preload P`, `core_with_P_stored`: the core on a database holding P decisions,
//!   and `core_beside_preload`: the core on an empty one, in alternating rounds (see
//!   [`preloaded_mode`]);
//! - `deadlines`: the reports across decisions with D decisions stored (see [`deadlines_mode`]).
//!
//! Every mode runs on a tokio worker, the context in which the server runs its use cases.
//!
//! Each mode prints one JSON line: lifecycles/s, transitions/s, p50/p99 latency per transition,
//! and the ratio of its transitions/s to the floor's.

use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Datelike, Days, NaiveDate};
use decision_engine::clock::{Clock, FixedClock};
use decision_engine::procedure::*;
use decision_engine::service::{CatalogueChoice, Service};
use decision_engine::store::{self, NewAccount, Store};
use sea_orm::sqlx::{self, ConnectOptions as _, Connection as _};
use serde_json::{Value, json};
use tokio::sync::Mutex;

const TRANSITIONS: usize = 15;

/// The organ of every bench account and decision: the reports read their own organ's decisions.
const ORGAN: &str = "平桥区人民政府";

/// The day each lifecycle is proposed: Monday 2026-03-02. Fixed, not counted back from the
/// day the benchmark runs, so every statutory interval of [`commands`] holds on any day (a base
/// that moved with the run date once put the meeting 6 working days after the review request,
/// across a holiday, and `review.min_time` refused it). Checked against the shipped calendar:
/// review requested Tue 04-07, meeting Fri 04-17, 8 working days after (Qingming is 04-04..06).
const BASE: NaiveDate = match NaiveDate::from_ymd_opt(2026, 3, 2) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// The server's today: after the last act (publication on base + 48 = 2026-04-19) and inside
/// the shipped calendar, so acts are never in its future and deadlines compute.
const TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 6, 15) {
    Some(d) => d,
    None => panic!("a valid date"),
};

struct Args {
    n: usize,
    /// Each GraphQL run's number of concurrent clients.
    clients: Vec<usize>,
    /// Decisions stored before the run, to show the per-transition cost does not grow with them.
    preload: usize,
    /// Decisions stored for the deadline reports' run.
    decisions: usize,
    /// A PostgreSQL database to run on instead of SQLite files (each mode in a schema of its own).
    database_url: Option<String>,
    /// Servers on that database for the GraphQL modes, the clients spread over them.
    replicas: usize,
    /// Run only the floor and this mode (`core` or `graphql`), e.g. under a profiler.
    only: Option<String>,
}

fn args() -> Args {
    let mut a = Args {
        n: 1000,
        clients: vec![1, 16, 64],
        preload: 0,
        decisions: 10_000,
        database_url: None,
        replicas: 1,
        only: None,
    };
    let argv: Vec<String> = std::env::args().collect();
    for w in argv.windows(2) {
        match w[0].as_str() {
            "--n" => a.n = w[1].parse().unwrap_or(a.n),
            "--clients" => {
                a.clients = w[1]
                    .split(',')
                    .filter_map(|c| c.trim().parse().ok())
                    .collect()
            }
            "--preload" => a.preload = w[1].parse().unwrap_or(a.preload),
            "--decisions" => a.decisions = w[1].parse().unwrap_or(a.decisions),
            "--database-url" => a.database_url = Some(w[1].clone()),
            "--replicas" => a.replicas = w[1].parse().unwrap_or(a.replicas).max(1),
            "--only" => a.only = Some(w[1].clone()),
            _ => {}
        }
    }
    a
}

struct Stats {
    mode: String,
    clients: usize,
    lifecycles: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
    /// Transactions the engine's writer committed during the run, and the acts they carried.
    commits: Option<(u64, u64)>,
    /// CPU time the engine spent on the run, user and system (getrusage).
    server_cpu: Option<Duration>,
}

impl Stats {
    fn tps(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    fn line(&mut self, floor_tps: Option<f64>) -> String {
        self.latencies.sort();
        let pct = |p: f64| {
            let i = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
            self.latencies
                .get(i)
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
        };
        json!({
            "mode": self.mode,
            "clients": self.clients,
            "lifecycles": self.lifecycles,
            "transitions": self.latencies.len(),
            "lifecycles_per_s": (self.lifecycles as f64 / self.elapsed.as_secs_f64() * 10.0).round() / 10.0,
            "transitions_per_s": (self.tps() * 10.0).round() / 10.0,
            "p50_ms": (pct(0.50) * 1000.0).round() / 1000.0,
            "p99_ms": (pct(0.99) * 1000.0).round() / 1000.0,
            "ratio_to_floor": floor_tps.map(|f| (self.tps() / f * 1000.0).round() / 1000.0),
            "server_cpu_us_per_act": self.server_cpu.map(|c| (c.as_secs_f64() * 1e6 / self.latencies.len().max(1) as f64).round()),
            "acts_per_commit": self.commits.map(|(batches, writes)| (writes as f64 / batches.max(1) as f64 * 100.0).round() / 100.0),
        })
        .to_string()
    }
}

fn date(base: NaiveDate, n: u64) -> NaiveDate {
    base + Days::new(n)
}

fn t(s: &str) -> Text {
    Text::parse("bench", s).expect("literal text")
}

/// The 13 commands after the proposal, dated from `base` on.
fn commands(base: NaiveDate, counsel_id: &str) -> Vec<Command> {
    let on = |n| date(base, n);
    vec![
        Command::StartProcedure(Start {
            started_on: on(1),
            lead_unit: t("区住房和城乡建设局"),
            co_units: vec![],
            organ_decision: None,
        }),
        Command::ReviseDraft(ReviseDraft {
            text: t("第一条 为推进城区老旧小区改造……"),
            explanation: None,
            change_note: None,
            revised_on: on(2),
        }),
        Command::OpenPublicConsultation(OpenConsultation {
            opened_on: on(3),
            ends_on: on(33),
            channels: vec![t("区政府网站")],
            how_to_comment: Some(t("电子邮件")),
            shortened_reason: None,
            groups_consulted: vec![],
        }),
        Command::ClosePublicConsultation(ConsultationClosure {
            closed_on: on(34),
            adoption_report: t("未收到意见"),
        }),
        Command::RecordExpertArgumentation(ExpertArgumentation {
            held_on: on(34),
            method: ArgumentationMethod::Meeting,
            organizer: t("区住建局"),
            opinions: vec![ExpertOpinion {
                expert: t("刘教授"),
                institution: false,
                interest_declaration: t("无"),
                has_direct_interest: false,
                opinion: t("可行"),
                signed: true,
                sealed: false,
            }],
            adoption_report: t("已采纳"),
        }),
        Command::RecordRiskAssessment(RecordRiskAssessment {
            assessed_on: on(35),
            assessing_unit: t("区风险评估中心"),
            risk_points: vec![t("施工扰民")],
            measures: vec![t("错峰施工")],
            response_plan: Some(t("应急预案")),
            departments_heard: vec![t("区信访局")],
            conclusion: RiskConclusion::Controllable,
            prior_assessment: None,
        }),
        Command::MarkTrackNotRequired {
            track: Track::FairCompetitionReview,
            basis: t("不涉及市场主体经济活动"),
        },
        Command::RequestLegalityReview(RequestLegalityReview {
            requested_on: on(36),
            legal_basis: vec![t("《城乡规划法》")],
            procedure_statement: None,
            shortened_reason: None,
        }),
        Command::AssignCounsel(AssignCounsel {
            counsel_id: counsel_id.to_owned(),
            kind: CounselKind::PublicLawyer,
            affiliation: t("区司法局"),
            assigned_on: on(37),
        }),
        Command::SubmitLegalOpinion(SubmitLegalOpinion {
            kind: CounselKind::PublicLawyer,
            opinion: t("合法"),
            given_on: on(38),
        }),
        Command::ConcludeLegalityReview(ConcludeLegalityReview {
            concluded_on: on(44),
            conclusion: ReviewConclusion::Lawful,
            authority: Some(t("符合权限")),
            procedure: Some(t("程序完备")),
            content: Some(t("内容合法")),
            required_revisions: None,
            risk_statement: None,
            opinion_number: None,
        }),
        Command::RecordCollectiveDiscussion(Meeting {
            held_on: on(46),
            kind: MeetingKind::Executive,
            session: None,
            draft_version: 1,
            attendance: Some(Attendance {
                members: 3,
                present: 2,
            }),
            speeches: vec![
                Speech {
                    speaker: t("副区长"),
                    is_head: false,
                    position: Position::Agree,
                    statement: None,
                },
                Speech {
                    speaker: t("区长"),
                    is_head: true,
                    position: Position::Agree,
                    statement: None,
                },
            ],
            outcome: MeetingOutcome::Adopted,
            head_reason: None,
        }),
        Command::RecordPartyCommitteeReport(Report {
            reported_on: on(47),
            recipient: t("区委"),
            summary: t("请示报告"),
        }),
        Command::PublishDecision(Publication {
            published_on: on(48),
            channels: vec![t("区政府网站")],
            document_number: Some(t("平政〔2026〕1号")),
            opinion_explanation: Some(t("采纳情况")),
            non_disclosure_basis: None,
        }),
    ]
}

fn proposal(base: NaiveDate) -> Proposal {
    Proposal {
        title: t("城区老旧小区改造实施方案"),
        summary: t("对老旧小区实施综合改造"),
        category: Category::HenanPublicService,
        nature: MatterNature::Ordinary,
        source: ProposalSource::OrganLeader,
        source_statement: SourceStatement::default(),
        legal_basis: vec![t("《城乡规划法》")],
        flags: Flags {
            professional_technical: true,
            stability_impact: true,
            ..Flags::default()
        },
        amends: None,
        proposed_on: base,
        // The service finds the link from the choice it is handed.
        catalogue: None,
    }
}

fn role_of(cmd: &Command) -> Role {
    cmd.kind().roles()[0]
}

impl World {
    /// Proposes one decision and takes it through the [`TRANSITIONS`] acts through the service,
    /// handing each act's latency to `timed`.
    async fn lifecycle(&self, base: NaiveDate, mut timed: impl FnMut(Duration)) -> Decision {
        let t0 = Instant::now();
        let mut d = self
            .service
            .propose(
                &self.actors[&Role::Sponsor].0,
                proposal(base),
                CatalogueChoice::Outside(t("年中新增事项")),
            )
            .await
            .expect("propose");
        timed(t0.elapsed());
        for cmd in commands(base, &self.actors[&Role::Counsel].0.id) {
            let actor = &self.actors[&role_of(&cmd)].0;
            let t0 = Instant::now();
            d = self
                .service
                .execute(actor, &d.id, d.version as i64, cmd)
                .await
                .expect("act");
            timed(t0.elapsed());
        }
        d
    }

    /// What a decision proposed through this world's service is bound to.
    fn service_binding(&self) -> Binding {
        Binding {
            profile: decision_engine::config::load_profile("henan")
                .expect("shipped profile")
                .into(),
            calendar_version: self.service.calendar().version(),
        }
    }
}

struct World {
    _dir: tempfile::TempDir,
    url: String,
    service: Service,
    actors: std::collections::HashMap<Role, (Official, String)>,
}

/// The PostgreSQL database of this run, when `--database-url` names one.
static POSTGRES: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// A fresh database: a SQLite file, or a new schema in the PostgreSQL database.
async fn fresh_database(dir: &tempfile::TempDir) -> String {
    let Some(base) = POSTGRES.get() else {
        return format!("sqlite://{}/bench.db", dir.path().display());
    };
    use sea_orm::ConnectionTrait;
    let schema = format!("bench_{}", uuid::Uuid::new_v4().simple());
    let admin = sea_orm::Database::connect(base.as_str())
        .await
        .expect("PostgreSQL reachable");
    admin
        .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
        .await
        .expect("schema created");
    admin.close().await.expect("closed");
    let joiner = if base.contains('?') { '&' } else { '?' };
    format!("{base}{joiner}options[search_path]={schema}")
}

/// Another server's service on the world's database: a replica.
async fn replica(w: &World) -> Service {
    let store = Store::new(store::connect(&w.url).await.expect("db"));
    Service::new(
        store,
        decision_engine::config::load_profile("henan").expect("shipped profile"),
        decision_engine::config::load_calendar(None).expect("shipped calendar"),
        Arc::new(FixedClock::china(TODAY, 10).expect("10:00 exists")),
    )
    .expect("service")
}

async fn world() -> World {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = fresh_database(&dir).await;
    let blobs = store::Blobs::open(&dir.path().join("materials").display().to_string())
        .expect("material store");
    let store = Store::new(store::connect(&url).await.expect("db")).with_blobs(blobs);
    let clock = FixedClock::china(TODAY, 10).expect("10:00 exists");
    let mut actors = std::collections::HashMap::new();
    for role in [
        Role::Secretariat,
        Role::Sponsor,
        Role::ReviewOffice,
        Role::Counsel,
    ] {
        let (row, token) = store
            .add_account(
                NewAccount {
                    name: "bench".into(),
                    organ: ORGAN.into(),
                    // The lead unit of every lifecycle: the sponsor's post covers it.
                    unit: "区住房和城乡建设局".into(),
                    roles: vec![role],
                    expires_at: None,
                },
                clock.now(),
            )
            .await
            .expect("account");
        actors.insert(role, (row.official, token));
    }
    World {
        _dir: dir,
        url,
        service: Service::new(
            store,
            decision_engine::config::load_profile("henan").expect("shipped profile"),
            decision_engine::config::load_calendar(None).expect("shipped calendar"),
            Arc::new(clock),
        )
        .expect("service"),
        actors,
    }
}

/// Stores `count` finished-looking decisions (row + 14 events each) in big transactions.
async fn preload(w: &World, count: usize, state: &str) {
    let opts: sqlx::sqlite::SqliteConnectOptions = w.url.parse().expect("url");
    let mut conn = opts.connect().await.expect("connect");
    for chunk in 0..count.div_ceil(10_000) {
        let mut tx = conn.begin().await.expect("begin");
        for i in chunk * 10_000..((chunk + 1) * 10_000).min(count) {
            let id = format!("preloaded-{i:08}");
            // The row's state carries its own id, as the store writes it.
            let mut row_state: Value = serde_json::from_str(state).expect("state");
            row_state["id"] = json!(id);
            let row_state = row_state.to_string();
            sqlx::query("INSERT INTO decisions (id, title, organ, stage, version, event_count, last_hash, state, created_at, updated_at) VALUES (?, 't', ?, 'PUBLISHED', 15, 15, 'h', ?, '2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00')")
                .bind(&id).bind(ORGAN).bind(&row_state).execute(&mut *tx).await.expect("insert");
            for seq in 1..=TRANSITIONS as i64 {
                sqlx::query("INSERT INTO decision_events (decision_id, seq, kind, actor_id, actor_name, actor_unit, actor_role, recorded_at, payload, hash) VALUES (?, ?, 'K', 'a', 'n', 'u', 'SPONSOR', '2025-01-01T00:00:00Z', '{}', 'h')")
                    .bind(&id).bind(seq).execute(&mut *tx).await.expect("event");
            }
        }
        tx.commit().await.expect("commit");
    }
}

/// `n` lifecycles through the service on `w`, one after another; the last decision's state.
async fn lifecycles(w: &World, n: usize, base: NaiveDate, latencies: &mut Vec<Duration>) -> String {
    let mut state = String::new();
    for _ in 0..n {
        let d = w.lifecycle(base, |took| latencies.push(took)).await;
        state = serde_json::to_string(&d).expect("json");
    }
    state
}

async fn core_mode(n: usize, base: NaiveDate) -> (Stats, String) {
    let w = world().await;
    let mut latencies = Vec::with_capacity(n * TRANSITIONS);
    let cpu_before = server_cpu();
    let started = Instant::now();
    let sample_state = lifecycles(&w, n, base, &mut latencies).await;
    let stats = Stats {
        mode: "core".into(),
        clients: 1,
        lifecycles: n,
        elapsed: started.elapsed(),
        latencies,
        commits: Some(w.service.store().commit_counts()),
        // The loop calling the service is the only other work: in-process, the engine's CPU.
        server_cpu: Some(server_cpu() - cpu_before),
    };
    (stats, sample_state)
}

/// Rounds of [`preloaded_mode`].
const PRELOAD_ROUNDS: usize = 5;

/// The core with `count` decisions stored, and beside it the core on an empty database, in
/// alternating rounds within the same minute. One run of each minutes apart compared the disk
/// more than the store: its speed swings from minute to minute, and more so just after the
/// preload has written gigabytes (three such pairs differed by −29 % to +2 %).
async fn preloaded_mode(n: usize, base: NaiveDate, count: usize, state: &str) -> [Stats; 2] {
    let loaded = world().await;
    preload(&loaded, count, state).await;
    let empty = world().await;
    let per_round = n.div_ceil(PRELOAD_ROUNDS);
    let mut lines = [
        ("core_beside_preload".to_owned(), &empty),
        (format!("core_with_{count}_stored"), &loaded),
    ]
    .map(|(mode, w)| {
        (
            Stats {
                mode,
                clients: 1,
                lifecycles: 0,
                elapsed: Duration::ZERO,
                latencies: Vec::with_capacity(n * TRANSITIONS),
                commits: None,
                server_cpu: Some(Duration::ZERO),
            },
            w,
        )
    });
    for _ in 0..PRELOAD_ROUNDS {
        for (stats, w) in &mut lines {
            let cpu_before = server_cpu();
            let started = Instant::now();
            lifecycles(w, per_round, base, &mut stats.latencies).await;
            stats.elapsed += started.elapsed();
            stats.lifecycles += per_round;
            stats.server_cpu = stats.server_cpu.map(|c| c + (server_cpu() - cpu_before));
        }
    }
    lines.map(|(mut stats, w)| {
        stats.commits = Some(w.service.store().commit_counts());
        stats
    })
}

/// The floor: one row update plus one event insert per transaction, straight into SQLite.
async fn floor_mode(n: usize, state: &str) -> Stats {
    let w = world().await;
    let opts: sqlx::sqlite::SqliteConnectOptions = w.url.parse().expect("url");
    let mut conn = opts
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Full)
        .connect()
        .await
        .expect("connect");
    let payload = "x".repeat(400);
    let mut latencies = Vec::with_capacity(n * TRANSITIONS);
    let started = Instant::now();
    for i in 0..n {
        let id = format!("d{i}");
        for seq in 0..TRANSITIONS as i64 {
            let t0 = Instant::now();
            let mut tx = conn.begin().await.expect("begin");
            if seq == 0 {
                sqlx::query("INSERT INTO decisions (id, title, organ, stage, version, event_count, last_hash, state, created_at, updated_at) VALUES (?, 't', 'o', 'PROPOSED', 1, 1, 'h', ?, '2026-01-01', '2026-01-01')")
                    .bind(&id).bind(state).execute(&mut *tx).await.expect("insert");
            } else {
                sqlx::query("UPDATE decisions SET version = version + 1, state = ?, updated_at = '2026-01-01' WHERE id = ? AND version = ?")
                    .bind(state).bind(&id).bind(seq).execute(&mut *tx).await.expect("update");
            }
            sqlx::query("INSERT INTO decision_events (decision_id, seq, kind, actor_id, actor_name, actor_unit, actor_role, recorded_at, payload, hash) VALUES (?, ?, 'K', 'a', 'n', 'u', 'SPONSOR', '2026-01-01', ?, 'h')")
                .bind(&id).bind(seq + 1).bind(&payload).execute(&mut *tx).await.expect("event");
            tx.commit().await.expect("commit");
            latencies.push(t0.elapsed());
        }
    }
    Stats {
        mode: "floor_sqlx".into(),
        clients: 1,
        lifecycles: n,
        elapsed: started.elapsed(),
        latencies,
        commits: None,
        server_cpu: None,
    }
}

/// The true floor: the same transactions as [`floor_mode`], through rusqlite on one thread —
/// the same bundled SQLite the engine links, with no async driver in between.
async fn rusqlite_floor_mode(n: usize, state: &str) -> Stats {
    let w = world().await;
    let path = w.url.trim_start_matches("sqlite://").to_owned();
    let state = state.to_owned();
    let latencies = tokio::task::spawn_blocking(move || {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "journal_mode", "WAL").expect("wal");
        conn.pragma_update(None, "synchronous", "FULL").expect("full");
        let payload = "x".repeat(400);
        let mut latencies = Vec::with_capacity(n * TRANSITIONS);
        let started = Instant::now();
        for i in 0..n {
            let id = format!("d{i}");
            for seq in 0..TRANSITIONS as i64 {
                let t0 = Instant::now();
                let tx = conn.unchecked_transaction().expect("begin");
                if seq == 0 {
                    tx.prepare_cached("INSERT INTO decisions (id, title, organ, stage, version, event_count, last_hash, state, created_at, updated_at) VALUES (?1, 't', 'o', 'PROPOSED', 1, 1, 'h', ?2, '2026-01-01', '2026-01-01')")
                        .expect("prepare").execute(rusqlite::params![id, state]).expect("insert");
                } else {
                    tx.prepare_cached("UPDATE decisions SET version = version + 1, state = ?1, updated_at = '2026-01-01' WHERE id = ?2 AND version = ?3")
                        .expect("prepare").execute(rusqlite::params![state, id, seq]).expect("update");
                }
                tx.prepare_cached("INSERT INTO decision_events (decision_id, seq, kind, actor_id, actor_name, actor_unit, actor_role, recorded_at, payload, hash) VALUES (?1, ?2, 'K', 'a', 'n', 'u', 'SPONSOR', '2026-01-01', ?3, 'h')")
                    .expect("prepare").execute(rusqlite::params![id, seq + 1, payload]).expect("event");
                tx.commit().expect("commit");
                latencies.push(t0.elapsed());
            }
        }
        (latencies, started.elapsed())
    })
    .await
    .expect("floor ran");
    Stats {
        mode: "floor_rusqlite".into(),
        clients: 1,
        lifecycles: n,
        elapsed: latencies.1,
        latencies: latencies.0,
        commits: None,
        server_cpu: None,
    }
}

/// Stores `count` decisions in `state` (its id replaced) straight into the table, with the
/// deadline index rows the engine would write for them, and no events.
async fn preload_indexed(w: &World, count: usize, state: &Decision, prefix: &str) {
    let calendar = decision_engine::calendar::Calendar::embedded();
    let rows = deadlines(state, &calendar);
    let opts: sqlx::sqlite::SqliteConnectOptions = w.url.parse().expect("url");
    let mut conn = opts.connect().await.expect("connect");
    let mut row_state: Value = serde_json::to_value(state).expect("state");
    for chunk in 0..count.div_ceil(10_000) {
        let mut tx = conn.begin().await.expect("begin");
        for i in chunk * 10_000..((chunk + 1) * 10_000).min(count) {
            let id = format!("{prefix}-{i:08}");
            row_state["id"] = json!(id);
            sqlx::query("INSERT INTO decisions (id, title, organ, stage, version, event_count, last_hash, comments, state, created_at, updated_at) VALUES (?, 't', ?, ?, ?, 1, 'h', 0, ?, '2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00')")
                .bind(&id).bind(ORGAN).bind(store::stage_name(state.stage)).bind(state.version as i64)
                .bind(row_state.to_string()).execute(&mut *tx).await.expect("insert");
            for dl in &rows {
                sqlx::query("INSERT INTO deadline_index (decision_id, organ, kind, to_meet, due, met_on, unit, sweep) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .bind(&id).bind(ORGAN).bind(store::deadline_kind_name(dl.kind))
                    .bind(dl.direction == Direction::By).bind(dl.due.as_ref().ok().copied())
                    .bind(dl.met_on).bind(dl.unit.as_ref().map(ToString::to_string))
                    .bind(false).execute(&mut *tx).await.expect("index row");
            }
        }
        tx.commit().await.expect("commit");
    }
}

/// p50 and p99 of `runs` timings of `f`, in ms.
async fn timed<F, Fut, T>(runs: usize, mut f: F) -> (f64, f64, T)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t0 = Instant::now();
        last = Some(f().await);
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let pct =
        |p: f64| (times[((times.len() as f64 - 1.0) * p).round() as usize] * 10.0).round() / 10.0;
    (pct(0.5), pct(0.99), last.expect("at least one run"))
}

/// Late decisions among those stored for [`deadlines_mode`].
const LATE: usize = 100;

/// The reports across decisions with `count` decisions stored, [`LATE`] of them late (a filing
/// overdue), the others proposed and without deadlines: the `deadlines` report whole and
/// overdue only, through the service as the query runs it, reading the decisions the deadline
/// index names; a page of decisions filtered by stage; the index built from nothing, as for a database from before it; and the
/// deadlines of `count` decisions computed in memory, for scale.
async fn deadlines_mode(count: usize, state: &str) -> String {
    let mut late: Decision = serde_json::from_str(state).expect("state");
    late.proposal.flags.normative_document = true;
    let calendar = decision_engine::calendar::Calendar::embedded();
    let started = Instant::now();
    let mut computed = 0;
    for i in 0..count {
        late.id = format!("d{i:08}");
        computed += deadlines(&late, &calendar).len();
    }
    let pure = started.elapsed();

    let w = world().await;
    late.binding = w.service_binding();
    let quiet = w
        .service
        .propose(
            &w.actors[&Role::Sponsor].0,
            proposal(BASE),
            CatalogueChoice::Outside(t("年中新增事项")),
        )
        .await
        .expect("propose");
    // As many late decisions whatever is stored: the report's cost is to depend on what it
    // reports, not on what it does not.
    let late_count = LATE.min(count / 2);
    let started = Instant::now();
    preload_indexed(&w, late_count, &late, "late").await;
    preload_indexed(&w, count - late_count - 1, &quiet, "quiet").await;
    let preload_s = started.elapsed().as_secs_f64();

    let caller = decision_engine::service::Caller::Official(w.actors[&Role::Secretariat].0.clone());
    let service = &w.service;
    let all = decision_engine::service::DeadlineQuery::default();
    let overdue = decision_engine::service::DeadlineQuery {
        overdue: Some(true),
        ..Default::default()
    };
    let (all_p50, all_p99, report) = timed(20, || async {
        service
            .deadline_report(&caller, &all)
            .await
            .expect("report")
    })
    .await;
    let per_late = deadlines(&late, &calendar).len();
    // Measured over every deadline, or the figure means nothing.
    assert_eq!(
        report.len(),
        late_count * per_late,
        "the report found every deadline"
    );
    let (overdue_p50, overdue_p99, late_found) = timed(20, || async {
        service
            .deadline_report(&caller, &overdue)
            .await
            .expect("report")
    })
    .await;
    assert!(!late_found.is_empty(), "the late filings are found");
    // A filtered page, as `decisions(first: 20, filter: {stage: PUBLISHED})` reads it.
    let published = decision_engine::service::ListFilter {
        stage: Some(Stage::Published),
        ..Default::default()
    };
    let (page_p50, page_p99, page) = timed(20, || async {
        service
            .list(&caller, &published, None, 20)
            .await
            .expect("page")
    })
    .await;
    assert_eq!(page.len(), 20.min(late_count));

    service
        .store()
        .set_index_version("deadlines", 0)
        .await
        .expect("reset");
    sqlx::query("DELETE FROM deadline_index")
        .execute(
            &mut sqlx::sqlite::SqliteConnectOptions::from_str(&w.url)
                .expect("url")
                .connect()
                .await
                .expect("connect"),
        )
        .await
        .expect("emptied");
    let started = Instant::now();
    let indexed = service.build_deadline_index().await.expect("index built");
    let build_s = started.elapsed().as_secs_f64();
    assert_eq!(indexed, count);
    let rebuilt = service
        .deadline_report(&caller, &all)
        .await
        .expect("report");
    assert_eq!(rebuilt.len(), report.len());

    json!({
        "mode": "deadlines",
        "decisions": count,
        "late_decisions": late_count,
        "deadlines_in_report": report.len(),
        "overdue_in_report": late_found.len(),
        "pure_ms_all_decisions": (pure.as_secs_f64() * 10_000.0).round() / 10.0,
        "report_all_ms_p50": all_p50,
        "report_all_ms_p99": all_p99,
        "report_overdue_ms_p50": overdue_p50,
        "report_overdue_ms_p99": overdue_p99,
        "published_page_ms_p50": page_p50,
        "published_page_ms_p99": page_p99,
        "index_build_s": (build_s * 10.0).round() / 10.0,
        "preload_s": (preload_s * 10.0).round() / 10.0,
        "computed_deadlines": computed,
    })
    .to_string()
}

fn input_type(mutation: &str) -> String {
    match mutation {
        "recordPartyCommitteeReport" => "RecordReportInput".into(),
        m => format!("{}{}Input", m[..1].to_uppercase(), &m[1..]),
    }
}

/// (role, mutation, input) for the acts after the proposal, in GraphQL terms.
fn graphql_acts(base: NaiveDate, counsel_id: &str) -> Vec<(Role, &'static str, Value)> {
    let on = |n| date(base, n).to_string();
    vec![
        (
            Role::Secretariat,
            "startProcedure",
            json!({"startedOn": on(1), "leadUnit": "区住房和城乡建设局"}),
        ),
        (
            Role::Sponsor,
            "reviseDraft",
            json!({"revisedOn": on(2), "text": "第一条 为推进城区老旧小区改造……"}),
        ),
        (
            Role::Sponsor,
            "openPublicConsultation",
            json!({"openedOn": on(3), "endsOn": on(33), "channels": ["区政府网站"], "howToComment": "电子邮件"}),
        ),
        (
            Role::Sponsor,
            "closePublicConsultation",
            json!({"closedOn": on(34), "adoptionReport": "未收到意见"}),
        ),
        (
            Role::Sponsor,
            "recordExpertArgumentation",
            json!({"heldOn": on(34), "method": "MEETING", "organizer": "区住建局", "adoptionReport": "已采纳",
            "opinions": [{"expert": "刘教授", "interestDeclaration": "无", "hasDirectInterest": false, "opinion": "可行", "signed": true}]}),
        ),
        (
            Role::Sponsor,
            "recordRiskAssessment",
            json!({"assessedOn": on(35), "assessingUnit": "区风险评估中心", "riskPoints": ["施工扰民"], "measures": ["错峰施工"],
            "responsePlan": "应急预案", "departmentsHeard": ["区信访局"], "conclusion": "CONTROLLABLE"}),
        ),
        (
            Role::Sponsor,
            "markTrackNotRequired",
            json!({"track": "FAIR_COMPETITION_REVIEW", "basis": "不涉及市场主体经济活动"}),
        ),
        (
            Role::Sponsor,
            "requestLegalityReview",
            json!({"requestedOn": on(36), "legalBasis": ["《城乡规划法》"]}),
        ),
        (
            Role::ReviewOffice,
            "assignCounsel",
            json!({"assignedOn": on(37), "counselAccountId": counsel_id, "kind": "PUBLIC_LAWYER", "affiliation": "区司法局"}),
        ),
        (
            Role::Counsel,
            "submitLegalOpinion",
            json!({"givenOn": on(38), "kind": "PUBLIC_LAWYER", "opinion": "合法"}),
        ),
        (
            Role::ReviewOffice,
            "concludeLegalityReview",
            json!({"concludedOn": on(44), "conclusion": "LAWFUL", "authorityFinding": "符合权限", "procedureFinding": "程序完备", "contentFinding": "内容合法"}),
        ),
        (
            Role::Secretariat,
            "recordCollectiveDiscussion",
            json!({"heldOn": on(46), "kind": "EXECUTIVE", "draftVersion": 1, "outcome": "ADOPTED",
            "attendance": {"members": 3, "present": 2},
            "speeches": [{"speaker": "副区长", "position": "AGREE"}, {"speaker": "区长", "isHead": true, "position": "AGREE"}]}),
        ),
        (
            Role::Secretariat,
            "recordPartyCommitteeReport",
            json!({"reportedOn": on(47), "recipient": "区委", "summary": "请示报告"}),
        ),
        (
            Role::Secretariat,
            "publishDecision",
            json!({"publishedOn": on(48), "channels": ["区政府网站"], "documentNumber": "平政〔2026〕1号", "opinionExplanation": "采纳情况"}),
        ),
    ]
}

async fn graphql_mode(n: usize, clients: usize, replicas: usize) -> Stats {
    let w = world().await;
    let mut services = vec![w.service.clone()];
    for _ in 1..replicas {
        services.push(replica(&w).await);
    }
    let mut urls = Vec::new();
    let mut stops = Vec::new();
    let mut servers = Vec::new();
    for service in &services {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        urls.push(format!(
            "http://{}/graphql",
            listener.local_addr().expect("addr")
        ));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        stops.push(tx);
        servers.push(tokio::spawn(decision_engine::http::serve(
            listener,
            decision_engine::graphql::build_schema(service.clone()),
            service.clone(),
            decision_engine::http::Limits::default(),
            async {
                let _ = rx.await;
            },
        )));
    }
    let load = Load {
        urls,
        tokens: w
            .actors
            .iter()
            .map(|(r, (_, tok))| (*r, tok.clone()))
            .collect(),
        counsel_id: w.actors[&Role::Counsel].0.id.clone(),
        n,
        clients,
    };
    let cpu_before = server_cpu();
    let (latencies, elapsed) = load.run_elsewhere().await;
    let cpu = server_cpu() - cpu_before;
    for stop in stops {
        let _ = stop.send(());
    }
    for server in servers {
        let _ = server.await;
    }
    let commits = services
        .iter()
        .map(|s| s.store().commit_counts())
        .fold((0, 0), |(b, w), (b2, w2)| (b + b2, w + w2));
    Stats {
        mode: if replicas > 1 {
            format!("graphql_{replicas}_replicas")
        } else {
            "graphql".into()
        },
        clients,
        lifecycles: n,
        elapsed,
        latencies,
        commits: Some(commits),
        server_cpu: Some(cpu),
    }
}

/// CPU time this process has spent so far, user and system, all threads (getrusage): while the
/// clients run in their own process, what the servers spend.
fn server_cpu() -> Duration {
    // SAFETY: getrusage writes the struct it is given and nothing else.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// The clients of a GraphQL run. They run in a process of their own (this benchmark's binary
/// started again with `--load`), so that the servers' CPU time is measured apart from theirs.
#[derive(serde::Serialize, serde::Deserialize)]
struct Load {
    urls: Vec<String>,
    tokens: std::collections::HashMap<Role, String>,
    counsel_id: String,
    n: usize,
    clients: usize,
}

/// What the client process reports: each act's latency in microseconds, and the run's length.
#[derive(serde::Serialize, serde::Deserialize)]
struct Loaded {
    latencies_us: Vec<u64>,
    elapsed_us: u64,
}

impl Load {
    /// Runs the clients in a child process and waits for its report.
    async fn run_elsewhere(&self) -> (Vec<Duration>, Duration) {
        let input = serde_json::to_vec(self).expect("json");
        let out = tokio::task::spawn_blocking(move || {
            use std::io::Write;
            let exe = std::env::current_exe().expect("the benchmark's binary");
            let mut child = std::process::Command::new(exe)
                .arg("--load")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("the client process starts");
            let mut stdin = child.stdin.take().expect("stdin");
            stdin.write_all(&input).expect("the load is handed over");
            drop(stdin);
            child.wait_with_output().expect("the clients ran")
        })
        .await
        .expect("waited");
        assert!(out.status.success(), "the client process failed");
        let report: Loaded = serde_json::from_slice(&out.stdout).expect("the clients' report");
        (
            report
                .latencies_us
                .into_iter()
                .map(Duration::from_micros)
                .collect(),
            Duration::from_micros(report.elapsed_us),
        )
    }

    /// In the client process: `clients` clients take `n` lifecycles through GraphQL, spread over
    /// the servers.
    async fn run(self) -> Loaded {
        let tokens = Arc::new(self.tokens);
        let http = reqwest::Client::new();
        let remaining = Arc::new(Mutex::new(self.n));
        let latencies = Arc::new(Mutex::new(Vec::with_capacity(self.n * TRANSITIONS)));
        let base = BASE;
        let started = Instant::now();
        let mut tasks = Vec::new();
        for client in 0..self.clients {
            let (http, url, tokens, remaining, latencies, counsel_id) = (
                http.clone(),
                self.urls[client % self.urls.len()].clone(),
                tokens.clone(),
                remaining.clone(),
                latencies.clone(),
                self.counsel_id.clone(),
            );
            tasks.push(tokio::spawn(async move {
                let send = |role: Role, query: String, vars: Value| {
                    http.post(&url).bearer_auth(&tokens[&role]).json(&json!({"query": query, "variables": vars})).send()
                };
                loop {
                    {
                        let mut left = remaining.lock().await;
                        if *left == 0 {
                            break;
                        }
                        *left -= 1;
                    }
                    let mut mine = Vec::with_capacity(TRANSITIONS);
                    let t0 = Instant::now();
                    let body: Value = send(Role::Sponsor,
                        "mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id version } }".into(),
                        json!({"input": {"title": "城区老旧小区改造实施方案", "summary": "综合改造", "category": "HENAN_PUBLIC_SERVICE",
                            "source": "ORGAN_LEADER", "legalBasis": ["《城乡规划法》"], "flags": {"professionalTechnical": true, "stabilityImpact": true},
                            "outsideCatalogueReason": "年中新增事项", "proposedOn": base.to_string()}}))
                        .await.expect("sent").json().await.expect("json");
                    mine.push(t0.elapsed().as_micros() as u64);
                    let id = body["data"]["proposeDecision"]["id"].as_str().expect("proposed").to_owned();
                    let mut version = body["data"]["proposeDecision"]["version"].as_i64().expect("version");
                    for (role, mutation, mut input) in graphql_acts(base, &counsel_id) {
                        input["decisionId"] = json!(id);
                        input["expectedVersion"] = json!(version);
                        let query = format!("mutation($input: {}!) {{ {mutation}(input: $input) {{ version }} }}", input_type(mutation));
                        let t0 = Instant::now();
                        let body: Value = send(role, query, json!({"input": input})).await.expect("sent").json().await.expect("json");
                        mine.push(t0.elapsed().as_micros() as u64);
                        version = body["data"][mutation]["version"].as_i64().unwrap_or_else(|| panic!("{mutation}: {body}"));
                    }
                    latencies.lock().await.extend(mine);
                }
            }));
        }
        for task in tasks {
            task.await.expect("client");
        }
        let elapsed_us = started.elapsed().as_micros() as u64;
        let latencies_us = std::mem::take(&mut *latencies.lock().await);
        Loaded {
            latencies_us,
            elapsed_us,
        }
    }
}

/// PostgreSQL's floor: the same transactions as [`floor_mode`] (one row written and one event
/// inserted, one commit each), from `clients` connections at once: one commit per act, as many
/// at a time as clients.
async fn postgres_floor_mode(n: usize, clients: usize, state: &str) -> Stats {
    let w = world().await;
    let payload = "x".repeat(400);
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(n * TRANSITIONS)));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client in 0..clients {
        let (url, state, payload, latencies) = (
            w.url.clone(),
            state.to_owned(),
            payload.clone(),
            latencies.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let opts: sqlx::postgres::PgConnectOptions = url.parse().expect("url");
            let mut conn = opts.connect().await.expect("connect");
            let mut mine = Vec::new();
            for i in (client..n).step_by(clients) {
                let id = format!("d{i}");
                for seq in 0..TRANSITIONS as i64 {
                    let t0 = Instant::now();
                    let mut tx = conn.begin().await.expect("begin");
                    if seq == 0 {
                        sqlx::query("INSERT INTO decisions (id, title, organ, stage, version, event_count, last_hash, state, created_at, updated_at) VALUES ($1, 't', 'o', 'PROPOSED', 1, 1, 'h', $2, '2026-01-01', '2026-01-01')")
                            .bind(&id).bind(&state).execute(&mut *tx).await.expect("insert");
                    } else {
                        sqlx::query("UPDATE decisions SET version = version + 1, state = $1, updated_at = '2026-01-01' WHERE id = $2 AND version = $3")
                            .bind(&state).bind(&id).bind(seq).execute(&mut *tx).await.expect("update");
                    }
                    sqlx::query("INSERT INTO decision_events (decision_id, seq, kind, actor_id, actor_name, actor_unit, actor_role, recorded_at, payload, hash) VALUES ($1, $2, 'K', 'a', 'n', 'u', 'SPONSOR', '2026-01-01', $3, 'h')")
                        .bind(&id).bind(seq + 1).bind(&payload).execute(&mut *tx).await.expect("event");
                    tx.commit().await.expect("commit");
                    mine.push(t0.elapsed());
                }
            }
            latencies.lock().await.extend(mine);
        }));
    }
    for task in tasks {
        task.await.expect("client");
    }
    let elapsed = started.elapsed();
    let latencies = std::mem::take(&mut *latencies.lock().await);
    Stats {
        mode: "floor_postgres".into(),
        clients,
        lifecycles: n,
        elapsed,
        latencies,
        commits: None,
        server_cpu: None,
    }
}

/// On PostgreSQL: its floor (one commit per act) at one client and at each C, the core at one
/// client, and GraphQL at each C over `replicas` servers. Every ratio is to the floor at one
/// client; the floor at C is the "one commit per act" group commit is to beat.
async fn run_postgres(a: &Args, url: &str) {
    POSTGRES.set(url.to_owned()).expect("set once");
    let (mut core, state) = core_mode(a.n, BASE).await;
    let mut floor = postgres_floor_mode(a.n, 1, &state).await;
    let floor_tps = floor.tps();
    println!("{}", floor.line(None));
    println!("{}", core.line(Some(floor_tps)));
    for &clients in a.clients.iter().filter(|&&c| c > 1) {
        let mut f = postgres_floor_mode(a.n, clients, &state).await;
        println!("{}", f.line(Some(floor_tps)));
    }
    for &clients in &a.clients {
        let mut g = graphql_mode(a.n, clients, a.replicas).await;
        println!("{}", g.line(Some(floor_tps)));
    }
}

/// A world with `decisions` decisions taken through the 15 acts by 16 clients at once, and how
/// long that took: what the archive and statistics modes then read.
async fn loaded_world(decisions: usize) -> (Arc<World>, Duration) {
    let w = Arc::new(world().await);
    let started = Instant::now();
    let mut clients = Vec::new();
    for c in 0..16 {
        let w = w.clone();
        clients.push(tokio::spawn(async move {
            for _ in (c..decisions).step_by(16) {
                w.lifecycle(BASE, |_| {}).await;
            }
        }));
    }
    for c in clients {
        c.await.expect("client");
    }
    let loaded = started.elapsed();
    (w, loaded)
}

/// `--only archive` (Art. 33): D decisions taken through the 15 acts by 16 clients at once, then
/// - `verify_database`: every chain, replay and material of the D recomputed (`decision-engine
///   verify`);
/// - `export_all` / `verify_package`: the D written into one package, and that package checked
///   offline;
/// - `export_materials`: one decision with 50 materials of 1 MB attached, its package written
///   and checked, with its size.
async fn archive_mode(decisions: usize) {
    use decision_engine::archive;
    use decision_engine::service::{Attachment, Caller, Upload};
    let (w, loaded) = loaded_world(decisions).await;

    let t0 = Instant::now();
    let report = w
        .service
        .verify_database(&|_, _| {})
        .await
        .expect("verified");
    let verified = t0.elapsed();
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    println!(
        "{}",
        json!({"mode": "verify_database", "decisions": report.decisions, "events": report.events,
               "load_s": loaded.as_secs_f64(), "seconds": verified.as_secs_f64(),
               "decisions_per_s": report.decisions as f64 / verified.as_secs_f64()})
    );

    let ids = w
        .service
        .store()
        .decision_ids(None, None)
        .await
        .expect("ids");
    let dir = tempfile::tempdir().expect("temp dir");
    let all = dir.path().join("all.zip");
    let t0 = Instant::now();
    w.service
        .export_decisions(ids, std::fs::File::create(&all).expect("file"))
        .await
        .expect("exported");
    let exported = t0.elapsed();
    let t0 = Instant::now();
    let checked = archive::verify_file(&all, &|_, _| {});
    let package_verified = t0.elapsed();
    assert!(checked.findings.is_empty(), "{:?}", checked.findings);
    println!(
        "{}",
        json!({"mode": "export_all", "decisions": checked.decisions, "bytes": std::fs::metadata(&all).map(|m| m.len()).unwrap_or(0),
               "seconds": exported.as_secs_f64()})
    );
    println!(
        "{}",
        json!({"mode": "verify_package", "decisions": checked.decisions, "events": checked.events,
               "seconds": package_verified.as_secs_f64(),
               "decisions_per_s": checked.decisions as f64 / package_verified.as_secs_f64()})
    );

    // One decision, 50 materials of 1 MB (incompressible: scans and PDFs mostly are).
    let sponsor = Caller::Official(w.actors[&Role::Sponsor].0.clone());
    let mut d = w
        .service
        .propose(
            &w.actors[&Role::Sponsor].0,
            proposal(BASE),
            CatalogueChoice::Outside(t("年中新增事项")),
        )
        .await
        .expect("propose");
    d = w
        .service
        .execute(
            &w.actors[&Role::Secretariat].0,
            &d.id,
            d.version as i64,
            commands(BASE, &w.actors[&Role::Counsel].0.id).remove(0),
        )
        .await
        .expect("start");
    let t0 = Instant::now();
    for i in 0..50 {
        let path = dir.path().join(format!("m{i}.pdf"));
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend((0..(1 << 20) - bytes.len()).map(|_| rand::random::<u8>()));
        std::fs::write(&path, &bytes).expect("written");
        d = w
            .service
            .attach_material(
                &sponsor,
                None,
                &d.id,
                d.version as i64,
                Attachment {
                    kind: DocumentKind::Other,
                    dated: TODAY,
                    note: None,
                },
                Upload {
                    name: format!("附件{i}.pdf"),
                    file: tokio::fs::File::open(&path).await.expect("open"),
                },
                None,
            )
            .await
            .expect("attached");
    }
    let attached = t0.elapsed();
    let one = dir.path().join("one.zip");
    let t0 = Instant::now();
    w.service
        .export_decisions(
            vec![d.id.clone()],
            std::fs::File::create(&one).expect("file"),
        )
        .await
        .expect("exported");
    let exported = t0.elapsed();
    let t0 = Instant::now();
    let checked = archive::verify_file(&one, &|_, _| {});
    let package_verified = t0.elapsed();
    assert!(checked.findings.is_empty(), "{:?}", checked.findings);
    assert_eq!(checked.materials, 50);
    println!(
        "{}",
        json!({"mode": "export_materials", "materials": 50, "material_bytes": 50 << 20,
               "attach_s": attached.as_secs_f64(),
               "bytes": std::fs::metadata(&one).map(|m| m.len()).unwrap_or(0),
               "export_s": exported.as_secs_f64(), "verify_s": package_verified.as_secs_f64()})
    );
}

/// `--only statistics` (issue 12): D decisions taken through the 15 acts by 16 clients at once,
/// all in 2026, then the year's statistics counted for the government office — through the
/// service (`statistics_service`), then as the GraphQL query runs it, in-process
/// (`statistics_graphql`): five runs each, the median and the slowest printed.
async fn statistics_mode(decisions: usize) {
    use decision_engine::service::Caller;
    let (w, loaded) = loaded_world(decisions).await;
    let caller = Caller::Official(w.actors[&Role::Secretariat].0.clone());
    let runs = |mut times: Vec<Duration>| {
        times.sort();
        (
            times[times.len() / 2].as_secs_f64() * 1000.0,
            times[times.len() - 1].as_secs_f64() * 1000.0,
        )
    };
    let mut times = Vec::new();
    let mut proposed = 0;
    for _ in 0..5 {
        let t0 = Instant::now();
        let stats = w
            .service
            .annual_statistics(&caller, BASE.year(), None)
            .await
            .expect("statistics");
        times.push(t0.elapsed());
        proposed = stats.figure("decisions.proposed").map_or(0, |f| f.value);
    }
    assert_eq!(proposed as usize, decisions, "every decision counted");
    let (p50, max) = runs(times);
    println!(
        "{}",
        json!({"mode": "statistics_service", "decisions": decisions, "load_s": loaded.as_secs_f64(),
               "median_ms": p50, "max_ms": max})
    );
    let schema = decision_engine::graphql::build_schema(w.service.clone());
    let query = format!(
        "{{ annualStatistics(year: {}) {{ sections {{ key figures {{ key value decisionIds catalogueItemIds }} }} }} }}",
        BASE.year()
    );
    let mut times = Vec::new();
    for _ in 0..5 {
        let t0 = Instant::now();
        let resp = schema
            .execute(async_graphql::Request::new(query.as_str()).data(caller.clone()))
            .await;
        assert!(resp.errors.is_empty(), "{:?}", resp.errors);
        let body = serde_json::to_string(&resp.data).expect("json");
        times.push(t0.elapsed());
        std::hint::black_box(body);
    }
    let (p50, max) = runs(times);
    println!(
        "{}",
        json!({"mode": "statistics_graphql", "decisions": decisions, "median_ms": p50, "max_ms": max})
    );
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--load") {
        // The client process of a GraphQL run (see [`Load`]).
        let mut input = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut input).expect("the load");
        let load: Load = serde_json::from_slice(&input).expect("a load");
        let report = tokio::spawn(load.run()).await.expect("the clients ran");
        println!("{}", serde_json::to_string(&report).expect("json"));
        return;
    }
    // Every mode runs on a runtime worker, as the server runs its use cases, not on the thread
    // that blocks on `main`: a task spawned from there (sqlx returns each pooled connection
    // through one) would cost a cross-thread wake-up that no request pays.
    tokio::spawn(run(args())).await.expect("the benchmark ran");
}

async fn run(a: Args) {
    if a.only.as_deref() == Some("archive") {
        return archive_mode(a.decisions).await;
    }
    if a.only.as_deref() == Some("statistics") {
        return statistics_mode(a.decisions).await;
    }
    if let Some(url) = a.database_url.as_deref() {
        return run_postgres(&a, url).await;
    }
    let base = BASE;
    let (mut core, state) = core_mode(a.n, base).await;
    // The floor every ratio is to: rusqlite, measured in the same run as the modes.
    let mut floor = rusqlite_floor_mode(a.n, &state).await;
    let floor_tps = floor.tps();
    println!("{}", floor.line(None));
    let mut sqlx_floor = floor_mode(a.n, &state).await;
    println!("{}", sqlx_floor.line(Some(floor_tps)));
    println!("{}", core.line(Some(floor_tps)));
    if a.preload > 0 {
        for mut stats in preloaded_mode(a.n, base, a.preload, &state).await {
            println!("{}", stats.line(Some(floor_tps)));
        }
    }
    println!("{}", deadlines_mode(a.decisions, &state).await);
    if a.only.as_deref() == Some("core") {
        return;
    }
    for &clients in &a.clients {
        let mut g = graphql_mode(a.n, clients, a.replicas).await;
        println!("{}", g.line(Some(floor_tps)));
    }
}
