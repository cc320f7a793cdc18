//! `spawn_app()` starts the real server on a random port against a fresh SQLite file, with one
//! account per role and a clock fixed at [`today()`] 10:00 (China) that the test moves when time
//! has to pass; `Flow` drives one decision through the procedure over HTTP, the way a client
//! does, so each test reads as the acts it performs.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use chrono::{Days, NaiveDate};
use decision_engine::clock::{Clock, FixedClock};
use decision_engine::config::CalendarSource;
use decision_engine::http::Limits;
use decision_engine::procedure::Role;
use decision_engine::service::{MaterialPolicy, Service};
use decision_engine::store::{self, NewAccount, Store};
use serde_json::{Value, json};
use tokio::sync::oneshot;

pub const ROLES: [&str; 7] = [
    "SECRETARIAT",
    "SPONSOR",
    "REVIEW_OFFICE",
    "COUNSEL",
    "HEAD",
    "AUDITOR",
    "ADMIN",
];

/// The organ every test's officials serve, unless they are one of [`OUT_OF_SCOPE`].
pub const ORGAN: &str = "平桥区人民政府";
/// Another organ on the same server (a township deciding by the same procedure, Art. 42).
pub const TOWN: &str = "平桥区明港镇人民政府";

/// Accounts whose post does not cover the decisions a test's `SPONSOR` proposes: each role of
/// another organ (`TOWN_…`), a sponsor of another unit, and a counsel nobody assigned.
pub const OUT_OF_SCOPE: [(&str, &str, &str, Role); 9] = [
    (
        "TOWN_SECRETARIAT",
        TOWN,
        "明港镇党政综合办公室",
        Role::Secretariat,
    ),
    // The same unit name as `SPONSOR`'s: the organ, not the name, decides.
    ("TOWN_SPONSOR", TOWN, "区住房和城乡建设局", Role::Sponsor),
    (
        "TOWN_REVIEW_OFFICE",
        TOWN,
        "明港镇司法所",
        Role::ReviewOffice,
    ),
    ("TOWN_COUNSEL", TOWN, "明港镇司法所", Role::Counsel),
    ("TOWN_HEAD", TOWN, "明港镇人民政府", Role::Head),
    ("TOWN_AUDITOR", TOWN, "明港镇财政所", Role::Auditor),
    ("TOWN_ADMIN", TOWN, "明港镇党政综合办公室", Role::Admin),
    ("OTHER_SPONSOR", ORGAN, "区水利局", Role::Sponsor),
    ("OTHER_COUNSEL", ORGAN, "河南天中律师事务所", Role::Counsel),
];

pub struct App {
    pub addr: SocketAddr,
    pub http: reqwest::Client,
    pub tokens: HashMap<&'static str, String>,
    /// Each account's id, by the same keys as `tokens`.
    pub ids: HashMap<&'static str, String>,
    /// Shared with a second server on the same database, which must not delete it first.
    dir: Arc<tempfile::TempDir>,
    pub store: Store,
    /// The service the server runs, for what the server does on its own (the deadline sweep).
    pub service: Service,
    /// The server's clock: `set_date` / `advance` make time pass for the server.
    pub clock: FixedClock,
    /// The database URL, for a second process (replica or CLI) on the same data.
    pub database_url: String,
    shutdown: Option<oneshot::Sender<()>>,
}

/// What a test may change about the server it starts.
#[derive(Default)]
pub struct AppConfig {
    /// Calendar text merged over the shipped calendar, as `--calendar FILE` does.
    pub calendar_overlay: Option<String>,
    /// Which materials the server accepts, as `--material-max-mb` and `--material-types` say.
    pub material_policy: Option<MaterialPolicy>,
    /// Where reminders go besides the engine, as `--webhook` and `--smtp-url` say.
    pub outbound: Option<decision_engine::service::Outbound>,
}

