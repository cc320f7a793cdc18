//! The command line: `serve`, `migrate`, `account add|list|revoke|passwd`, `material add`, `demo`,
//! `schema`, `rules`.

use std::net::SocketAddr;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::clock::SystemClock;
use crate::config;
use crate::procedure::{DocumentKind, Role};
use crate::service::Service;
use crate::store::{self, NewAccount, Store};

pub const DEFAULT_DATABASE: &str = "sqlite://data/decisions.db";
pub const DEFAULT_MATERIALS: &str = "data/materials";

#[derive(Parser)]
#[command(
    name = "decision-engine",
    version,
    about = "重大行政决策程序引擎 / the statutory procedure for major administrative decisions"
)]
pub struct Cli {
    /// Database URL: sqlite://path (created on first run) or postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE, global = true)]
    pub database_url: String,
    /// Connections in this process's pool.
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS", default_value_t = 10, global = true,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub db_max_connections: u32,
    /// PostgreSQL: seconds any one statement may run before the server ends it.
    #[arg(long, env = "DATABASE_STATEMENT_TIMEOUT_SECS", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub db_statement_timeout_secs: u64,
    /// Procedure profile for new decisions: `henan`, `national`, or a profile file's path.
    #[arg(long, env = "DECISION_PROFILE", default_value = "henan", global = true)]
    pub profile: String,
    /// A calendar file merged over the shipped one: a newly announced year, or a local adjustment.
    #[arg(long, env = "DECISION_CALENDAR", global = true)]
    pub calendar: Option<std::path::PathBuf>,
    /// Where materials are stored: a directory, or `s3://bucket/prefix` for S3-compatible
    /// storage (the organ's MinIO; `AWS_ENDPOINT`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `AWS_ALLOW_HTTP` configure it). Replicas must share it.
    #[arg(long, env = "DECISION_MATERIALS", default_value = DEFAULT_MATERIALS, global = true)]
    pub materials: String,
    /// The largest material accepted, in MiB.
    #[arg(long, env = "DECISION_MATERIAL_MAX_MB", default_value_t = crate::service::DEFAULT_MATERIAL_MAX_MB,
          global = true, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub material_max_mb: u64,
    /// The operator's ed25519 key for checkpoints (a file holding its 32-byte seed in hex, made
    /// by `checkpoint keygen`). With it, `serve` signs the heads of every chain periodically.
    #[arg(long, env = "DECISION_CHECKPOINT_KEY", global = true)]
    pub checkpoint_key: Option<std::path::PathBuf>,
    /// The file types accepted as materials, by extension, comma-separated.
    #[arg(long, env = "DECISION_MATERIAL_TYPES", default_value = crate::service::DEFAULT_MATERIAL_TYPES,
          global = true)]
    pub material_types: String,
    /// How logs are written to stderr: `text`, or `json` (one object per line, each line of a
    /// request carrying its `request_id`, the `x-request-id` it was answered with).
    #[arg(long, env = "DECISION_LOG_FORMAT", value_enum, default_value_t = crate::telemetry::LogFormat::Text, global = true)]
    pub log_format: crate::telemetry::LogFormat,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Subcommand)]
