//! The GraphQL API: thin. Inputs are parsed into core commands, the service runs them, and every
//! error is mapped once, here, to a stable `extensions.code` (plus `rule` and `article` for a
//! statutory refusal) with a message in Chinese for the official who reads it.

mod catalogue;
mod documents;
mod enums;
mod inputs;
mod limits;
mod loaders;
mod metrics;
mod reminders;
mod scalars;
mod statistics;
mod types;

use std::sync::Arc;

use async_graphql::connection::{Connection, CursorType, Edge, OpaqueCursor};
use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextPrepareRequest, NextRequest,
    NextSubscribe, NextValidation,
};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{
    Context, ErrorExtensions, ID, InputObject, Object, Result, Schema, ServerError, ServerResult,
    Subscription, Upload, ValidationResult, Value, Variables,
};
use chrono::{DateTime, Utc};
use futures_util::stream::BoxStream;
use futures_util::{Stream, StreamExt};

use crate::calendar::CalendarError;
use crate::procedure::{Basis, Refusal, Text};
use crate::service::{Caller, Idempotency, MaterialRefusal, Service, ServiceError};
use crate::service::{ListFilter, MessageKind, Subject};
use inputs::*;
use scalars::Date;
use types::{Account, AccountRecord, CreatedAccount, Decision, DecisionEvent, PublicComment};

pub use limits::{
    DEFAULT_PUBLIC_WRITE_BURST, DEFAULT_PUBLIC_WRITES_PER_MINUTE, DbShare, ManualPace, Pace,
    PublicWrite, PublicWriteQuota, PublicWrites,
};
pub use loaders::HistoryLoader;

/// The root query: the decisions' and the catalogue's, merged.
#[derive(async_graphql::MergedObject, Default)]
pub struct Query(
    DecisionQuery,
    catalogue::CatalogueQuery,
    reminders::RemindersQuery,
    statistics::StatisticsQuery,
);

#[derive(async_graphql::MergedObject, Default)]
pub struct Mutation(DecisionMutation, catalogue::CatalogueMutation);

pub type AppSchema = Schema<Query, Mutation, SubscriptionRoot>;

/// The schema, with the limits on what one query may ask for (see [`limits`]): its weight and
/// its depth, checked before anything runs, and the server-wide gate of the reports that read
/// every decision.
pub fn build_schema(service: Service) -> AppSchema {
    Schema::build(Query::default(), Mutation::default(), SubscriptionRoot)
        .data(service)
        // Outermost: the limits below weigh the document it hands on, parsed or kept.
        .extension(documents::ParsedDocuments::default())
        .extension(ErrorCodes)
        .extension(metrics::FieldMetrics)
        .limit_depth(limits::MAX_DEPTH)
        .limit_complexity(limits::MAX_COMPLEXITY)
        .finish()
}

/// The SDL of the API, as checked in at `schema.graphql`.
pub fn sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), SubscriptionRoot)
        .finish()
        .sdl()
}

fn service<'a>(ctx: &Context<'a>) -> &'a Service {
    ctx.data_unchecked::<Service>()
}

fn caller<'a>(ctx: &Context<'a>) -> Result<&'a Caller> {
    ctx.data::<Caller>()
        .map_err(|_| gql_error(ServiceError::Unauthenticated))
}

/// One of the request's turns at the database ([`DbShare`]), held until the guard is dropped.
/// Every resolver that calls the database takes one first, as `let _turn = db_turn(ctx).await;`
/// (named: `let _ =` would drop it at once). A resolver holds it only for its own call: its
/// children resolve after it has returned, taking their own, so a request never waits on itself.
async fn db_turn<'a>(ctx: &Context<'a>) -> Option<tokio::sync::SemaphorePermit<'a>> {
    match ctx.data_opt::<DbShare>() {
        Some(share) => share.turn().await,
        None => None,
    }
}

/// A turn at the server-wide gate of the reports over every decision ([`Service::scan_turn`]).
async fn scan_turn<'a>(ctx: &Context<'a>) -> Option<tokio::sync::SemaphorePermit<'a>> {
    service(ctx).scan_turn().await
}

/// Takes the request's one public write ([`PublicWrite`]): every mutation the public may call
/// starts here, so each draws on the same budget per client. TOO_MANY_REQUESTS when the request
/// made its write already, when the client's budget over time is spent (with
/// `retryAfterSeconds`), or when the request came another way than an HTTP POST.
fn public_write(ctx: &Context<'_>) -> Result<()> {
    let refused = match ctx.data_opt::<PublicWrite>().map(PublicWrite::take) {
        Some(Ok(())) => return Ok(()),
        Some(Err(why)) => why,
        None => limits::TooMany::InRequest,
    };
    Err(match refused {
        limits::TooMany::InRequest => {
            async_graphql::Error::new("每次请求只能提交一条公众意见（通过 HTTP POST 提交）")
                .extend_with(|_, ext| ext.set("code", "TOO_MANY_REQUESTS"))
        }
        limits::TooMany::OverTime {
            per_minute,
            retry_after,
        } => {
            // Whole seconds, rounded up: retrying after the shorter time would fail again.
            let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
            async_graphql::Error::new(format!(
                "提交过于频繁：同一网络地址每分钟最多提交{per_minute}条公众意见，请{secs}秒后再试"
            ))
            .extend_with(|_, ext| {
                ext.set("code", "TOO_MANY_REQUESTS");
                ext.set("retryAfterSeconds", secs);
            })
        }
    })
}

/// What the client reads when the server is at fault; the detail goes to the log, not to it.
pub const INTERNAL_MESSAGE: &str = "服务器内部错误，请稍后重试或联系管理员";

/// A service error as the API reports it, for the routes beside GraphQL (a material's download).
pub fn error_of(e: ServiceError) -> async_graphql::Error {
    gql_error(e)
}

/// The one place errors become GraphQL errors.
fn gql_error(e: ServiceError) -> async_graphql::Error {
    let message = e.to_string();
    let error = gql_error_coded(e, message);
    // Every error the API answers, counted by its code and, for a refusal, by its rule.
    if let Some(ext) = &error.extensions {
        let label = |k: &str| match ext.get(k) {
            Some(Value::String(s)) => s.clone(),
            _ => String::new(),
        };
        ::metrics::counter!("api_errors_total", "code" => label("code"), "rule" => label("rule"))
            .increment(1);
    }
    error
}