impl App {
    /// The directory the test's database and materials live in.
    pub fn data_dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// As someone who owns the database: drops the triggers that keep the record append-only
    /// (m20261208_000001), so that an edit outside the engine can reach the rows and
    /// verification is what must catch it.
    pub async fn drop_record_guards(&self) {
        use sea_orm::ConnectionTrait;
        let db = self.store.connection();
        let drops: Vec<String> = match db.get_database_backend() {
            sea_orm::DbBackend::Sqlite => {
                ["decision_events", "catalogue_events", "public_comments"]
                    .iter()
                    .flat_map(|t| {
                        ["UPDATE", "DELETE"].map(|op| format!("DROP TRIGGER {t}_no_{op}"))
                    })
                    .collect()
            }
            _ => vec!["DROP FUNCTION refuse_record_change() CASCADE".into()],
        };
        for sql in drops {
            db.execute_unprepared(&sql).await.expect("guard dropped");
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

fn role(name: &str) -> Role {
    match name {
        "SECRETARIAT" => Role::Secretariat,
        "SPONSOR" => Role::Sponsor,
        "REVIEW_OFFICE" => Role::ReviewOffice,
        "COUNSEL" => Role::Counsel,
        "HEAD" => Role::Head,
        "AUDITOR" => Role::Auditor,
        "ADMIN" => Role::Admin,
        other => panic!("unknown role {other}"),
    }
}

fn unit(name: &str) -> &'static str {
    match name {
        "SECRETARIAT" | "HEAD" => "平桥区人民政府办公室",
        "SPONSOR" => "区住房和城乡建设局",
        "REVIEW_OFFICE" | "COUNSEL" => "区司法局",
        _ => "区审计局",
    }
}

/// A fresh database for one test: a SQLite file in a temp dir, or, when `TEST_POSTGRES_URL` is
/// set (as `.ci/run` does for its second pass), a new schema in that PostgreSQL database.
async fn fresh_database(dir: &tempfile::TempDir) -> String {
    match std::env::var("TEST_POSTGRES_URL") {
        Ok(base) => {
            let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
            let admin = sea_orm::Database::connect(&base)
                .await
                .expect("PostgreSQL reachable");
            sea_orm::ConnectionTrait::execute_unprepared(
                &admin,
                &format!("CREATE SCHEMA {schema}"),
            )
            .await
            .expect("schema created");
            admin.close().await.expect("closed");
            format!("{base}?options[search_path]={schema}")
        }
        Err(_) => format!("sqlite://{}/test.db", dir.path().display()),
    }
}

pub async fn spawn_app() -> App {
    spawn_app_with(AppConfig::default()).await
}

pub async fn spawn_app_with(config: AppConfig) -> App {
    spawn_app_limited(config, Limits::default()).await
}

/// A server with these limits (a time budget, a public-write quota, a test's pace) instead of
/// the defaults `serve` starts with.
pub async fn spawn_app_limited(config: AppConfig, limits: Limits) -> App {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = fresh_database(&dir).await;
    let db = store::connect(&url).await.expect("database opens");
    let store = Store::new(db).with_blobs(blobs(&dir));
    let clock = FixedClock::china(today(), 10).expect("10:00 exists");
    let mut tokens = HashMap::new();
    let mut ids = HashMap::new();
    let accounts = ROLES
        .into_iter()
        .map(|r| (r, ORGAN, unit(r), role(r)))
        .chain(OUT_OF_SCOPE);
    for (key, organ, unit, role) in accounts {
        let (row, token) = store
            .add_account(
                NewAccount {
                    name: format!("{key}用户"),
                    organ: organ.into(),
                    unit: unit.into(),
                    roles: vec![role],
                    expires_at: None,
                },
                clock.now(),
            )
            .await
            .expect("account");
        tokens.insert(key, token);
        ids.insert(key, row.official.id);
    }
    serve(
        Arc::new(dir),
        url,
        store,
        (tokens, ids),
        clock,
        (config, limits),
    )
    .await
}

/// The test's material store: a directory beside its database, shared by a second server.
fn blobs(dir: &tempfile::TempDir) -> store::Blobs {
    store::Blobs::open(&dir.path().join("materials").display().to_string()).expect("material store")
}

/// A service on `store` with the shipped henan profile, the calendar `config` names, and `clock`.
pub fn service(store: Store, clock: &FixedClock, config: &AppConfig) -> Service {
    let shipped = decision_engine::config::load_calendar(None).expect("shipped calendar");
    let calendar = CalendarSource {
        overlay: config.calendar_overlay.clone(),
        ..shipped
    };
    Service::new(
        store,
        decision_engine::config::load_profile("henan").expect("shipped profile"),
        calendar,
        Arc::new(clock.clone()),
    )
    .expect("service")
    .with_material_policy(config.material_policy.clone().unwrap_or_default())
    .with_outbound(config.outbound.clone().unwrap_or_default())
}

async fn serve(
    dir: Arc<tempfile::TempDir>,
    url: String,
    store: Store,
    (tokens, ids): (HashMap<&'static str, String>, HashMap<&'static str, String>),
    clock: FixedClock,
    (config, limits): (AppConfig, Limits),
) -> App {
    let service = service(store.clone(), &clock, &config);
    let schema = decision_engine::graphql::build_schema(service.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(decision_engine::http::serve(
        listener,
        schema,
        service.clone(),
        limits,
        async {
            let _ = rx.await;
        },
    ));
    App {
        addr,
        http: reqwest::Client::new(),
        tokens,
        ids,
        dir,
        store,
        service,
        clock,
        database_url: url,
        shutdown: Some(tx),
    }
}

impl App {
    /// Another server on the same database, accounts and clock, started with `config`: a
    /// restart with a new calendar file, or a replica.
    pub async fn another_server(&self, config: AppConfig) -> App {
        let db = store::connect(&self.database_url)
            .await
            .expect("database opens");
        serve(
            self.dir.clone(),
            self.database_url.clone(),
            Store::new(db).with_blobs(blobs(&self.dir)),
            (self.tokens.clone(), self.ids.clone()),
            self.clock.clone(),
            (config, Limits::default()),
        )
        .await
    }

    /// Runs `step` with the server's clock on `date`, then sets it back: what the public does
    /// while a consultation runs, in a test whose officials act after it ended.
    pub async fn on_day<T>(
        &self,
        date: NaiveDate,
        step: impl std::future::Future<Output = T>,
    ) -> T {
        let now = self.clock.now();
        self.clock.set_date(date);
        let out = step.await;
        self.clock.set(now.fixed_offset());
        out
    }

    /// While the consultation `Flow::open_consultation` opens is still running: its last day.
    pub fn during_consultation() -> NaiveDate {
        day(&Dates::consultation_ends())
    }

    /// `GET /healthz`: the status code and the body.
    pub async fn healthz(&self) -> (u16, Value) {
        let resp = self
            .http
            .get(format!("http://{}/healthz", self.addr))
            .send()
            .await
            .expect("request sent");
        let status = resp.status().as_u16();
        (status, resp.json().await.expect("JSON body"))
    }

    pub fn url(&self) -> String {
        format!("http://{}/graphql", self.addr)
    }

    /// Sends a GraphQL request as `role` (None: the public) and returns the whole body.
    pub async fn gql(&self, role: Option<&str>, query: &str, variables: Value) -> Value {
        let mut req = self
            .http
            .post(self.url())
            .json(&json!({"query": query, "variables": variables}));
        if let Some(r) = role {
            req = req.bearer_auth(&self.tokens[r]);
        }
        let resp = req.send().await.expect("request sent");
        assert!(resp.status().is_success(), "HTTP {}", resp.status());
        resp.json().await.expect("JSON body")
    }

    /// How many decisions an auditor can list (at most 100): proves an act stored nothing.
    pub async fn decision_count(&self) -> usize {
        let body = self
            .gql(
                Some("AUDITOR"),
                "{ decisions(first: 100) { edges { node { id } } } }",
                json!({}),
            )
            .await;
        body["data"]["decisions"]["edges"]
            .as_array()
            .unwrap_or_else(|| panic!("decisions not listed: {body}"))
            .len()
    }

    /// The decision as `role` sees it: stage, version and the history length.
    pub async fn decision(&self, id: &str) -> Value {
        let body = self
            .gql(
                Some("AUDITOR"),
                "query($id: ID!) { decision(id: $id) { id stage version history { seq kind position } requiredDocuments { kind attached } materials { number kind sha256 } } }",
                json!({"id": id}),
            )
            .await;
        body["data"]["decision"].clone()
    }
}

/// The date every test's server starts on (its clock reads 10:00 in China): Monday
/// 2026-06-15, a working day well inside the shipped calendar (2024–2026), so no test depends on
/// the day it runs. Acts may be back-dated, never dated after the server's today.
pub fn today() -> NaiveDate {
    day("2026-06-15")
}

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a valid date literal")
}

pub fn days_ago(n: u64) -> String {
    (today() - Days::new(n)).to_string()
}

pub fn days_ahead(n: u64) -> String {
    (today() + Days::new(n)).to_string()
}

/// The input type a mutation takes.
fn input_type(mutation: &str) -> String {
    match mutation {
        "recordPartyCommitteeReport" | "recordCongressReport" => "RecordReportInput".into(),
        "terminateDecision" | "adjustDecision" => "ChangeDecisionInput".into(),
        m => {
            let mut c = m.chars();
            let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or_default();
            format!("{first}{}Input", c.as_str())
        }
    }
}

/// A refused act: the error's code, rule, article and message.
#[derive(Debug, Clone)]
pub struct Refused {
    pub code: String,
    pub rule: Option<String>,
    pub article: Option<String>,
    pub message: String,
}

pub fn refusal(body: &Value) -> Refused {
    let e = &body["errors"][0];
    assert!(e.is_object(), "expected an error, got {body}");
    let ext = &e["extensions"];
    Refused {
        code: ext["code"].as_str().unwrap_or_default().into(),
        rule: ext["rule"].as_str().map(Into::into),
        article: ext["article"].as_str().map(Into::into),
        message: e["message"].as_str().unwrap_or_default().into(),
    }
}

/// The role that forms a document of `kind` (`DocumentKind::producers`).
pub fn producer(kind: &str) -> &'static str {
    match kind {
        "REVIEW_OPINION" => "REVIEW_OFFICE",
        "LEGAL_OPINION" => "COUNSEL",
        "MEETING_MINUTES" | "PUBLISHED_TEXT" | "FILING_REPORT" | "EVALUATION_REPORT" => {
            "SECRETARIAT"
        }
        _ => "SPONSOR",
    }
}

/// A small PDF whose bytes depend on `seed`.
pub fn pdf(seed: &str) -> Vec<u8> {
    format!("%PDF-1.7\n% {seed}\n%%EOF\n").into_bytes()
}

/// The mutation that attaches a material, with what the tests read back.
pub const ATTACH: &str = "mutation($input: AttachMaterialInput!, $file: Upload!) { attachMaterial(input: $input, file: $file) { id version materials { number kind name mediaType size sha256 downloadPath } } }";

impl App {
    /// Sends `attachMaterial` as a multipart request (operations, map, one file) as `role`.
    pub async fn upload(&self, role: &str, input: Value, name: &str, bytes: Vec<u8>) -> Value {
        let operations = json!({"query": ATTACH, "variables": {"input": input, "file": null}});
        let form = reqwest::multipart::Form::new()
            .text("operations", operations.to_string())
            .text("map", json!({"0": ["variables.file"]}).to_string())
            .part(
                "0",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
            );
        let answer = self
            .http
            .post(self.url())
            .bearer_auth(&self.tokens[role])
            .multipart(form)
            .send()
            .await
            .expect("request sent");
        let status = answer.status();
        let text = answer.text().await.expect("body");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{status}: {e}: {text:?}"))
    }
}

/// Dates a lifecycle uses: all in the past, in order, the consultation ending today so the
/// public can still comment while it is open.
pub struct Dates;
impl Dates {
    pub fn proposed() -> String {
        days_ago(45)
    }
    pub fn started() -> String {
        days_ago(44)
    }
    pub fn drafted() -> String {
        days_ago(40)
    }
    pub fn consultation_opened() -> String {
        days_ago(31)
    }
    /// The consultation's last day: yesterday, so it has run to 24:00 and closes today.
    pub fn consultation_ends() -> String {
        days_ago(1)
    }
    pub fn track_done() -> String {
        days_ago(20)
    }
}

/// One decision driven over HTTP.
pub struct Flow<'a> {
    pub app: &'a App,
    pub id: String,
    pub version: i64,
}