pub enum Cmd {
    /// Run the server (the default).
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Into an empty database, load the 平桥区 demo data first and print its accounts' tokens.
        #[arg(long)]
        demo: bool,
        /// Seconds between two sweeps that record passed deadlines (one runs at start-up).
        #[arg(long, default_value_t = 3600)]
        sweep_interval: u64,
        /// Seconds between two signed checkpoints, when `--checkpoint-key` is given (one is
        /// made at start-up).
        #[arg(long, default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..))]
        checkpoint_interval: u64,
        /// Hours an idempotency key is kept: a mutation sent again with its key within this time
        /// returns its first result instead of acting twice.
        #[arg(long, env = "DECISION_IDEMPOTENCY_TTL_HOURS",
              default_value_t = crate::service::DEFAULT_TTL_HOURS,
              value_parser = clap::value_parser!(i64).range(1..=24 * 366))]
        idempotency_ttl_hours: i64,
        #[command(flatten)]
        limits: LimitArgs,
        #[command(flatten)]
        reminders: ReminderArgs,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage accounts and their tokens.
    #[command(subcommand)]
    Account(AccountCmd),
    /// Load the 平桥区 demo data: several decisions at different stages.
    Demo,
    /// Attach documents to a decision's record (Art. 33).
    #[command(subcommand)]
    Material(MaterialCmd),
    /// Write the archive package (Art. 33): one decision's, or every decision archived in a
    /// year (for transfer to the archives).
    Export {
        #[arg(long, conflicts_with = "year", required_unless_present = "year")]
        decision: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        /// With `--year`: only this organ's decisions.
        #[arg(long, requires = "year")]
        organ: Option<String>,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Check an archive package offline (no database), or, with no FILE, the whole database
    /// (`--database-url`): every chain, every replay, every material's hash; and, with
    /// `--checkpoint`, that every chain still reaches the head a checkpoint kept elsewhere
    /// recorded. Exits 1 at the first sign of tampering, naming the place.
    Verify {
        file: Option<std::path::PathBuf>,
        /// A checkpoint exported by `checkpoint export` and kept out of the database's reach.
        #[arg(long)]
        checkpoint: Option<std::path::PathBuf>,
        /// The operator's public key (hex) the checkpoint must be signed with; without it, the
        /// key the checkpoint names is used, which proves only that it was not altered since.
        #[arg(long, requires = "checkpoint")]
        public_key: Option<String>,
    },
    /// Signed checkpoints of every chain's head.
    #[command(subcommand)]
    Checkpoint(CheckpointCmd),
    /// Print the GraphQL SDL.
    Schema,
    /// Print the rule book (docs/RULES.md): every rule with the provision it enforces, the acts
    /// it guards, its refusal and its test; and the provisions not judged as a rule.
    Rules,
}

/// Where reminders (超期预警, 督办) go besides the engine: the organ's webhooks and the units'
/// mailboxes. Without any, reminders are only in the engine (`myReminders`).
#[derive(clap::Args, Debug, Clone, Default, PartialEq, Eq)]
pub struct ReminderArgs {
    /// A URL every reminder is POSTed to as JSON (the office's OA system); repeatable.
    #[arg(long = "webhook", env = "DECISION_WEBHOOKS", value_delimiter = ',')]
    pub webhooks: Vec<String>,
    /// The shared secret each webhook request is signed with (`x-decision-signature`:
    /// HMAC-SHA256 of `x-decision-timestamp`, a dot and the body). Required with `--webhook`.
    #[arg(long, env = "DECISION_WEBHOOK_SECRET", hide_env_values = true)]
    pub webhook_secret: Option<String>,
    /// The SMTP server reminders are mailed through: `smtps://user:password@host` (TLS),
    /// `smtp://host:25?tls=required` (STARTTLS) or `smtp://host:25` (plain, inside the organ's
    /// network only).
    #[arg(long, env = "DECISION_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of reminder mail, e.g. `区政府办公室 <ban@example.gov.cn>`. Required with
    /// `--smtp-url`.
    #[arg(long, env = "DECISION_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// A unit and the mailbox its reminders go to, as `区民政局=mz@example.gov.cn`; repeatable.
    #[arg(
        long = "unit-mailbox",
        env = "DECISION_UNIT_MAILBOXES",
        value_delimiter = ';'
    )]
    pub unit_mailboxes: Vec<String>,
    /// Seconds between two rounds of outward deliveries (due retries included); a reminder
    /// raised on this server is sent at once.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub delivery_interval: u64,
}

impl ReminderArgs {
    /// Parsed once at start-up: a bad address or URL stops the server, naming it.
    pub fn outbound(&self) -> anyhow::Result<crate::service::Outbound> {
        use crate::service::{Mail, Outbound, Retry, Webhook};
        use lettre::message::Mailbox;
        let webhooks = match (&self.webhook_secret, self.webhooks.is_empty()) {
            (_, true) => Vec::new(),
            (None, false) => {
                anyhow::bail!("--webhook 需要同时提供 --webhook-secret（用于请求签名）")
            }
            (Some(secret), false) => self
                .webhooks
                .iter()
                .map(|url| {
                    let parsed = reqwest13::Url::parse(url)
                        .with_context(|| format!("--webhook {url}：不是有效的 URL"))?;
                    anyhow::ensure!(
                        matches!(parsed.scheme(), "http" | "https"),
                        "--webhook {url}：只支持 http 或 https"
                    );
                    Ok(Webhook {
                        url: url.clone(),
                        secret: secret.clone(),
                    })
                })
                .collect::<anyhow::Result<_>>()?,
        };
        let mail = match (&self.smtp_url, &self.mail_from) {
            (None, _) => {
                anyhow::ensure!(
                    self.unit_mailboxes.is_empty(),
                    "--unit-mailbox 需要同时提供 --smtp-url"
                );
                None
            }
            (Some(_), None) => anyhow::bail!("--smtp-url 需要同时提供 --mail-from"),
            (Some(url), Some(from)) => {
                let transport = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)
                    .context("--smtp-url：不是有效的 SMTP 地址")?
                    .build();
                let from: Mailbox = from
                    .parse()
                    .with_context(|| format!("--mail-from {from}：不是有效的邮件地址"))?;
                let mut units = std::collections::BTreeMap::<String, Vec<Mailbox>>::new();
                for pair in &self.unit_mailboxes {
                    let (unit, address) = pair
                        .split_once('=')
                        .with_context(|| format!("--unit-mailbox {pair}：应写作 单位=邮件地址"))?;
                    let mailbox: Mailbox = address
                        .trim()
                        .parse()
                        .with_context(|| format!("--unit-mailbox {pair}：不是有效的邮件地址"))?;
                    units
                        .entry(unit.trim().to_owned())
                        .or_default()
                        .push(mailbox);
                }
                Some(Mail {
                    transport,
                    from,
                    units,
                })
            }
        };
        Ok(Outbound::new(webhooks, mail, Retry::default())?)
    }
}

