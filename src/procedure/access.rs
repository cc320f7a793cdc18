//! Who may see and do what: the scope of an official's post, a rule of the domain like the
//! statute's, judged here and nowhere else.
//!
//! A deployment hosts one or more organs (the district government; under Art. 42 also its
//! departments and townships, which decide by the same procedure). An official belongs to a unit
//! of an organ and holds one or more roles. The role says which acts exist for the official
//! ([`CommandKind::roles`]); the scope says on which decisions:
//!
//! - a sponsor on the decisions its unit leads or co-drafts (the proposing unit before the organ
//!   names them, Art. 11), and on the execution reports of the decisions its unit executes
//!   (Art. 34–35);
//! - the secretariat, the head and the review office on every decision of their organ;
//! - counsel on the review rounds they are assigned to (Art. 28), and nothing else;
//! - an auditor reads all of the organ and changes nothing; an administrator manages accounts;
//! - nobody sees another organ's unpublished work, and the public sees what the organ published
//!   ([`super::publicity`]).
//!
//! A refusal tells the caller the decision exists only where it may know that anyway: otherwise
//! the caller gets the same answer as for an id that does not exist.

use chrono::NaiveDate;

use super::catalogue::{Catalogue, CatalogueAct};
use super::command::CommandKind;
use super::model::{Actor, Decision, Principal, Role};
use super::publicity;

/// An official as the access rules see them: where they sit and which posts they hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    pub id: String,
    pub name: String,
    pub organ: String,
    pub unit: String,
    /// Never empty: an account is created with at least one role.
    pub roles: Vec<Role>,
}

impl Official {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// The official acting in `role`, as the record names them.
    pub fn acting_as(&self, role: Role) -> Actor {
        Actor {
            id: self.id.clone(),
            name: self.name.clone(),
            organ: self.organ.clone(),
            unit: self.unit.clone(),
            role,
            on_behalf_of: None,
        }
    }
}

/// Who is looking.
#[derive(Debug, Clone, Copy)]
pub enum Viewer<'a> {
    Official(&'a Official),
    Public,
}

/// How much of a decision a viewer sees. Ordered: more is greater.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sight {
    /// Not even that it exists.
    Nothing,
    /// What the organ made public: an open consultation (Art. 15), a published decision (Art. 32).
    Published,
    /// The whole record.
    Record,
}

/// The scope rules, each with a stable id for the refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeRule {
    /// Each organ's officials act on its own decisions only.
    Organ,
    /// A sponsor acts on the decisions its unit leads or co-drafts.
    Unit,
    /// Execution is reported by the unit the organ named to execute (Art. 34).
    ExecutingUnit,
    /// Counsel act on the review rounds they are assigned to (Art. 28).
    CounselAssignment,
    /// Auditors and administrators change no decision.
    ReadOnly,
    /// Only the government office records an act for the head, and only the head's acts.
    OnBehalf,
}

impl ScopeRule {
    pub fn id(self) -> &'static str {
        match self {
            ScopeRule::Organ => "scope.organ",
            ScopeRule::Unit => "scope.unit",
            ScopeRule::ExecutingUnit => "scope.executing_unit",
            ScopeRule::CounselAssignment => "scope.counsel_assignment",
            ScopeRule::ReadOnly => "scope.read_only",
            ScopeRule::OnBehalf => "scope.on_behalf",
        }
    }
}

/// Why an official may not do an act on a decision.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denial {
    /// None of the official's roles has the act.
    #[error("当前角色无权办理“{act}”")]
    Role { act: &'static str },
    /// The act is the official's kind of act, on a decision outside their post.
    #[error("{message}")]
    Scope { rule: ScopeRule, message: String },
    /// The official may not know the decision exists: answered as for an unknown id.
    #[error("未找到该决策")]
    Hidden,
}