fn gql_error_coded(e: ServiceError, message: String) -> async_graphql::Error {
    let (code, rule) = match &e {
        ServiceError::Unauthenticated => ("UNAUTHENTICATED", None),
        ServiceError::Forbidden(_) => ("FORBIDDEN", None),
        ServiceError::OutOfScope { .. } => ("FORBIDDEN", None),
        ServiceError::NotFound(_) => ("NOT_FOUND", None),
        ServiceError::Invalid(_) => ("INVALID_INPUT", None),
        ServiceError::VersionConflict { .. } => ("VERSION_CONFLICT", None),
        ServiceError::Busy(_) => ("BUSY", None),
        ServiceError::SubscriberBehind { .. } => ("SUBSCRIBER_BEHIND", None),
        ServiceError::KeyReused { .. } => ("IDEMPOTENCY_KEY_REUSED", None),
        ServiceError::ConsultationNotOpen | ServiceError::NotInExecution => {
            ("INVALID_TRANSITION", None)
        }
        ServiceError::Material(m) => match m {
            MaterialRefusal::TooLarge { .. } => ("MATERIAL_TOO_LARGE", None),
            MaterialRefusal::TypeNotAllowed { .. }
            | MaterialRefusal::ContentMismatch { .. }
            | MaterialRefusal::Empty(_) => ("MATERIAL_TYPE_NOT_ALLOWED", None),
            MaterialRefusal::NoStorage => ("MATERIAL_STORAGE_NOT_CONFIGURED", None),
        },
        ServiceError::Store(_)
        | ServiceError::Blob(_)
        | ServiceError::Archive(_)
        | ServiceError::CalendarMissing { .. }
        | ServiceError::CalendarCorrupt { .. } => {
            // The whole chain of causes goes to the log, none of it to the client.
            tracing::error!(error = %e.chain(), "internal error");
            return async_graphql::Error::new(INTERNAL_MESSAGE)
                .extend_with(|_, ext| ext.set("code", "INTERNAL"));
        }
        ServiceError::Refused(r) => match r {
            Refusal::InvalidInput(_) | Refusal::Calendar(_) => ("INVALID_INPUT", None),
            Refusal::NotFound { .. } => ("NOT_FOUND", None),
            Refusal::Forbidden { .. } => ("FORBIDDEN", None),
            Refusal::InvalidTransition { .. }
            | Refusal::AlreadyDone { .. }
            | Refusal::NothingToActOn { .. } => ("INVALID_TRANSITION", None),
            Refusal::Rule { rule, .. } => ("RULE_VIOLATION", Some(*rule)),
        },
    };
    async_graphql::Error::new(message).extend_with(|_, ext| {
        ext.set("code", code);
        if let Some(rule) = rule {
            ext.set("rule", rule.id());
            // The engine's own rules cite no article; `basis` says which kind of rule it is.
            if let Some(article) = rule.article() {
                ext.set("article", article);
            }
            ext.set(
                "basis",
                match rule.basis() {
                    Basis::Regulation(_) => "REGULATION",
                    Basis::Provincial(_) => "PROVINCIAL",
                    Basis::Engine => "ENGINE",
                },
            );
        }
        // Which rule of an official's post refused: FORBIDDEN with `scope`, not `rule`, which
        // names the statute's rules only.
        if let ServiceError::OutOfScope { rule, .. } = &e {
            ext.set("scope", rule.id());
        }
        if let ServiceError::VersionConflict { current, .. } = &e {
            ext.set("currentVersion", *current);
        }
        if let ServiceError::SubscriberBehind { resume_after } = &e {
            ext.set("resumeAfter", *resume_after);
        }
        if let ServiceError::Refused(Refusal::Calendar(CalendarError::MissingYear { year })) = &e {
            ext.set("missingYear", *year);
        }
    })
}

/// The extension key under which a check that runs before any resolver (the `Date` scalar) leaves
/// its Chinese message; [`ErrorCodes`] makes it the error's message and removes the key.
pub(crate) const INVALID_INPUT_REASON: &str = "invalidInputReason";

/// Gives every error a code, so that a client can always tell "correct the request" from "try
/// again later". Resolver errors got theirs in [`gql_error`]; the errors async-graphql raises
/// itself have none: a document that does not parse (`GRAPHQL_PARSE_FAILED`), one that does not
/// fit the schema (`GRAPHQL_VALIDATION_FAILED`), one over the weight or depth limit
/// (`QUERY_TOO_EXPENSIVE`, `QUERY_TOO_DEEP`: the request is well formed, only too big, and the
/// client must learn which), and an argument value that does not fit its type (`INVALID_INPUT`,
/// like every other refused input), whether the validator or the argument's parser catches it.
///
/// The library words these in English; each gets a Chinese lead so the official reading it knows
/// what went wrong before the technical detail. (Rejected alternative: catching only the date,
/// by parsing dates from strings in each resolver, would have left the other library errors, an
/// out-of-range `Int` among them, without a code.)
struct ErrorCodes;

impl ExtensionFactory for ErrorCodes {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ErrorCodes)
    }
}

/// The library's validator reports a literal or variable that does not fit its argument's type
/// with this message; it is the only validation error about a value rather than the document.
/// (`a_value_out_of_range_for_its_type_is_invalid_input` in `tests/api/inputs.rs` fails if a new
/// version of async-graphql words it differently.)
const VALUE_ERROR_PREFIX: &str = "Invalid value for argument";

/// The library's words for a query over the weight or the depth limit (`build_schema`).
/// `tests/api/attacks.rs` pins the codes these become, so a new wording fails it.
const TOO_COMPLEX: &str = "Query is too complex.";
const TOO_DEEP: &str = "Query is nested too deep.";