/// What one request and one client may cost (issue 7); the weight and depth of a query are
/// fixed in the schema (`graphql::limits`), not set here.
#[derive(clap::Args, Debug, Clone, PartialEq, Eq)]
pub struct LimitArgs {
    /// Seconds one request may take, its body included; past it the request answers TIMEOUT and
    /// its work is dropped.
    #[arg(long, default_value_t = crate::http::DEFAULT_REQUEST_TIMEOUT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout_secs: u64,
    /// Public comments one client address may submit per minute, on average.
    #[arg(long, default_value_t = crate::graphql::DEFAULT_PUBLIC_WRITES_PER_MINUTE,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub public_writes_per_minute: u32,
    /// Public comments one client address may submit at once before the per-minute rate applies.
    #[arg(long, default_value_t = crate::graphql::DEFAULT_PUBLIC_WRITE_BURST,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub public_write_burst: u32,
    /// The server runs behind one reverse proxy: the client is the last address in
    /// X-Forwarded-For (the one the proxy appended), and X-Forwarded-Proto says whether it came
    /// over TLS (the workbench's session cookie is then Secure). Never set it without such a
    /// proxy: any client could then name itself.
    #[arg(long)]
    pub trust_forwarded_for: bool,
}

impl Default for LimitArgs {
    fn default() -> Self {
        Self {
            request_timeout_secs: crate::http::DEFAULT_REQUEST_TIMEOUT.as_secs(),
            public_writes_per_minute: crate::graphql::DEFAULT_PUBLIC_WRITES_PER_MINUTE,
            public_write_burst: crate::graphql::DEFAULT_PUBLIC_WRITE_BURST,
            trust_forwarded_for: false,
        }
    }
}

impl LimitArgs {
    /// The limits, with uploads bounded by `material_max_mb`.
    pub fn limits(&self, material_max_mb: u64) -> crate::http::Limits {
        crate::http::Limits {
            request_timeout: std::time::Duration::from_secs(self.request_timeout_secs),
            public_writes: crate::graphql::PublicWriteQuota::new(
                self.public_writes_per_minute,
                self.public_write_burst,
            ),
            trust_forwarded_for: self.trust_forwarded_for,
            pace: crate::graphql::Pace::monotonic(),
            upload_limit: usize::try_from(material_max_mb << 20)
                .unwrap_or(usize::MAX)
                .saturating_add(crate::http::UPLOAD_OVERHEAD),
        }
    }
}