/// How much of `d` the viewer sees today.
pub fn sight(viewer: Viewer, d: &Decision, today: NaiveDate) -> Sight {
    let public = if publicity::is_public(d, today) {
        Sight::Published
    } else {
        Sight::Nothing
    };
    let Viewer::Official(o) = viewer else {
        return public;
    };
    if o.organ != d.organ() {
        return public;
    }
    o.roles
        .iter()
        .map(|role| match role {
            Role::Secretariat | Role::Head | Role::ReviewOffice | Role::Auditor | Role::System => {
                Sight::Record
            }
            Role::Sponsor
                if d.units_in_charge().contains(&o.unit.as_str())
                    || d.executing_unit() == Some(o.unit.as_str()) =>
            {
                Sight::Record
            }
            Role::Counsel if assigned(o, d) => Sight::Record,
            Role::Sponsor | Role::Counsel | Role::Admin => public,
        })
        .max()
        .unwrap_or(public)
}

/// Counsel assigned to a review round of `d`, and not withdrawn from it.
fn assigned(o: &Official, d: &Decision) -> bool {
    d.reviews
        .iter()
        .flat_map(|r| &r.assignments)
        .any(|a| a.is_active() && a.counsel_id == o.id)
}

/// Whether `o` may do `kind` on `d`, and if so in which of their roles (the one the record will
/// name). The roles are tried in the account's order; the first whose scope covers the decision
/// acts.
pub fn may_act(
    o: &Official,
    kind: CommandKind,
    d: &Decision,
    today: NaiveDate,
) -> Result<Role, Denial> {
    let seen = sight(Viewer::Official(o), d, today);
    let mut first_denial = None;
    for role in o.roles.iter().filter(|r| kind.roles().contains(r)) {
        match scope(o, *role, kind, d) {
            Ok(()) => return Ok(*role),
            Err(denial) => {
                first_denial.get_or_insert(denial);
            }
        }
    }
    Err(if seen == Sight::Nothing {
        Denial::Hidden
    } else {
        first_denial.unwrap_or(Denial::Role { act: kind.label() })
    })
}

/// Whether acting in `role` covers `d`.
fn scope(o: &Official, role: Role, kind: CommandKind, d: &Decision) -> Result<(), Denial> {
    let deny = |rule: ScopeRule, message: String| Err(Denial::Scope { rule, message });
    if o.organ != d.organ() {
        return deny(
            ScopeRule::Organ,
            format!(
                "该决策事项属于{}，不属于{}",
                organ_name(d.organ()),
                organ_name(&o.organ)
            ),
        );
    }
    match role {
        Role::Secretariat | Role::Head | Role::ReviewOffice => Ok(()),
        // Art. 34–35: the executing unit reports how execution goes, whoever drafted. (Before
        // the organ names it, the act does not exist yet: the stage answers, for the units in
        // charge, below.)
        Role::Sponsor
            if matches!(
                kind,
                CommandKind::ReportExecution | CommandKind::ReportIncident
            ) && d.executing_unit().is_some() =>
        {
            if d.executing_unit() == Some(o.unit.as_str()) {
                Ok(())
            } else {
                deny(
                    ScopeRule::ExecutingUnit,
                    format!(
                        "执行情况由决策执行单位{}报告，{}不是该决策的执行单位",
                        d.executing_unit().unwrap_or_default(),
                        o.unit
                    ),
                )
            }
        }
        Role::Sponsor => {
            let units = d.units_in_charge();
            if units.contains(&o.unit.as_str()) {
                Ok(())
            } else {
                deny(
                    ScopeRule::Unit,
                    format!(
                        "该决策事项的承办单位为{}，{}不能办理",
                        units.join("、"),
                        o.unit
                    ),
                )
            }
        }
        Role::Counsel => {
            let current = d.current_review().is_some_and(|r| {
                r.assignments
                    .iter()
                    .any(|a| a.is_active() && a.counsel_id == o.id)
            });
            if current {
                Ok(())
            } else {
                deny(
                    ScopeRule::CounselAssignment,
                    "合法性审查部门未指派您参与本轮合法性审查".into(),
                )
            }
        }
        Role::Auditor | Role::Admin | Role::System => deny(
            ScopeRule::ReadOnly,
            "监督审计和系统管理账号不办理决策事项".into(),
        ),
    }
}