/// A query refused for its weight ([`limits`]), before anything ran.
fn too_expensive() -> ServerError {
    let mut e = ServerError::new(
        format!(
            "查询代价过高，未执行：每次请求的查询代价上限为{}。读取数据库或重新计算的字段\
             （history、historyVerification、deadlines、comments 等）和办理操作按其代价计，分页按\
             每页条数（first）计；请减少别名或每页条数，或分几次请求",
            limits::MAX_COMPLEXITY
        ),
        None,
    );
    e.extensions
        .get_or_insert_with(Default::default)
        .set("code", "QUERY_TOO_EXPENSIVE");
    e
}

fn too_deep() -> ServerError {
    let mut e = ServerError::new(
        format!("查询嵌套过深，未执行：最多{}层", limits::MAX_DEPTH),
        None,
    );
    e.extensions
        .get_or_insert_with(Default::default)
        .set("code", "QUERY_TOO_DEEP");
    e
}

/// U+0000 in any string of the request. No form holds it, and PostgreSQL cannot store it in
/// text: an id or a comment carrying one ended as INTERNAL there (and was stored on SQLite). It
/// is refused once, here, for every argument and variable, before anything runs.
fn nul_refused() -> ServerError {
    let mut e = ServerError::new(
        "输入中含有空字符（U+0000），无法保存；请删除后重新提交",
        None,
    );
    e.extensions
        .get_or_insert_with(Default::default)
        .set("code", "INVALID_INPUT");
    e
}

fn const_has_nul(v: &Value) -> bool {
    match v {
        Value::String(s) => s.contains('\0'),
        Value::List(items) => items.iter().any(const_has_nul),
        Value::Object(fields) => fields.values().any(const_has_nul),
        _ => false,
    }
}

fn literal_has_nul(v: &async_graphql_value::Value) -> bool {
    use async_graphql_value::Value as Literal;
    match v {
        Literal::String(s) => s.contains('\0'),
        Literal::List(items) => items.iter().any(literal_has_nul),
        Literal::Object(fields) => fields.values().any(literal_has_nul),
        _ => false,
    }
}

/// A string literal with U+0000 among the arguments of the document's operations and fragments
/// (each fragment once, where it is defined).
fn document_has_nul(doc: &ExecutableDocument) -> bool {
    use async_graphql::parser::types::{Selection, SelectionSet};
    fn set_has_nul(set: &SelectionSet) -> bool {
        set.items.iter().any(|item| match &item.node {
            Selection::Field(f) => {
                f.node
                    .arguments
                    .iter()
                    .any(|(_, v)| literal_has_nul(&v.node))
                    || set_has_nul(&f.node.selection_set.node)
            }
            Selection::InlineFragment(f) => set_has_nul(&f.node.selection_set.node),
            Selection::FragmentSpread(_) => false,
        })
    }
    doc.operations.iter().any(|(_, op)| {
        op.node.variable_definitions.iter().any(|d| {
            d.node
                .default_value
                .as_ref()
                .is_some_and(|v| const_has_nul(&v.node))
        }) || set_has_nul(&op.node.selection_set.node)
    }) || doc
        .fragments
        .values()
        .any(|f| set_has_nul(&f.node.selection_set.node))
}

fn with_code(mut e: ServerError, code: &'static str, lead: &str) -> ServerError {
    let ext = e.extensions.get_or_insert_with(Default::default);
    if ext.get("code").is_some() {
        if let Some(Value::String(reason)) = ext.get(INVALID_INPUT_REASON).cloned() {
            ext.unset(INVALID_INPUT_REASON);
            e.message = reason;
        }
        return e;
    }
    ext.set("code", code);
    e.message = format!("{lead}{}", e.message);
    e
}

fn coded(mut response: async_graphql::Response) -> async_graphql::Response {
    response.errors = std::mem::take(&mut response.errors)
        .into_iter()
        .map(|e| with_code(e, "INVALID_INPUT", "输入值无效："))
        .collect();
    response
}

#[async_graphql::async_trait::async_trait]
impl Extension for ErrorCodes {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        next.run(ctx, query, variables)
            .await
            .map_err(|e| with_code(e, "GRAPHQL_PARSE_FAILED", "查询语句无法解析："))
    }

    /// Parses the document ahead of the library (which then uses this parse) to weigh it before
    /// the library's own checks walk it: they write every fragment out at every spread, so a few
    /// nested fragments each spread twice would hold a CPU for hours — work that no time budget
    /// can take back, since it never yields. The same count weighs a mutation's acts, which the
    /// library's weight counts as plain fields. A document that does not parse is left to the
    /// library, which refuses it with its code.
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        mut request: async_graphql::Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<async_graphql::Request> {
        if let Ok(doc) = request.parsed_query() {
            if limits::least_weight(doc) > limits::MAX_COMPLEXITY {
                return Err(too_expensive());
            }
            if document_has_nul(doc) {
                return Err(nul_refused());
            }
        }
        if request.variables.values().any(const_has_nul) {
            return Err(nul_refused());
        }
        next.run(ctx, request).await
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|e| {
                    if e.message == TOO_COMPLEX {
                        too_expensive()
                    } else if e.message == TOO_DEEP {
                        too_deep()
                    } else if e.message.starts_with(VALUE_ERROR_PREFIX) {
                        with_code(e, "INVALID_INPUT", "输入值不符合其类型：")
                    } else {
                        with_code(e, "GRAPHQL_VALIDATION_FAILED", "请求不符合接口定义：")
                    }
                })
                .collect()
        })
    }

    /// What is still without a code once the request has run was raised while parsing an
    /// argument (or naming the operation): the request's input, not the server, is at fault.
    async fn request(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextRequest<'_>,
    ) -> async_graphql::Response {
        coded(next.run(ctx).await)
    }

    fn subscribe<'s>(
        &self,
        ctx: &ExtensionContext<'_>,
        stream: BoxStream<'s, async_graphql::Response>,
        next: NextSubscribe<'_>,
    ) -> BoxStream<'s, async_graphql::Response> {
        next.run(ctx, stream).map(coded).boxed()
    }
}

fn calendar_error(e: CalendarError) -> async_graphql::Error {
    gql_error(ServiceError::Refused(Refusal::Calendar(e)))
}

