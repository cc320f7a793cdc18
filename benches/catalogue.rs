//! `cargo bench --bench catalogue -- [--items N] [--requests R]`
//!
//! A catalogue of N items (1,000 by default: far beyond a district's ten, a province's platform's
//! order) against a real SQLite file with durable writes (WAL, synchronous=FULL), on a fixed clock:
//! - `publish`: open, bulk entry of the N items (one act), the organ's meeting, the Party
//!   committee's consent and publication, each act timed;
//! - `adjust`: on the published catalogue, one unit's amendment accepted and published as
//!   version 2 (every act rewrites the catalogue's state, now two versions of N items);
//! - `acts`: per-act latency of a unit's submission and the office's acceptance at N items;
//! - `serve`: R sequential GETs of `/catalogues/{year}.html`, `.csv` and `.json` over HTTP on
//!   loopback (the public's reads: load, render, send), with their sizes.
//!
//! Each prints one JSON line. Figures go in the closing notes, never in a test.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use decision_engine::clock::{Clock, FixedClock};
use decision_engine::procedure::catalogue::{
    CatalogueCommand, Change, Consent, Discussion, ItemFields, MatterKind, PlannedProcedures,
    Publication, YearMonth,
};
use decision_engine::procedure::{Official, Role, Text};
use decision_engine::service::{Caller, Service};
use decision_engine::store::{self, NewAccount, Store};
use serde_json::json;

const ORGAN: &str = "平桥区人民政府";
const UNIT: &str = "区住房和城乡建设局";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date literal")
}

fn t(s: &str) -> Text {
    Text::generated(s)
}

struct Args {
    items: usize,
    requests: usize,
}

fn args() -> Args {
    let mut a = Args {
        items: 1000,
        requests: 200,
    };
    let argv: Vec<String> = std::env::args().collect();
    for w in argv.windows(2) {
        match w[0].as_str() {
            "--items" => a.items = w[1].parse().expect("--items N"),
            "--requests" => a.requests = w[1].parse().expect("--requests R"),
            _ => {}
        }
    }
    a
}

/// An item as real catalogues word them, a little longer than most.
fn fields(i: usize) -> ItemFields {
    ItemFields {
        name: t(&format!("平桥区第{i}号重大行政决策事项实施方案")),
        lead_unit: t(UNIT),
        co_units: vec![t("区财政局"), t("区自然资源局")],
        kind: MatterKind::ALL[i % 5],
        basis_and_content: t(&format!(
            "依据《中华人民共和国城乡规划法》等法律法规，第{i}号事项的主要内容：明确实施范围、资金来源和进度安排"
        )),
        procedures: PlannedProcedures {
            public_consultation: true,
            hearing: i.is_multiple_of(7),
            expert_argumentation: i.is_multiple_of(2),
            risk_assessment: true,
        },
        planned: YearMonth::new(2026, 7 + (i % 6) as u32).expect("a month"),
        remarks: i.is_multiple_of(10).then(|| t("需与市级规划衔接")),
    }
}

struct World {
    _dir: tempfile::TempDir,
    service: Service,
    office: Official,
    unit: Official,
}

async fn world() -> World {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/bench.db", dir.path().display());
    let store = Store::new(store::connect(&url).await.expect("db"));
    let clock = FixedClock::china(day("2026-06-15"), 10).expect("10:00 exists");
    let mut officials = Vec::new();
    for role in [Role::Secretariat, Role::Sponsor] {
        let (row, _) = store
            .add_account(
                NewAccount {
                    name: "bench".into(),
                    organ: ORGAN.into(),
                    unit: UNIT.into(),
                    roles: vec![role],
                    expires_at: None,
                },
                clock.now(),
            )
            .await
            .expect("account");
        officials.push(row.official);
    }
    let unit = officials.pop().expect("sponsor");
    let office = officials.pop().expect("office");
    World {
        _dir: dir,
        service: Service::new(
            store,
            decision_engine::config::load_profile("henan").expect("shipped profile"),
            decision_engine::config::load_calendar(None).expect("shipped calendar"),
            Arc::new(clock),
        )
        .expect("service"),
        office,
        unit,
    }
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0 * 100.0).round() / 100.0
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    ms(sorted[i])
}

/// Runs an office act and returns how long it took.
async fn timed(w: &World, id: &str, cmd: CatalogueCommand) -> Duration {
    let version = w
        .service
        .catalogue(&Caller::Official(w.office.clone()), id)
        .await
        .expect("catalogue")
        .catalogue
        .version as i64;
    let t0 = Instant::now();
    w.service
        .catalogue_act(&w.office, id, Some(version), cmd, None)
        .await
        .expect("act");
    t0.elapsed()
}

async fn publish_round(
    w: &World,
    id: &str,
    held: &str,
    consented: &str,
    published: &str,
    number: &str,
) -> [Duration; 3] {
    [
        timed(
            w,
            id,
            CatalogueCommand::RecordDiscussion(Discussion {
                held_on: day(held),
                session: t("区政府常务会议"),
            }),
        )
        .await,
        timed(
            w,
            id,
            CatalogueCommand::RecordConsent(Consent {
                consented_on: day(consented),
                reference: t("区委常委会会议"),
            }),
        )
        .await,
        timed(
            w,
            id,
            CatalogueCommand::Publish(Publication {
                published_on: day(published),
                channels: vec![t("平桥区人民政府网站")],
                document_number: t(number),
            }),
        )
        .await,
    ]
}