#[derive(Subcommand)]
pub enum CheckpointCmd {
    /// Make a new key; its file is written (readable by its owner only) and the public key
    /// printed: keep that apart from the database.
    Keygen {
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Sign the heads of every chain now with `--checkpoint-key`, and keep the checkpoint.
    Make,
    /// Write a stored checkpoint (the latest, or number `--id`) to a file, to keep elsewhere.
    Export {
        #[arg(long)]
        id: Option<i64>,
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
pub enum MaterialCmd {
    /// Upload FILE as a document of the decision, as the official whose token is given: the
    /// same act, limits and checks as `attachMaterial` over HTTP.
    Add {
        #[arg(long)]
        decision: String,
        /// The document's kind as the API names it: DRAFT_TEXT, REVIEW_OPINION,
        /// MEETING_MINUTES, PUBLISHED_TEXT, …
        #[arg(long, value_parser = document_kind)]
        kind: DocumentKind,
        /// The date the document was formed or received.
        #[arg(long)]
        dated: chrono::NaiveDate,
        #[arg(long)]
        note: Option<String>,
        /// The version the official saw; the current one if not given.
        #[arg(long)]
        expected_version: Option<i64>,
        /// The official's token (as for the API).
        #[arg(long, env = "DECISION_TOKEN", hide_env_values = true)]
        token: String,
        file: std::path::PathBuf,
    },
}

/// The operator's checkpoint key, from the file `--checkpoint-key` names.
fn checkpoint_key(cli: &Cli) -> anyhow::Result<ed25519_dalek::SigningKey> {
    let path = cli
        .checkpoint_key
        .as_ref()
        .context("--checkpoint-key (or DECISION_CHECKPOINT_KEY) names no key file")?;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(crate::archive::checkpoint::parse_key(&text)?)
}

/// A secret written readable by its owner only, never over an existing file.
fn write_secret(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {} (it must not exist)", path.display()))?;
    writeln!(file, "{text}")?;
    Ok(())
}

/// A checkpoint file, its signature checked.
fn open_checkpoint(
    path: &std::path::Path,
    public_key: Option<&str>,
) -> anyhow::Result<crate::archive::checkpoint::Body> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let signed: crate::archive::checkpoint::Signed = serde_json::from_str(&text)
        .with_context(|| format!("{} is not a checkpoint", path.display()))?;
    Ok(signed.open(public_key)?)
}

fn checked_against(body: &Option<crate::archive::checkpoint::Body>) -> String {
    body.as_ref()
        .map(|b| format!("；对照检查点（{}，{} 条链）", b.made_at, b.heads.len()))
        .unwrap_or_default()
}

/// A bar on stderr while a verification runs long; nothing when stderr is not a terminal.
fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {eta}") {
        bar.set_style(style);
    }
    bar
}

/// Prints what was checked and every finding; an error (exit 1) if there is any.
fn conclude(checked: &str, findings: Vec<String>) -> anyhow::Result<()> {
    if findings.is_empty() {
        println!("完好：{checked}");
        return Ok(());
    }
    println!("发现篡改或者损坏：{checked}");
    for f in &findings {
        println!("  {f}");
    }
    anyhow::bail!(
        "verification failed: {} finding(s), the first: {}",
        findings.len(),
        findings[0]
    )
}

/// A document kind as the API names it.
fn document_kind(s: &str) -> Result<DocumentKind, String> {
    serde_json::from_value(serde_json::Value::String(s.to_ascii_uppercase())).map_err(|_| {
        let names: Vec<String> = DocumentKind::ALL
            .iter()
            .filter_map(|k| serde_json::to_value(k).ok())
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        format!("unknown kind {s}; one of {}", names.join(", "))
    })
}

#[derive(Subcommand)]
pub enum AccountCmd {
    /// Create an account; its token is printed once, alone on the last line.
    Add {
        #[arg(long)]
        name: String,
        /// The organ the official serves (e.g. 平桥区人民政府; under Art. 42 a department or a
        /// township that decides by the same procedure).
        #[arg(long)]
        organ: String,
        #[arg(long)]
        unit: String,
        /// One or more roles, comma-separated, tried in this order when the account acts.
        #[arg(long, value_parser = role_arg, value_delimiter = ',', required = true)]
        role: Vec<Role>,
        /// The last day (China time) the token works; none: until revoked.
        #[arg(long)]
        expires: Option<chrono::NaiveDate>,
    },
    List,
    Revoke {
        id: String,
    },
    /// Set the password the official signs in to the workbench (/console) with, read as one
    /// line from standard input (at least 10 characters); only its argon2id hash is kept.
    Passwd {
        id: String,
    },
}

fn roles_text(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| store::role_name(*r))
        .collect::<Vec<_>>()
        .join(",")
}

/// Parses a role as the API names it (`COUNSEL`, `REVIEW_OFFICE`, …).
fn role_arg(s: &str) -> Result<Role, String> {
    store::parse_role(s)
        .filter(|r| Role::ACCOUNTS.contains(r))
        .ok_or_else(|| {
            let names: Vec<&str> = Role::ACCOUNTS.into_iter().map(store::role_name).collect();
            format!("unknown role {s}; one of {}", names.join(", "))
        })
}