fn invalid(e: crate::procedure::ValueError) -> async_graphql::Error {
    gql_error(ServiceError::Refused(Refusal::InvalidInput(e)))
}

/// The mutation that does each act (what `Decision.nextActs` names). Written out, no wildcard:
/// a new act needs its mutation named here.
pub fn mutation_name(kind: crate::procedure::CommandKind) -> &'static str {
    use crate::procedure::CommandKind as K;
    match kind {
        K::StartProcedure => "startProcedure",
        K::ReviseDraft => "reviseDraft",
        K::OpenPublicConsultation => "openPublicConsultation",
        K::DisposeComment => "disposeComment",
        K::HideComment => "hideComment",
        K::RecordOpinion => "recordOpinion",
        K::DisposeCommentGroup => "disposeCommentGroup",
        K::ClosePublicConsultation => "closePublicConsultation",
        K::PublishHearingNotice => "publishHearingNotice",
        K::RecordHearing => "recordHearing",
        K::RecordUnitConsultation => "recordUnitConsultation",
        K::RecordDraftingAnalysis => "recordDraftingAnalysis",
        K::CorrectFlag => "correctFlag",
        K::RecordExpertArgumentation => "recordExpertArgumentation",
        K::RecordRiskAssessment => "recordRiskAssessment",
        K::RecordFairCompetitionReview => "recordFairCompetitionReview",
        K::MarkTrackNotRequired => "markTrackNotRequired",
        K::RequestLegalityReview => "requestLegalityReview",
        K::SubmitLegalOpinion => "submitLegalOpinion",
        K::AcceptReviewRequest => "acceptReviewRequest",
        K::RequestSupplement => "requestSupplement",
        K::SupplyMaterials => "supplyMaterials",
        K::AssignCounsel => "assignCounsel",
        K::WithdrawCounselAssignment => "withdrawCounselAssignment",
        K::ReturnLegalityReview => "returnLegalityReview",
        K::ConcludeLegalityReview => "concludeLegalityReview",
        K::RecordCollectiveDiscussion => "recordCollectiveDiscussion",
        K::RecordPartyCommitteeReport => "recordPartyCommitteeReport",
        K::RecordCongressReport => "recordCongressReport",
        K::PublishDecision => "publishDecision",
        K::FileDecision => "fileDecision",
        K::RecordFilingReview => "recordFilingReview",
        K::StartExecution => "startExecution",
        K::ReportExecution => "reportExecution",
        K::ReportIncident => "reportIncident",
        K::SuspendExecution => "suspendExecution",
        K::ResumeExecution => "resumeExecution",
        K::StartPostEvaluation => "startPostEvaluation",
        K::ConcludePostEvaluation => "concludePostEvaluation",
        K::WithdrawDecision => "withdrawDecision",
        K::TerminateDecision => "terminateDecision",
        K::AdjustDecision => "adjustDecision",
        K::ArchiveDecision => "archiveDecision",
        K::AttachMaterial => "attachMaterial",
        K::IssueSupervisionNotice => "issueSupervisionNotice",
    }
}

/// Runs one act: the shape every mutation but proposal and comments takes.
async fn act(ctx: &Context<'_>, input: impl Act) -> Result<Decision> {
    let actor = caller(ctx)?.official().map_err(gql_error)?;
    let (id, version) = input.target().map_err(invalid)?;
    let cmd = input.command().map_err(invalid)?;
    let on_behalf = input.on_behalf_of().map_err(invalid)?;
    let key = idempotency(ctx, input.idempotency_key().map_err(invalid)?)?;
    let _turn = db_turn(ctx).await;
    service(ctx)
        .act_once(actor, on_behalf.as_deref(), &id, version, cmd, key.as_ref())
        .await
        .map(Decision::record)
        .map_err(gql_error)
}

/// The request's idempotency key, with what it stands for: the mutation's name and its
/// arguments as resolved (variables substituted, the key itself left out), hashed in a canonical
/// form, so the same input sent again matches whatever the order of its fields.
pub(crate) fn idempotency(ctx: &Context<'_>, key: Option<String>) -> Result<Option<Idempotency>> {
    let Some(key) = key else { return Ok(None) };
    let field = ctx.field();
    let mut request = field.name().to_owned();
    for (name, value) in field.arguments()? {
        let mut value = value.into_json()?;
        if let serde_json::Value::Object(fields) = &mut value {
            fields.remove("idempotencyKey");
        }
        request.push('\0');
        request.push_str(name.as_str());
        request.push('\0');
        canonical(&value, &mut request);
    }
    Ok(Some(Idempotency {
        key,
        request_hash: hex::encode(<sha2::Sha256 as sha2::Digest>::digest(request.as_bytes())),
        mutation: field.name().to_owned(),
    }))
}