#[tokio::main]
async fn main() {
    let a = args();
    let w = world().await;

    // publish
    let t0 = Instant::now();
    let c = w
        .service
        .open_catalogue(&w.office, 2026, None, day("2026-01-05"), None)
        .await
        .expect("opened");
    let open = t0.elapsed();
    let rows: Vec<ItemFields> = (1..=a.items).map(fields).collect();
    let t0 = Instant::now();
    w.service
        .import_catalogue(&w.office, &c.id, 1, rows, day("2026-01-06"), None)
        .await
        .expect("imported");
    let import = t0.elapsed();
    let [meeting, consent, publish] = publish_round(
        &w,
        &c.id,
        "2026-02-06",
        "2026-02-12",
        "2026-02-16",
        "平政办〔2026〕3号",
    )
    .await;
    println!(
        "{}",
        json!({"mode": "publish", "items": a.items, "open_ms": ms(open), "import_ms": ms(import),
            "meeting_ms": ms(meeting), "consent_ms": ms(consent), "publish_ms": ms(publish),
            "total_ms": ms(open + import + meeting + consent + publish)})
    );

    // adjust
    let first = w
        .service
        .catalogue(&Caller::Official(w.office.clone()), &c.id)
        .await
        .expect("catalogue")
        .catalogue
        .items[0]
        .id
        .clone();
    let mut amended = fields(1);
    amended.planned = YearMonth::new(2026, 12).expect("a month");
    let t0 = Instant::now();
    let after = w
        .service
        .catalogue_act(
            &w.unit,
            &c.id,
            None,
            CatalogueCommand::Submit {
                id: "adjust-1".into(),
                change: Change::Amend {
                    item_id: first,
                    fields: amended,
                },
                reason: Some(t("计划决策时间调整")),
                submitted_on: day("2026-04-01"),
            },
            None,
        )
        .await
        .expect("submitted");
    let submit = t0.elapsed();
    let t0 = Instant::now();
    w.service
        .catalogue_act(
            &w.office,
            &c.id,
            Some(after.version as i64),
            CatalogueCommand::Accept {
                submission_id: "adjust-1".into(),
                amended: None,
                note: None,
                accepted_on: day("2026-04-02"),
            },
            None,
        )
        .await
        .expect("accepted");
    let accept = t0.elapsed();
    let [meeting, consent, publish] = publish_round(
        &w,
        &c.id,
        "2026-04-10",
        "2026-04-15",
        "2026-04-20",
        "平政办〔2026〕9号",
    )
    .await;
    println!(
        "{}",
        json!({"mode": "adjust", "items": a.items, "submit_ms": ms(submit), "accept_ms": ms(accept),
            "meeting_ms": ms(meeting), "consent_ms": ms(consent), "publish_v2_ms": ms(publish)})
    );

    // acts: a unit's submission and its acceptance, one after another, at N items.
    let mut submits = Vec::new();
    let mut accepts = Vec::new();
    for i in 0..50 {
        let sid = format!("s{i}");
        let t0 = Instant::now();
        let after = w
            .service
            .catalogue_act(
                &w.unit,
                &c.id,
                None,
                CatalogueCommand::Submit {
                    id: sid.clone(),
                    change: Change::Add {
                        fields: fields(a.items + 1 + i),
                    },
                    reason: Some(t("年中新增")),
                    submitted_on: day("2026-05-01"),
                },
                None,
            )
            .await
            .expect("submitted");
        submits.push(t0.elapsed());
        let t0 = Instant::now();
        w.service
            .catalogue_act(
                &w.office,
                &c.id,
                Some(after.version as i64),
                CatalogueCommand::Accept {
                    submission_id: sid,
                    amended: None,
                    note: None,
                    accepted_on: day("2026-05-02"),
                },
                None,
            )
            .await
            .expect("accepted");
        accepts.push(t0.elapsed());
    }
    submits.sort();
    accepts.sort();
    println!(
        "{}",
        json!({"mode": "acts", "items": a.items, "acts": 100,
            "submit_p50_ms": percentile(&submits, 0.5), "submit_p99_ms": percentile(&submits, 0.99),
            "accept_p50_ms": percentile(&accepts, 0.5), "accept_p99_ms": percentile(&accepts, 0.99)})
    );

    // serve
    let schema = decision_engine::graphql::build_schema(w.service.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(decision_engine::http::serve(
        listener,
        schema,
        w.service.clone(),
        decision_engine::http::Limits::default(),
        async {
            let _ = rx.await;
        },
    ));
    let http = reqwest::Client::new();
    for ext in ["html", "csv", "json"] {
        let url = format!("{base}/catalogues/2026.{ext}");
        let mut times = Vec::with_capacity(a.requests);
        let mut bytes = 0;
        for _ in 0..a.requests {
            let t0 = Instant::now();
            let resp = http.get(&url).send().await.expect("sent");
            assert_eq!(resp.status().as_u16(), 200, "{url}");
            bytes = resp.bytes().await.expect("body").len();
            times.push(t0.elapsed());
        }
        times.sort();
        let total: Duration = times.iter().sum();
        println!(
            "{}",
            json!({"mode": "serve", "format": ext, "items": a.items, "requests": a.requests, "bytes": bytes,
                "p50_ms": percentile(&times, 0.5), "p99_ms": percentile(&times, 0.99),
                "per_second": (a.requests as f64 / total.as_secs_f64()).round()})
        );
    }
    let _ = tx.send(());
    let _ = server.await;
}