/// The service with the configured profile and calendar, on the machine's clock; a bad file
/// stops start-up here.
fn service(cli: &Cli, store: Store) -> anyhow::Result<Service> {
    let profile = config::load_profile(&cli.profile)?;
    let calendar = config::load_calendar(cli.calendar.as_deref())?;
    let policy = crate::service::MaterialPolicy::parse(&cli.material_types, cli.material_max_mb)
        .map_err(|e| anyhow::anyhow!("--material-types: {e}"))?;
    Ok(
        Service::new(store, profile, calendar, std::sync::Arc::new(SystemClock))?
            .with_material_policy(policy),
    )
}

async fn open(cli: &Cli) -> anyhow::Result<Store> {
    let pool = store::DbOptions {
        max_connections: cli.db_max_connections,
        statement_timeout: std::time::Duration::from_secs(cli.db_statement_timeout_secs),
    };
    let db = store::connect_with(&cli.database_url, &pool)
        .await
        .with_context(|| format!("cannot open the database {}", cli.database_url))?;
    Ok(Store::new(db))
}

/// The database and the material store, for the commands that read or write materials.
async fn open_with_materials(cli: &Cli) -> anyhow::Result<Store> {
    let blobs = store::Blobs::open(&cli.materials)
        .with_context(|| format!("cannot open the material store {}", cli.materials))?;
    Ok(open(cli).await?.with_blobs(blobs))
}