/// JSON with every object's keys in order.
fn canonical(v: &serde_json::Value, out: &mut String) {
    match v {
        serde_json::Value::Object(fields) => {
            let mut keys: Vec<_> = fields.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::String(k.clone()).to_string());
                out.push(':');
                canonical(&fields[k], out);
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// A message from the public: the request's one public write, then the service.
async fn public_message(
    ctx: &Context<'_>,
    kind: MessageKind,
    parsed: Result<ParsedMessage, crate::procedure::ValueError>,
    key: &Option<String>,
) -> Result<PublicComment> {
    public_write(ctx)?;
    let m = parsed.map_err(invalid)?;
    let key = idempotency(ctx, inputs::idempotency_key(key).map_err(invalid)?)?;
    let _turn = db_turn(ctx).await;
    service(ctx)
        .submit_public(
            kind,
            &m.decision_id,
            m.body,
            m.commenter,
            m.contact,
            key.as_ref(),
        )
        .await
        .map(|c| PublicComment::new(c, None))
        .map_err(gql_error)
}

#[derive(InputObject, Default)]
pub struct DeadlineFilter {
    /// Only deadlines passed without being met, or met late.
    pub overdue: Option<bool>,
    pub due_before: Option<Date>,
    /// The unit that answers for the deadline: the executing unit for execution reports, the
    /// lead unit otherwise (as `overdueByUnit` counts them).
    pub unit: Option<String>,
    pub kind: Option<enums::DeadlineKind>,
}

#[derive(InputObject, Default)]
pub struct DecisionFilter {
    pub organ: Option<String>,
    pub stage: Option<enums::Stage>,
    pub lead_unit: Option<String>,
}

#[derive(Default)]
pub struct DecisionQuery;

#[Object]
impl DecisionQuery {
    /// The account the request's token belongs to; null for the public.
    async fn me(&self, ctx: &Context<'_>) -> Result<Option<Account>> {
        Ok(match caller(ctx)? {
            Caller::Official(a) => Some(a.into()),
            Caller::Public => None,
        })
    }

    /// The legal advisers and public lawyers of the caller's organ that the review office may
    /// assign to a review (REVIEW_OFFICE, ADMIN).
    #[graphql(complexity = "limits::READ + child_complexity")]
    async fn counsel_accounts(&self, ctx: &Context<'_>) -> Result<Vec<Account>> {
        let _turn = db_turn(ctx).await;
        Ok(service(ctx)
            .counsel_accounts(caller(ctx)?)
            .await
            .map_err(gql_error)?
            .iter()
            .map(Into::into)
            .collect())
    }

    /// The review desk (司法局): the decisions under legality review whose record the caller sees
    /// — the review office all of its organ's, a counsel those assigned — oldest request first,
    /// each with where it stands and the working days it has taken; optionally only one status
    /// or one counsel's.
    #[graphql(complexity = "limits::SCAN + child_complexity")]
    async fn review_queue(
        &self,
        ctx: &Context<'_>,
        status: Option<enums::DeskStatus>,
        counsel_id: Option<ID>,
    ) -> Result<Vec<types::ReviewQueueItem>> {
        let _scan = scan_turn(ctx).await;
        let found = {
            // Released before the items below take their own: a request never waits on itself.
            let _turn = db_turn(ctx).await;
            service(ctx)
                .under_review(caller(ctx)?)
                .await
                .map_err(gql_error)?
        };
        let mut out = Vec::new();
        for d in &found {
            let Some(r) = d.current_review() else {
                continue;
            };
            let status_ok = status.is_none_or(|s| s == r.desk_status().into());
            let counsel_ok = counsel_id.as_ref().is_none_or(|c| {
                r.assignments
                    .iter()
                    .any(|a| a.is_active() && a.counsel_id == c.as_str())
            });
            if !(status_ok && counsel_ok) {
                continue;
            }
            if let Some(item) = types::ReviewQueueItem::new(ctx, d).await? {
                out.push(item);
            }
        }
        Ok(out)
    }

    /// The accounts of the caller's organ (ADMIN).
    #[graphql(complexity = "limits::READ + child_complexity")]
    async fn accounts(&self, ctx: &Context<'_>) -> Result<Vec<AccountRecord>> {
        let _turn = db_turn(ctx).await;
        let s = service(ctx);
        let now = s.now();
        Ok(s.accounts(caller(ctx)?)
            .await
            .map_err(gql_error)?
            .iter()
            .map(|a| AccountRecord::new(a, now))
            .collect())
    }

    /// One decision as the caller may see it: its whole record where the caller's post covers
    /// it, what the organ made public otherwise (see `Decision.visibility`); NOT_FOUND when the
    /// caller may see nothing of it, exactly as for an id that does not exist.
    #[graphql(complexity = "limits::READ + child_complexity")]
    async fn decision(&self, ctx: &Context<'_>, id: ID) -> Result<Decision> {
        let _turn = db_turn(ctx).await;
        service(ctx)
            .decision(caller(ctx)?, id.as_str())
            .await
            .map(Decision::from)
            .map_err(gql_error)
    }

    /// Working days after `from`, up to and including `to` (the start day is not counted,
    /// 《民法典》 Art. 201). Open to everyone: it is what the engine believes, for anyone to check.
    async fn working_days_between(&self, ctx: &Context<'_>, from: Date, to: Date) -> Result<i64> {
        service(ctx)
            .calendar()
            .working_days_between(from.0, to.0)
            .map_err(calendar_error)
    }

    /// The n-th working day after `date` (`date` itself not counted).
    async fn add_working_days(&self, ctx: &Context<'_>, date: Date, n: i32) -> Result<Date> {
        let n = u32::try_from(n)
            .map_err(|_| gql_error(ServiceError::Invalid("n 应为非负整数".into())))?;
        service(ctx)
            .calendar()
            .add_working_days(date.0, n)
            .map(Date)
            .map_err(calendar_error)
    }

    /// The years the working-day calendar covers, each with the notice it comes from.
    async fn calendar_years(&self, ctx: &Context<'_>) -> Vec<types::CalendarYear> {
        service(ctx)
            .calendar()
            .years()
            .into_iter()
            .map(Into::into)
            .collect()
    }

    /// The version (hash of the data) of the calendar new decisions are bound to.
    async fn calendar_version(&self, ctx: &Context<'_>) -> String {
        service(ctx).calendar().version()
    }

    /// Deadlines across decisions, soonest first; those whose due date cannot be computed yet
    /// (status `UNCOMPUTABLE`) last.
    #[graphql(complexity = "limits::SCAN + child_complexity")]
    async fn deadlines(
        &self,
        ctx: &Context<'_>,
        filter: Option<DeadlineFilter>,
    ) -> Result<Vec<types::DecisionDeadline>> {
        let f = filter.unwrap_or_default();
        let query = crate::service::DeadlineQuery {
            overdue: f.overdue,
            due_before: f.due_before.map(|d| d.0),
            kind: f.kind.map(Into::into),
            unit: f.unit,
        };
        let _scan = scan_turn(ctx).await;
        let _turn = db_turn(ctx).await;
        let found = service(ctx)
            .deadline_report(caller(ctx)?, &query)
            .await
            .map_err(gql_error)?;
        Ok(found
            .into_iter()
            .map(|(subject, dl)| match subject {
                Subject::Decision(d) => types::DecisionDeadline {
                    decision_id: Some(ID(d.id.clone())),
                    catalogue_item: None,
                    title: d.proposal.title.to_string(),
                    lead_unit: d.start.as_ref().map(|s| s.lead_unit.to_string()),
                    deadline: (&dl).into(),
                },
                Subject::Item {
                    catalogue_id,
                    year,
                    item,
                } => types::DecisionDeadline {
                    decision_id: None,
                    catalogue_item: Some(catalogue::CatalogueItemRef::new(
                        &catalogue_id,
                        year,
                        &item.id,
                    )),
                    title: item.fields.name.to_string(),
                    lead_unit: Some(item.fields.lead_unit.to_string()),
                    deadline: (&dl).into(),
                },
            })
            .collect())
    }

    /// Late deadlines (passed, or met late) per unit that answers for them: the executing unit
    /// for execution reports, the lead unit otherwise. The overdue view.
    #[graphql(complexity = "limits::SCAN + child_complexity")]
    async fn overdue_by_unit(&self, ctx: &Context<'_>) -> Result<Vec<types::UnitOverdue>> {
        let _scan = scan_turn(ctx).await;
        let _turn = db_turn(ctx).await;
        let found = service(ctx)
            .deadline_report(
                caller(ctx)?,
                &crate::service::DeadlineQuery {
                    overdue: Some(true),
                    ..Default::default()
                },
            )
            .await
            .map_err(gql_error)?;
        let mut per_unit = std::collections::BTreeMap::<String, i32>::new();
        for (_, dl) in found {
            let unit = dl
                .deadline
                .unit
                .as_ref()
                .map_or_else(|| "（未明确承办单位）".to_owned(), ToString::to_string);
            *per_unit.entry(unit).or_default() += 1;
        }
        Ok(per_unit
            .into_iter()
            .map(|(unit, late)| types::UnitOverdue { unit, late })
            .collect())
    }

    /// Decisions the caller may see, newest first, each as the caller may see it, as a Relay
    /// connection (at most 100 a page). The public sees every organ's open consultations and
    /// published decisions.
    #[graphql(complexity = "limits::page(first, child_complexity)")]
    async fn decisions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        filter: Option<DecisionFilter>,
    ) -> Result<Connection<OpaqueCursor<(DateTime<Utc>, String)>, Decision>> {
        let first = first.unwrap_or(20);
        if !(0..=limits::MAX_PAGE).contains(&first) {
            return Err(gql_error(ServiceError::Invalid(
                "first 取值应在0到100之间".into(),
            )));
        }
        let after = match after {
            Some(s) => Some(
                OpaqueCursor::<(DateTime<Utc>, String)>::decode_cursor(&s)
                    .map_err(|_| gql_error(ServiceError::Invalid("分页游标无效".into())))?
                    .0,
            ),
            None => None,
        };
        let has_previous = after.is_some();
        let filter = filter.unwrap_or_default();
        let filter = ListFilter {
            organ: filter.organ,
            stage: filter.stage.map(Into::into),
            lead_unit: filter.lead_unit,
        };
        let _turn = db_turn(ctx).await;
        let mut rows = service(ctx)
            .list(caller(ctx)?, &filter, after, first as u64 + 1)
            .await
            .map_err(gql_error)?;
        let has_next = rows.len() > first as usize;
        rows.truncate(first as usize);
        let mut conn = Connection::new(has_previous, has_next);
        conn.edges.extend(rows.into_iter().map(|(d, created)| {
            Edge::new(
                OpaqueCursor((created, d.decision.id.clone())),
                Decision::from(d),
            )
        }));
        Ok(conn)
    }
}

#[derive(InputObject)]
pub struct CreateAccountInput {
    pub name: String,
    pub unit: String,
    /// At least one; tried in this order when the account acts.
    pub roles: Vec<enums::Role>,
    /// The last day (China time) the token works; omitted: until revoked.
    pub expires_on: Option<Date>,
}

#[derive(InputObject)]
pub struct RevokeAccountInput {
    pub account_id: ID,
}

#[derive(Default)]
pub struct DecisionMutation;

#[Object]
impl DecisionMutation {
    /// Creates an account in the administrator's own organ (ADMIN). The token is in the answer
    /// and nowhere else: only its hash is stored.
    async fn create_account(
        &self,
        ctx: &Context<'_>,
        input: CreateAccountInput,
    ) -> Result<CreatedAccount> {
        use crate::procedure::Length::Name;
        let name = Text::parse_as("姓名", Name, &input.name).map_err(invalid)?;
        let unit = Text::parse_as("所在单位", Name, &input.unit).map_err(invalid)?;
        // Seven roles exist; a longer list is not a form anyone filled in.
        crate::procedure::bounded("角色", crate::procedure::Role::ACCOUNTS.len(), &input.roles)
            .map_err(invalid)?;
        let roles: Vec<crate::procedure::Role> = input.roles.into_iter().map(Into::into).collect();
        let _turn = db_turn(ctx).await;
        let s = service(ctx);
        let (row, token) = s
            .create_account(
                caller(ctx)?,
                name,
                unit,
                roles,
                input.expires_on.map(|d| d.0),
            )
            .await
            .map_err(gql_error)?;
        Ok(CreatedAccount {
            account: AccountRecord::new(&row, s.now()),
            token,
        })
    }
    /// Revokes an account of the administrator's organ (ADMIN): its token is refused from the
    /// next request on, on every replica, and its open subscriptions end.
    async fn revoke_account(
        &self,
        ctx: &Context<'_>,
        input: RevokeAccountInput,
    ) -> Result<AccountRecord> {
        let id = Text::parse_as("账号ID", crate::procedure::Length::Name, &input.account_id)
            .map_err(invalid)?;
        let _turn = db_turn(ctx).await;
        let s = service(ctx);
        let row = s
            .revoke_account(caller(ctx)?, id.as_str())
            .await
            .map_err(gql_error)?;
        Ok(AccountRecord::new(&row, s.now()))
    }
    /// Art. 10: a matter is proposed for the organ to decide whether to start the procedure.
    async fn propose_decision(
        &self,
        ctx: &Context<'_>,
        input: ProposeDecisionInput,
    ) -> Result<Decision> {
        let actor = caller(ctx)?.official().map_err(gql_error)?;
        let proposal = input.proposal().map_err(invalid)?;
        let key = idempotency(
            ctx,
            idempotency_key(&input.idempotency_key).map_err(invalid)?,
        )?;
        let choice = input.catalogue_choice().map_err(invalid)?;
        let _turn = db_turn(ctx).await;
        service(ctx)
            .propose_once(actor, proposal, choice, key.as_ref())
            .await
            .map(Decision::record)
            .map_err(gql_error)
    }
    /// Art. 11: the organ decides to start the procedure and names the lead unit.
    async fn start_procedure(
        &self,
        ctx: &Context<'_>,
        input: StartProcedureInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Registers the (next) version of the draft.
    async fn revise_draft(&self, ctx: &Context<'_>, input: ReviseDraftInput) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 15: publishes the draft for public comment.
    async fn open_public_consultation(
        &self,
        ctx: &Context<'_>,
        input: OpenPublicConsultationInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// A comment from the public (no account needed) while the consultation is open: one per
    /// request, and from one client address at most as many as the server's
    /// `--public-writes-per-minute` (with its burst) allow; beyond either, TOO_MANY_REQUESTS.
    async fn submit_public_comment(
        &self,
        ctx: &Context<'_>,
        input: SubmitPublicCommentInput,
    ) -> Result<PublicComment> {
        public_message(
            ctx,
            MessageKind::Comment,
            input.message(),
            &input.idempotency_key,
        )
        .await
    }
    /// Art. 35(2): feedback from the public (no account needed) on a published decision being
    /// executed; it reaches the organ and the executing unit (`Decision.publicFeedback`) and is
    /// kept. Limited like comments: one per request, and per client over time.
    async fn submit_public_feedback(
        &self,
        ctx: &Context<'_>,
        input: SubmitPublicFeedbackInput,
    ) -> Result<PublicComment> {
        public_message(
            ctx,
            MessageKind::Feedback,
            input.message(),
            &input.idempotency_key,
        )
        .await
    }
    /// Art. 18: the sponsor's answer to one comment.
    async fn dispose_comment(
        &self,
        ctx: &Context<'_>,
        input: DisposeCommentInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Moderation: hides an abusive or spam comment with the reason — recorded, never deleted,
    /// still counted, needing no disposition.
    async fn hide_comment(&self, ctx: &Context<'_>, input: HideCommentInput) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 18: an opinion that reached the sponsor outside the engine, recorded with its
    /// channel and date; it counts like a public comment.
    async fn record_opinion(
        &self,
        ctx: &Context<'_>,
        input: RecordOpinionInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 18 (归纳整理): similar opinions disposed of together with one reason.
    async fn dispose_comment_group(
        &self,
        ctx: &Context<'_>,
        input: DisposeCommentGroupInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 16: the hearing's draft, time, place, selection method and participants, published
    /// before it is held.
    async fn publish_hearing_notice(
        &self,
        ctx: &Context<'_>,
        input: PublishHearingNoticeInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 13: the units concerned consulted, and any dispute stated.
    async fn record_unit_consultation(
        &self,
        ctx: &Context<'_>,
        input: RecordUnitConsultationInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 12: options considered and the cost-benefit analysis.
    async fn record_drafting_analysis(
        &self,
        ctx: &Context<'_>,
        input: RecordDraftingAnalysisInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// 更正: corrects a flag set at proposal, with a reason, before the stage where it matters.
    async fn correct_flag(&self, ctx: &Context<'_>, input: CorrectFlagInput) -> Result<Decision> {
        act(ctx, input).await
    }
    async fn close_public_consultation(
        &self,
        ctx: &Context<'_>,
        input: ClosePublicConsultationInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 16–17.
    async fn record_hearing(
        &self,
        ctx: &Context<'_>,
        input: RecordHearingInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 19–20.
    async fn record_expert_argumentation(
        &self,
        ctx: &Context<'_>,
        input: RecordExpertArgumentationInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 22–24.
    async fn record_risk_assessment(
        &self,
        ctx: &Context<'_>,
        input: RecordRiskAssessmentInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 29(1).
    async fn record_fair_competition_review(
        &self,
        ctx: &Context<'_>,
        input: RecordFairCompetitionReviewInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    async fn mark_track_not_required(
        &self,
        ctx: &Context<'_>,
        input: MarkTrackNotRequiredInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 25–26.
    async fn request_legality_review(
        &self,
        ctx: &Context<'_>,
        input: RequestLegalityReviewInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 28: a legal adviser's or public lawyer's opinion.
    async fn submit_legal_opinion(
        &self,
        ctx: &Context<'_>,
        input: SubmitLegalOpinionInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// 受理: the review office takes the request in (once per round).
    async fn accept_review_request(
        &self,
        ctx: &Context<'_>,
        input: AcceptReviewRequestInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 26(1): asks for more material; the file stays with the review office.
    async fn request_supplement(
        &self,
        ctx: &Context<'_>,
        input: RequestSupplementInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// The sponsor supplies what the review office asked for.
    async fn supply_materials(
        &self,
        ctx: &Context<'_>,
        input: SupplyMaterialsInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 28: assigns a legal adviser or public lawyer to the current review round.
    async fn assign_counsel(
        &self,
        ctx: &Context<'_>,
        input: AssignCounselInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Withdraws a counsel's assignment to the current round, with the reason.
    async fn withdraw_counsel_assignment(
        &self,
        ctx: &Context<'_>,
        input: WithdrawCounselAssignmentInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 26: materials incomplete; back to the sponsor.
    async fn return_legality_review(
        &self,
        ctx: &Context<'_>,
        input: ReturnLegalityReviewInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 27–28.
    async fn conclude_legality_review(
        &self,
        ctx: &Context<'_>,
        input: ConcludeLegalityReviewInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 30.
    async fn record_collective_discussion(
        &self,
        ctx: &Context<'_>,
        input: RecordCollectiveDiscussionInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 31.
    async fn record_party_committee_report(
        &self,
        ctx: &Context<'_>,
        input: RecordReportInput,
    ) -> Result<Decision> {
        act(ctx, PartyReport(input)).await
    }
    /// Art. 8.
    async fn record_congress_report(
        &self,
        ctx: &Context<'_>,
        input: RecordReportInput,
    ) -> Result<Decision> {
        act(ctx, CongressReport(input)).await
    }
    /// Art. 32.
    async fn publish_decision(
        &self,
        ctx: &Context<'_>,
        input: PublishDecisionInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// 备案: with the standing committee and/or the upper government.
    async fn file_decision(&self, ctx: &Context<'_>, input: FileDecisionInput) -> Result<Decision> {
        act(ctx, input).await
    }
    /// 备案审查: the authority's answer to a filing, recorded once when it arrives.
    async fn record_filing_review(
        &self,
        ctx: &Context<'_>,
        input: RecordFilingReviewInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 34.
    async fn start_execution(
        &self,
        ctx: &Context<'_>,
        input: StartExecutionInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    async fn report_execution(
        &self,
        ctx: &Context<'_>,
        input: ReportExecutionInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 35.
    async fn report_incident(
        &self,
        ctx: &Context<'_>,
        input: ReportIncidentInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 37: the head alone, in an emergency.
    async fn suspend_execution(
        &self,
        ctx: &Context<'_>,
        input: SuspendExecutionInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    async fn resume_execution(
        &self,
        ctx: &Context<'_>,
        input: ResumeExecutionInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 36.
    async fn start_post_evaluation(
        &self,
        ctx: &Context<'_>,
        input: StartPostEvaluationInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    async fn conclude_post_evaluation(
        &self,
        ctx: &Context<'_>,
        input: ConcludePostEvaluationInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Before adoption only, with the reason.
    async fn withdraw_decision(
        &self,
        ctx: &Context<'_>,
        input: WithdrawDecisionInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 37: by a new decision that ran the procedure.
    async fn terminate_decision(
        &self,
        ctx: &Context<'_>,
        input: ChangeDecisionInput,
    ) -> Result<Decision> {
        act(ctx, Terminate(input)).await
    }
    /// Art. 37: a major adjustment, by a new decision that ran the procedure.
    async fn adjust_decision(
        &self,
        ctx: &Context<'_>,
        input: ChangeDecisionInput,
    ) -> Result<Decision> {
        act(ctx, Adjust(input)).await
    }
    /// Art. 33: attaches a document the procedure formed — sent as `file` by the GraphQL
    /// multipart request spec, with the bearer token — to the record. The server measures it,
    /// checks its type and size against the deployment's limits and hashes it; the record's
    /// chain then covers the hash. A refused file is not kept. Each kind of document is attached
    /// by the role that forms it (the review opinion by the review office, the minutes by the
    /// government office, the drafting materials by the sponsor).
    async fn attach_material(
        &self,
        ctx: &Context<'_>,
        input: AttachMaterialInput,
        file: Upload,
    ) -> Result<Decision> {
        let caller = caller(ctx)?;
        caller.official().map_err(gql_error)?;
        let ((id, version), attachment, key) = input.parse().map_err(invalid)?;
        let key = idempotency(ctx, key)?;
        let upload = file.value(ctx)?;
        let upload = crate::service::Upload {
            name: upload.filename,
            file: tokio::fs::File::from_std(upload.content),
        };
        let _turn = db_turn(ctx).await;
        service(ctx)
            .attach_material(caller, None, &id, version, attachment, upload, key.as_ref())
            .await
            .map(Decision::record)
            .map_err(gql_error)
    }
    /// 督办 (Art. 34, 39, 40): on a deadline late on the day it is issued; the notice names the
    /// unit the record says answers for it, and that unit's accounts are reminded of it.
    async fn issue_supervision_notice(
        &self,
        ctx: &Context<'_>,
        input: IssueSupervisionNoticeInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
    /// Art. 33: the record is complete; read-only from now on.
    async fn archive_decision(
        &self,
        ctx: &Context<'_>,
        input: ArchiveDecisionInput,
    ) -> Result<Decision> {
        act(ctx, input).await
    }
}

pub struct SubscriptionRoot;

#[Subscription]
impl SubscriptionRoot {
    /// Events as they are recorded: of one decision, or of all when `decisionId` is omitted —
    /// in both cases only of decisions whose record the caller's post covers. With `after` (the
    /// `position` of the last event the subscriber saw), the events recorded since are replayed
    /// first, then the stream goes on live without a gap or a repeat. A subscriber that falls
    /// behind is caught up from the store; one more than 10,000 events behind gets the error
    /// `SUBSCRIBER_BEHIND` with `resumeAfter`, the position to subscribe again after, and the
    /// stream ends. It also ends when the account is revoked or expires.
    async fn decision_events(
        &self,
        ctx: &Context<'_>,
        decision_id: Option<ID>,
        after: Option<i64>,
    ) -> Result<impl Stream<Item = Result<DecisionEvent>>> {
        let caller = caller(ctx)?.clone();
        caller.official().map_err(gql_error)?;
        let feed = service(ctx)
            .clone()
            .feed(caller, decision_id.map(|i| i.to_string()), after)
            .await
            .map_err(gql_error)?;
        Ok(futures_util::stream::unfold(
            Some(feed),
            |feed| async move {
                let mut feed = feed?;
                match feed.next().await {
                    Ok(Some(event)) => Some((Ok(DecisionEvent::from(event)), Some(feed))),
                    Ok(None) => None,
                    // The error is the stream's last item.
                    Err(e) => Some((Err(gql_error(e)), None)),
                }
            },
        ))
    }

    /// The caller's unit's reminders as they are raised (as `myReminders` lists them): from now,
    /// or after `after` (the `position` of the last one the subscriber saw), so that none is
    /// missed across a reconnection. Ends when the account is revoked or expires.
    async fn reminders(
        &self,
        ctx: &Context<'_>,
        after: Option<i64>,
    ) -> Result<impl Stream<Item = Result<reminders::Reminder>>> {
        let caller = caller(ctx)?.clone();
        caller.official().map_err(gql_error)?;
        Ok(reminders::stream(service(ctx).clone(), caller, after))
    }
}