/// Whether the government office `clerk` may record `kind` on `d` on behalf of `head`: the head's
/// own act (Art. 37: suspension is the head's), ordered by a head of the decision's organ, and
/// recorded by that organ's office. On success, the actor the record names: the clerk, acting
/// for the head.
pub fn may_act_for(
    clerk: &Official,
    head: &Official,
    kind: CommandKind,
    d: &Decision,
    today: NaiveDate,
) -> Result<Actor, Denial> {
    if sight(Viewer::Official(clerk), d, today) == Sight::Nothing {
        return Err(Denial::Hidden);
    }
    let deny = |message: &str| Denial::Scope {
        rule: ScopeRule::OnBehalf,
        message: message.into(),
    };
    if !clerk.has(Role::Secretariat) || clerk.organ != d.organ() {
        return Err(deny("只有决策机关的政府办公室可以代为登记行政首长的决定"));
    }
    if !kind.roles().contains(&Role::Head) || !head.has(Role::Head) {
        return Err(deny("只能代为登记行政首长本人有权作出的决定"));
    }
    if head.organ != d.organ() {
        return Err(deny("代为登记的行政首长应当是本决策机关的行政首长"));
    }
    let mut actor = clerk.acting_as(Role::Secretariat);
    actor.on_behalf_of = Some(Principal {
        id: head.id.clone(),
        name: head.name.clone(),
        role: Role::Head,
    });
    Ok(actor)
}

/// Whether `o` manages the accounts of `organ`: an administrator, of that organ only.
pub fn manages_accounts_of(o: &Official, organ: &str) -> bool {
    o.has(Role::Admin) && o.organ == organ
}

/// How much of a catalogue the viewer sees: its organ's officials the whole record (the draft,
/// the submissions, the history); everyone else what was published, once it was.
pub fn catalogue_sight(viewer: Viewer, c: &Catalogue) -> Sight {
    match viewer {
        Viewer::Official(o) if o.organ == c.organ => Sight::Record,
        _ if c.versions.is_empty() => Sight::Nothing,
        _ => Sight::Published,
    }
}

/// The role in which `o` may do `act` on `c`: units submit the items they lead (Art. 3(3):
/// the organ draws the catalogue from its units' proposals); the office the organ named does
/// everything else. `lead_unit` is the unit that leads the submitted item.
pub fn may_act_on_catalogue(
    o: &Official,
    act: CatalogueAct,
    c: &Catalogue,
    lead_unit: Option<&str>,
) -> Result<Role, Denial> {
    if o.organ != c.organ {
        return Err(if c.versions.is_empty() {
            Denial::Hidden
        } else {
            Denial::Scope {
                rule: ScopeRule::Organ,
                message: format!(
                    "该目录属于{}，不属于{}",
                    organ_name(&c.organ),
                    organ_name(&o.organ)
                ),
            }
        });
    }
    let role = if act.by_units() {
        Role::Sponsor
    } else {
        c.office
    };
    if !o.has(role) {
        return Err(Denial::Role { act: act.label() });
    }
    if act.by_units()
        && let Some(lead) = lead_unit
        && lead != o.unit
    {
        return Err(Denial::Scope {
            rule: ScopeRule::Unit,
            message: format!("承办单位只能申报本单位牵头承办的目录事项：该事项由{lead}牵头承办"),
        });
    }
    Ok(role)
}

fn organ_name(organ: &str) -> &str {
    if organ.is_empty() {
        "（未登记决策机关）"
    } else {
        organ
    }
}