pub async fn run(mut cli: Cli) -> anyhow::Result<()> {
    let command = cli.command.take();
    match command.unwrap_or(Cmd::Serve {
        listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
        demo: false,
        sweep_interval: 3600,
        checkpoint_interval: 3600,
        idempotency_ttl_hours: crate::service::DEFAULT_TTL_HOURS,
        limits: LimitArgs::default(),
        reminders: ReminderArgs {
            delivery_interval: 30,
            ..ReminderArgs::default()
        },
    }) {
        Cmd::Schema => print!("{}", crate::graphql::sdl()),
        Cmd::Rules => print!("{}", crate::procedure::rule_book()),
        Cmd::Migrate => {
            let store = open(&cli).await?;
            let indexed = service(&cli, store)?.build_deadline_index().await?;
            eprintln!("migrations applied; deadline index built for {indexed} decisions");
        }
        Cmd::Serve {
            listen,
            demo,
            sweep_interval,
            checkpoint_interval,
            idempotency_ttl_hours,
            limits,
            reminders,
        } => {
            // A bad key stops start-up, before anything is served.
            let key = match cli.checkpoint_key {
                Some(_) => Some(checkpoint_key(&cli)?),
                None => None,
            };
            let outbound = reminders.outbound()?;
            let store = open_with_materials(&cli).await?;
            let service = service(&cli, store)?
                .with_idempotency_ttl(chrono::Duration::hours(idempotency_ttl_hours))
                .with_outbound(outbound);
            warn_if_calendar_ends_soon(&service);
            let indexed = service.build_deadline_index().await?;
            if indexed > 0 {
                tracing::info!(decisions = indexed, "deadline index built");
            }
            tokio::spawn(calendar_watch(service.clone()));
            if demo {
                if service.store().count().await? == 0 {
                    print!("{}", crate::demo::load(service.clone()).await?);
                } else {
                    eprintln!(
                        "the database already holds decisions: demo not loaded \
                         (its tokens were printed when it was; `account add` makes a new one)"
                    );
                }
            }
            tokio::spawn(sweep_forever(
                service.clone(),
                std::time::Duration::from_secs(sweep_interval.max(1)),
            ));
            tokio::spawn(deliver_forever(
                service.clone(),
                std::time::Duration::from_secs(reminders.delivery_interval),
            ));
            if let Some(key) = key {
                tokio::spawn(checkpoint_forever(
                    service.clone(),
                    key,
                    std::time::Duration::from_secs(checkpoint_interval),
                ));
            }
            let schema = crate::graphql::build_schema(service.clone());
            let listener = tokio::net::TcpListener::bind(listen)
                .await
                .with_context(|| format!("cannot listen on {listen}"))?;
            tracing::info!(%listen, "serving; GraphiQL at http://{listen}/graphql");
            crate::http::serve(
                listener,
                schema,
                service,
                limits.limits(cli.material_max_mb),
                shutdown_signal(),
            )
            .await?;
        }
        Cmd::Export {
            decision,
            year,
            organ,
            out,
        } => {
            let store = open_with_materials(&cli).await?;
            let service = service(&cli, store)?;
            let file = std::fs::File::create(&out)
                .with_context(|| format!("cannot write {}", out.display()))?;
            let started = std::time::Instant::now();
            let written = match (decision, year) {
                (Some(id), _) => service.export_decisions(vec![id], file).await,
                (None, Some(year)) => service.export_year(year, organ.as_deref(), file).await,
                (None, None) => anyhow::bail!("--decision or --year"),
            };
            let manifest = match written {
                Ok((_, manifest)) => manifest,
                Err(e) => {
                    // Nothing half-written is left behind under the name asked for.
                    let _ = std::fs::remove_file(&out);
                    return Err(e.into());
                }
            };
            let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or_default();
            eprintln!(
                "{}: {} decisions, {} files, {size} bytes in {:.2?}",
                out.display(),
                manifest.decisions.len(),
                manifest.files.len() + 1,
                started.elapsed()
            );
        }
        Cmd::Verify {
            file: Some(path),
            checkpoint,
            public_key,
        } => {
            let against = match &checkpoint {
                Some(cp) => Some(open_checkpoint(cp, public_key.as_deref())?),
                None => None,
            };
            let bar = progress_bar();
            let report = crate::archive::verify_file(&path, &|done, total| {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            });
            bar.finish_and_clear();
            let mut findings: Vec<String> =
                report.findings.iter().map(ToString::to_string).collect();
            if let Some(body) = &against {
                findings.extend(crate::archive::checkpoint::compare(
                    body,
                    &|h| {
                        report
                            .chains
                            .get(&h.id)
                            .filter(|_| h.stream == "decision")
                            .map(|c| {
                                usize::try_from(h.count - 1)
                                    .ok()
                                    .and_then(|i| c.get(i))
                                    .cloned()
                            })
                    },
                    true,
                ));
            }
            conclude(
                &format!(
                    "{}：{} 个决策，{} 个事件，{} 份材料{}",
                    path.display(),
                    report.decisions,
                    report.events,
                    report.materials,
                    checked_against(&against)
                ),
                findings,
            )?;
        }
        Cmd::Verify {
            file: None,
            checkpoint,
            public_key,
        } => {
            let against = match &checkpoint {
                Some(cp) => Some(open_checkpoint(cp, public_key.as_deref())?),
                None => None,
            };
            let store = open_with_materials(&cli).await?;
            let service = service(&cli, store)?;
            let bar = progress_bar();
            let report = service
                .verify_database(&|done, total| {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                })
                .await?;
            bar.finish_and_clear();
            let mut findings = report.findings;
            if let Some(body) = &against {
                findings.extend(service.compare_with_checkpoint(body).await?);
            }
            conclude(
                &format!(
                    "{}：{} 个决策（{} 个事件，{} 份材料），{} 个年度目录{}",
                    cli.database_url,
                    report.decisions,
                    report.events,
                    report.materials,
                    report.catalogues,
                    checked_against(&against)
                ),
                findings,
            )?;
        }
        Cmd::Checkpoint(CheckpointCmd::Keygen { out }) => {
            let (seed, public) = crate::archive::checkpoint::new_key();
            write_secret(&out, &seed)?;
            println!("{public}");
        }
        Cmd::Checkpoint(CheckpointCmd::Make) => {
            let key = checkpoint_key(&cli)?;
            let store = open(&cli).await?;
            let signed = service(&cli, store)?.make_checkpoint(&key).await?;
            let body = signed.open(None)?;
            println!(
                "checkpoint {}: {} chains, root {}",
                signed.id,
                body.heads.len(),
                body.root
            );
        }
        Cmd::Checkpoint(CheckpointCmd::Export { id, out }) => {
            let store = open(&cli).await?;
            let signed = service(&cli, store)?.checkpoint(id).await?;
            std::fs::write(&out, serde_json::to_string_pretty(&signed)?)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("checkpoint {} written to {}", signed.id, out.display());
        }
        Cmd::Material(MaterialCmd::Add {
            decision,
            kind,
            dated,
            note,
            expected_version,
            token,
            file,
        }) => {
            let store = open_with_materials(&cli).await?;
            let service = service(&cli, store)?;
            let caller = service.authenticate(Some(&token)).await?;
            let version = match expected_version {
                Some(v) => v,
                None => service.decision(&caller, &decision).await?.decision.version as i64,
            };
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .context("FILE names no file")?;
            let opened = tokio::fs::File::open(&file)
                .await
                .with_context(|| format!("cannot read {}", file.display()))?;
            let note = crate::procedure::Text::parse_opt_as(
                "说明",
                crate::procedure::Length::Statement,
                note.as_deref(),
            )?;
            let d = service
                .attach_material(
                    &caller,
                    None,
                    &decision,
                    version,
                    crate::service::Attachment { kind, dated, note },
                    crate::service::Upload { name, file: opened },
                    None,
                )
                .await?;
            let m = d.materials.last().context("attached")?;
            println!(
                "material {} of {}: {} ({} bytes) sha256 {}",
                m.number,
                d.id,
                m.name.as_str(),
                m.size,
                m.sha256
            );
        }
        Cmd::Account(cmd) => {
            let store = open(&cli).await?;
            match cmd {
                AccountCmd::Add {
                    name,
                    organ,
                    unit,
                    role,
                    expires,
                } => {
                    let expires_at = expires.map(crate::clock::end_of_day_in_china).transpose()?;
                    let new = NewAccount {
                        name,
                        organ,
                        unit,
                        roles: role,
                        expires_at,
                    };
                    let (row, token) = store.add_account(new, chrono::Utc::now()).await?;
                    let o = &row.official;
                    println!(
                        "account {} ({} · {} · {} · {})",
                        o.id,
                        o.name,
                        o.organ,
                        o.unit,
                        roles_text(&o.roles)
                    );
                    println!("{token}");
                }
                AccountCmd::List => {
                    let now = chrono::Utc::now();
                    for a in store.accounts().await? {
                        let o = &a.official;
                        println!(
                            "{}\t{}\t{}\t{}\t{}\t{}",
                            o.id,
                            o.name,
                            o.organ,
                            o.unit,
                            roles_text(&o.roles),
                            match (a.revoked_at, a.expires_at) {
                                (Some(at), _) => format!("revoked {at}"),
                                (None, Some(at)) if !a.is_active(now) => format!("expired {at}"),
                                (None, Some(at)) => format!("active until {at}"),
                                (None, None) => "active".into(),
                            }
                        );
                    }
                }
                AccountCmd::Revoke { id } => {
                    if !store.revoke_account(&id, chrono::Utc::now()).await? {
                        anyhow::bail!("no active account {id}");
                    }
                    println!("revoked {id}");
                }
                AccountCmd::Passwd { id } => {
                    let mut line = String::new();
                    std::io::stdin()
                        .read_line(&mut line)
                        .context("reading the password from standard input")?;
                    let password = line.trim_end_matches(['\r', '\n']).to_owned();
                    crate::service::set_password(&store, &id, password).await?;
                    println!("password set for {id}");
                }
            }
        }
        Cmd::Demo => {
            let store = open_with_materials(&cli).await?;
            let started = std::time::Instant::now();
            let service = service(&cli, store)?;
            let report = crate::demo::load(service).await?;
            print!("{report}");
            eprintln!("demo loaded in {:.2?}", started.elapsed());
        }
    }
    Ok(())
}