impl<'a> Flow<'a> {
    /// Proposes a decision with these flags (JSON object of FlagsInput), as the sponsor.
    pub async fn propose(app: &'a App, flags: Value) -> Flow<'a> {
        Self::propose_with(app, json!({"flags": flags})).await
    }

    /// Proposes with extra fields merged over a plausible default proposal.
    pub async fn propose_with(app: &'a App, extra: Value) -> Flow<'a> {
        let mut input = json!({
            "title": "城区老旧小区改造实施方案",
            "summary": "对2000年以前建成的城区老旧小区实施综合改造",
            "category": "HENAN_PUBLIC_SERVICE",
            "source": "DEPARTMENT_OR_LOWER_GOVERNMENT",
            "sourceStatement": {
                "problem": "老旧小区设施老化",
                "reasonsAndBasis": "国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见",
                "preliminaryPlan": "分三年改造42个小区",
                "necessityAndFeasibility": "群众需求迫切，资金已纳入预算"
            },
            "legalBasis": ["《城乡规划法》"],
            "outsideCatalogueReason": "年中新增事项，未列入年度目录", "proposedOn": Dates::proposed(),
        });
        if let (Some(obj), Some(more)) = (input.as_object_mut(), extra.as_object()) {
            for (k, v) in more {
                obj.insert(k.clone(), v.clone());
            }
        }
        let body = app
            .gql(
                Some("SPONSOR"),
                "mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id version } }",
                json!({"input": input}),
            )
            .await;
        let d = &body["data"]["proposeDecision"];
        assert!(d.is_object(), "proposal failed: {body}");
        Flow {
            app,
            id: d["id"].as_str().expect("id").into(),
            version: d["version"].as_i64().expect("version"),
        }
    }

    /// Sends `mutation(input)` as `role` with this decision's id and version filled in.
    pub async fn act(
        &mut self,
        role: &str,
        mutation: &str,
        input: Value,
    ) -> Result<Value, Refused> {
        let mut input = input;
        input["decisionId"] = json!(self.id);
        input["expectedVersion"] = json!(self.version);
        let query = format!(
            "mutation($input: {}!) {{ {mutation}(input: $input) {{ id stage version }} }}",
            input_type(mutation)
        );
        let body = self
            .app
            .gql(Some(role), &query, json!({"input": input}))
            .await;
        let d = &body["data"][mutation];
        if d.is_object() {
            self.version = d["version"].as_i64().expect("version");
            Ok(d.clone())
        } else {
            Err(refusal(&body))
        }
    }

    /// Uploads `bytes` as a material of `kind` named `name`, as `role`, by the GraphQL
    /// multipart request spec: the answer's body.
    pub async fn upload(&mut self, role: &str, kind: &str, name: &str, bytes: Vec<u8>) -> Value {
        let body = self
            .app
            .upload(
                role,
                json!({"decisionId": self.id, "expectedVersion": self.version, "kind": kind, "dated": days_ago(0)}),
                name,
                bytes,
            )
            .await;
        if let Some(v) = body["data"]["attachMaterial"]["version"].as_i64() {
            self.version = v;
        }
        body
    }

    /// Attaches every document the decision's path requires and lacks, each by the role that
    /// forms it, as a small PDF.
    pub async fn attach_required(&mut self) {
        let d = self.app.decision(&self.id).await;
        let missing: Vec<String> = d["requiredDocuments"]
            .as_array()
            .expect("requiredDocuments")
            .iter()
            .filter(|r| r["attached"] == json!(false))
            .map(|r| r["kind"].as_str().expect("kind").to_owned())
            .collect();
        for kind in missing {
            let role = producer(&kind);
            let body = self
                .upload(role, &kind, &format!("{kind}.pdf"), pdf(&kind))
                .await;
            assert!(body["data"]["attachMaterial"].is_object(), "{kind}: {body}");
        }
    }

    /// Like `act`, but the act must succeed; returns the new stage.
    pub async fn ok(&mut self, role: &str, mutation: &str, input: Value) -> String {
        match self.act(role, mutation, input).await {
            Ok(d) => d["stage"].as_str().expect("stage").into(),
            Err(e) => panic!("{mutation} refused: {e:?}"),
        }
    }

    pub async fn start(&mut self) {
        self.ok(
            "SECRETARIAT",
            "startProcedure",
            json!({"startedOn": Dates::started(), "leadUnit": "区住房和城乡建设局", "coUnits": ["区财政局"]}),
        )
        .await;
    }

    pub async fn draft(&mut self) {
        self.ok(
            "SPONSOR",
            "reviseDraft",
            json!({"revisedOn": Dates::drafted(), "text": "第一条 为推进城区老旧小区改造……", "explanation": "起草说明"}),
        )
        .await;
    }

    /// Opens a 30-day consultation that ended yesterday.
    pub async fn open_consultation(&mut self) {
        self.ok(
            "SPONSOR",
            "openPublicConsultation",
            consultation(
                &Dates::consultation_opened(),
                &Dates::consultation_ends(),
                None,
            ),
        )
        .await;
    }

    pub async fn close_consultation(&mut self) {
        self.ok(
            "SPONSOR",
            "closePublicConsultation",
            json!({"closedOn": today().to_string(), "adoptionReport": "共收到意见若干条，已逐条研究处理"}),
        )
        .await;
    }

    pub async fn experts(&mut self) {
        self.ok("SPONSOR", "recordExpertArgumentation", experts(false, true))
            .await;
    }

    pub async fn risk(&mut self) {
        self.ok("SPONSOR", "recordRiskAssessment", risk("CONTROLLABLE"))
            .await;
    }

    pub async fn fair_competition(&mut self) {
        self.ok(
            "SPONSOR",
            "recordFairCompetitionReview",
            json!({"reviewedOn": Dates::track_done(), "reviewingUnit": "区市场监督管理局", "conclusion": "NO_RESTRICTION", "summary": "不含排除、限制竞争的内容"}),
        )
        .await;
    }

    pub async fn not_required(&mut self, track: &str) {
        self.ok(
            "SPONSOR",
            "markTrackNotRequired",
            json!({"track": track, "basis": "依决策事项性质无需开展"}),
        )
        .await;
    }

    /// Requests the review today, with a recorded urgency reason: whole lifecycles then fit in
    /// the days before today. `review.min_time` has its own tests with dated requests.
    pub async fn request_review(&mut self) {
        self.ok(
            "SPONSOR",
            "requestLegalityReview",
            json!({"requestedOn": today().to_string(), "legalBasis": ["《城乡规划法》", "《河南省重大行政决策程序规定》"],
                   "shortenedReason": "汛期前须完成改造，情况紧急"}),
        )
        .await;
    }

    /// The review office assigns `COUNSEL` to the current review round (Art. 28), today.
    pub async fn assign_counsel(&mut self) {
        self.assign_counsel_on(&today().to_string()).await;
    }

    pub async fn assign_counsel_on(&mut self, on: &str) {
        let counsel = self.app.ids["COUNSEL"].clone();
        self.ok(
            "REVIEW_OFFICE",
            "assignCounsel",
            json!({"assignedOn": on, "counselAccountId": counsel, "kind": "PUBLIC_LAWYER", "affiliation": "平桥区司法局"}),
        )
        .await;
    }

    /// `COUNSEL`, assigned first, gives an opinion today.
    pub async fn counsel_opinion(&mut self) {
        self.assign_counsel().await;
        self.ok(
            "COUNSEL",
            "submitLegalOpinion",
            json!({"givenOn": today().to_string(), "kind": "PUBLIC_LAWYER", "opinion": "草案符合法定权限和程序"}),
        )
        .await;
    }

    pub async fn conclude_review(&mut self, conclusion: &str) -> Result<Value, Refused> {
        self.act(
            "REVIEW_OFFICE",
            "concludeLegalityReview",
            conclude(conclusion),
        )
        .await
    }

    pub async fn meeting(&mut self) -> Result<Value, Refused> {
        self.act(
            "SECRETARIAT",
            "recordCollectiveDiscussion",
            meeting(self.draft_version().await, "ADOPTED"),
        )
        .await
    }

    pub async fn draft_version(&self) -> i64 {
        let body = self
            .app
            .gql(
                Some("AUDITOR"),
                "query($id: ID!) { decision(id: $id) { draft { version } } }",
                json!({"id": self.id}),
            )
            .await;
        body["data"]["decision"]["draft"]["version"]
            .as_i64()
            .unwrap_or(0)
    }

    /// PROPOSED → DRAFTING with a draft and every track settled, ready to request review.
    pub async fn ready_for_review(&mut self) {
        self.start().await;
        self.draft().await;
        self.open_consultation().await;
        self.close_consultation().await;
        self.experts().await;
        self.risk().await;
        self.fair_competition().await;
    }

    /// … → AWAITING_DISCUSSION with a LAWFUL review.
    pub async fn reviewed(&mut self) {
        self.ready_for_review().await;
        self.request_review().await;
        self.counsel_opinion().await;
        self.conclude_review("LAWFUL")
            .await
            .expect("review concludes");
    }

    /// … → ADOPTED.
    pub async fn adopted(&mut self) {
        self.reviewed().await;
        self.meeting().await.expect("meeting recorded");
    }

    pub async fn party_report(&mut self) {
        self.ok(
            "SECRETARIAT",
            "recordPartyCommitteeReport",
            json!({"reportedOn": today().to_string(), "recipient": "中共平桥区委", "summary": "请示报告"}),
        )
        .await;
    }

    pub async fn publish(&mut self) {
        self.ok(
            "SECRETARIAT",
            "publishDecision",
            json!({"publishedOn": today().to_string(), "channels": ["平桥区人民政府网站", "平桥区人民政府公报"], "documentNumber": "平政〔2026〕12号", "opinionExplanation": "公众意见和专家论证意见的采纳情况说明"}),
        )
        .await;
    }

    /// … → IN_EXECUTION.
    pub async fn in_execution(&mut self) {
        self.adopted().await;
        self.party_report().await;
        self.publish().await;
        self.ok(
            "SECRETARIAT",
            "startExecution",
            json!({"startedOn": today().to_string(), "executingUnit": "区住房和城乡建设局"}),
        )
        .await;
    }
}

pub fn consultation(opened: &str, ends: &str, reason: Option<&str>) -> Value {
    json!({
        "openedOn": opened,
        "endsOn": ends,
        "channels": ["平桥区人民政府网站"],
        "howToComment": "电子邮件或信函",
        "shortenedReason": reason,
    })
}

pub fn experts(interested: bool, signed: bool) -> Value {
    json!({
        "heldOn": Dates::track_done(),
        "method": "MEETING",
        "organizer": "区住房和城乡建设局",
        "opinions": [
            {"expert": "李教授", "interestDeclaration": "与本事项无利害关系", "hasDirectInterest": interested, "opinion": "方案可行", "signed": signed},
            {"expert": "王工程师", "interestDeclaration": "与本事项无利害关系", "hasDirectInterest": false, "opinion": "建议分期实施", "signed": true}
        ],
        "adoptionReport": "专家意见已全部采纳"
    })
}

pub fn risk(conclusion: &str) -> Value {
    json!({
        "assessedOn": Dates::track_done(),
        "assessingUnit": "区社会稳定风险评估中心",
        "riskPoints": ["施工扰民", "居民出资分歧"],
        "measures": ["错峰施工", "逐户协商"],
        "responsePlan": "成立应急处置小组",
        "departmentsHeard": ["区信访局", "区公安分局"],
        "conclusion": conclusion
    })
}

pub fn conclude(conclusion: &str) -> Value {
    json!({
        "concludedOn": today().to_string(),
        "conclusion": conclusion,
        "authorityFinding": "符合法定权限",
        "procedureFinding": "已履行法定程序",
        "contentFinding": "内容合法",
    })
}

/// Two members agree, one dissents with a statement, the head adopts last.
pub fn meeting(draft_version: i64, outcome: &str) -> Value {
    json!({
        "heldOn": today().to_string(),
        "kind": "EXECUTIVE",
        "session": "区政府第12次常务会议",
        "draftVersion": draft_version,
        "attendance": {"members": 7, "present": 4},
        "speeches": [
            {"speaker": "副区长甲", "position": "AGREE", "statement": "同意"},
            {"speaker": "副区长乙", "position": "AGREE"},
            {"speaker": "副区长丙", "position": "DISAGREE", "statement": "资金来源尚需进一步落实"},
            {"speaker": "区长", "isHead": true, "position": "AGREE", "statement": "原则通过"}
        ],
        "outcome": outcome
    })
}

/// A WebSocket to the server speaking graphql-transport-ws, not yet initialised.
pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub async fn connect(app: &App) -> Socket {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let mut req = format!("ws://{}/graphql/ws", app.addr)
        .into_client_request()
        .expect("request");
    req.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        "graphql-transport-ws".parse().expect("header"),
    );
    tokio_tungstenite::connect_async(req)
        .await
        .expect("connects")
        .0
}

/// A socket initialised with `token`, acknowledged, and subscribed to `query` as operation "1".
pub async fn subscribe(app: &App, token: &str, query: &str) -> Socket {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    let mut ws = connect(app).await;
    let init =
        json!({"type": "connection_init", "payload": {"Authorization": format!("Bearer {token}")}});
    ws.send(Message::text(init.to_string()))
        .await
        .expect("init");
    match ws.next().await {
        Some(Ok(Message::Text(t))) => assert!(t.contains("connection_ack"), "{t}"),
        other => panic!("no ack: {other:?}"),
    }
    ws.send(Message::text(
        json!({"id": "1", "type": "subscribe", "payload": {"query": query}}).to_string(),
    ))
    .await
    .expect("subscribe");
    ws
}