/// Records passed deadlines, and deletes expired idempotency keys, now and then at every
/// interval, for as long as the server runs.
/// Signs a checkpoint of every chain's head at each interval, the first at start-up.
async fn checkpoint_forever(
    service: Service,
    key: ed25519_dalek::SigningKey,
    every: std::time::Duration,
) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        match service.make_checkpoint(&key).await {
            Ok(c) => tracing::info!(checkpoint = c.id, "checkpoint signed"),
            Err(e) => {
                tracing::error!(error = %e.chain(), "checkpoint failed; retrying next interval")
            }
        }
    }
}

async fn sweep_forever(service: Service, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        match service.sweep_deadlines().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(recorded = n, "deadlines passed"),
            Err(e) => {
                tracing::error!(error = %e.chain(), "deadline sweep failed; retrying next interval")
            }
        }
        match service.raise_reminders().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(raised = n, "reminders raised"),
            Err(e) => {
                tracing::error!(error = %e.chain(), "raising reminders failed; retrying next interval")
            }
        }
        match service.delete_expired_keys().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "expired idempotency keys"),
            Err(e) => {
                tracing::error!(error = %e.chain(), "idempotency key sweep failed; retrying next interval")
            }
        }
    }
}

/// Sends the reminders' outward deliveries: every `every`, and at once when this server raises
/// a reminder.
async fn deliver_forever(service: Service, every: std::time::Duration) {
    let raised = service.reminder_raised();
    loop {
        let woken = raised.notified();
        match service.deliver_reminders().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(delivered = n, "reminders delivered"),
            Err(e) => {
                tracing::error!(error = %e.chain(), "reminder delivery failed; retrying next interval")
            }
        }
        let _ = tokio::time::timeout(every, woken).await;
    }
}

/// Tells the operator, at WARN, that the working-day data is about to end and how to load the
/// next year, from [`crate::service::CALENDAR_WARNING_DAYS`] days before it does.
fn warn_if_calendar_ends_soon(service: &Service) {
    let coverage = service.calendar_coverage();
    if let Some(warning) = coverage.warning {
        tracing::warn!(
            covers_until = coverage.covers_until.map(|d| d.to_string()),
            days_left = coverage.days_left,
            "{warning}"
        );
    }
}

/// Repeats the calendar warning once a day while the server runs (start-up gave the first), so
/// it reaches an operator who only reads today's log.
async fn calendar_watch(service: Service) {
    let day = std::time::Duration::from_secs(24 * 3600);
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + day, day);
    loop {
        tick.tick().await;
        warn_if_calendar_ends_soon(&service);
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reminder_args(args: &[&str]) -> ReminderArgs {
        let all = ["decision-engine", "serve"].iter().chain(args);
        match Cli::try_parse_from(all).expect("parses").command {
            Some(Cmd::Serve { reminders, .. }) => reminders,
            _ => panic!("serve parsed as another command"),
        }
    }

    #[test]
    fn reminder_destinations_are_checked_at_start_up_naming_the_flag() {
        let err = |args: &[&str]| {
            reminder_args(args)
                .outbound()
                .err()
                .map(|e| format!("{e:#}"))
                .unwrap_or_default()
        };
        assert!(err(&["--webhook", "https://oa.example.gov.cn/hook"]).contains("--webhook-secret"));
        assert!(
            err(&["--webhook", "ftp://oa", "--webhook-secret", "s"])
                .contains("只支持 http 或 https")
        );
        assert!(err(&["--smtp-url", "smtp://127.0.0.1:25"]).contains("--mail-from"));
        assert!(err(&["--unit-mailbox", "区民政局=mz@example.gov.cn"]).contains("--smtp-url"));
        let mail = [
            "--smtp-url",
            "smtp://127.0.0.1:25",
            "--mail-from",
            "ban@example.gov.cn",
        ];
        let bad = [&mail[..], &["--unit-mailbox", "区民政局:mz@example.gov.cn"]].concat();
        assert!(err(&bad).contains("应写作 单位=邮件地址"));
        let good = [
            &mail[..],
            &[
                "--unit-mailbox",
                "区民政局=mz@example.gov.cn",
                "--webhook",
                "https://oa.example.gov.cn/hook",
                "--webhook-secret",
                "s",
            ],
        ]
        .concat();
        let outbound = reminder_args(&good).outbound().expect("valid");
        assert_eq!(outbound.webhooks.len(), 1);
        let units = &outbound.mail.expect("mail").units;
        assert_eq!(units["区民政局"][0].to_string(), "mz@example.gov.cn");
    }

    #[test]
    fn serve_without_flags_has_the_default_limits_as_the_bare_command_does() {
        let cli = Cli::try_parse_from(["decision-engine", "serve"]).expect("parses");
        match cli.command {
            Some(Cmd::Serve { limits, .. }) => assert_eq!(limits, LimitArgs::default()),
            _ => panic!("serve parsed as another command"),
        }
    }

    #[test]
    fn limit_flags_are_read_and_a_zero_budget_is_refused() {
        let cli = Cli::try_parse_from([
            "decision-engine",
            "serve",
            "--request-timeout-secs",
            "5",
            "--public-writes-per-minute",
            "3",
            "--public-write-burst",
            "4",
            "--trust-forwarded-for",
        ])
        .expect("parses");
        let Some(Cmd::Serve { limits, .. }) = cli.command else {
            panic!("serve parsed as another command")
        };
        let limits = limits.limits(2);
        assert_eq!(
            limits.upload_limit,
            (2 << 20) + crate::http::UPLOAD_OVERHEAD
        );
        assert_eq!(limits.request_timeout, std::time::Duration::from_secs(5));
        assert_eq!(
            limits.public_writes,
            crate::graphql::PublicWriteQuota::new(3, 4)
        );
        assert!(limits.trust_forwarded_for);
        for zero in ["--request-timeout-secs", "--public-writes-per-minute"] {
            assert!(
                Cli::try_parse_from(["decision-engine", "serve", zero, "0"]).is_err(),
                "{zero} 0"
            );
        }
    }
}
