//! The rule book: for every [`Rule`], the words of the regulation it enforces, the acts it
//! guards, what a refusal says and the test that proves it; and for every provision of the
//! regulation that is not judged as a rule, what the engine does for it and why.
//! `decision-engine rules` prints it as Markdown: `docs/RULES.md`, checked in.
//!
//! It lives in code, beside the rules, so that the compiler keeps it whole: [`entry`] matches
//! every rule with no wildcard arm, so a rule added to [`Rule`] does not build until its row is
//! written. What the compiler cannot see, `tests/api/rulebook.rs` checks against the statute's
//! full text (`docs/regulation-713.md`) and the sources: that each quote is word for word the
//! provision it cites, that every paragraph of the regulation is accounted for exactly one way
//! (a rule, or a row of [`UNJUDGED`]), that each refusal is the message its check gives, and
//! that each named test exists and pins the rule. A separate document would drift from the code
//! in silence; a lawyer reading it would then trust a citation the engine no longer makes.

use std::fmt::Write as _;

use super::catalogue::CatalogueAct;
use super::command::CommandKind;
use super::rules::{Basis, Rule};

/// A provision of 《重大行政决策程序暂行条例》 and its words, verbatim.
///
/// `cite` names the smallest unit quoted, as officials cite it: 第X条 (the whole article),
/// 第X条第Y款, 第X条第Y款第Z项, or 第X条第Y款第Z句 (sentences counted by their 。). In an
/// article of one paragraph the 款 is left out: 第十七条第三项. `text` is that unit as the
/// regulation prints it, items joined without a break, paragraphs with a newline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    pub cite: &'static str,
    pub text: &'static str,
}

/// Where a rule's words come from; mirrors [`Basis`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The provisions of Order 713 the rule enforces.
    Regulation(&'static [Quote]),
    /// What the profile implements from provincial rules; Order 713 has no such article, so
    /// nothing is quoted from it.
    Provincial(&'static str),
    /// The engine's own rule for the integrity of the record, and why it cites no article.
    Engine(&'static str),
}

/// An act a rule guards: a [`CommandKind`], or proposing, which creates the record and so is
/// not a command on one (`decide::propose`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Propose,
    Command(CommandKind),
    /// An act on the annual catalogue (Art. 3(3)), a record of its own beside the decisions.
    Catalogue(CatalogueAct),
}

impl Act {
    pub fn label(self) -> &'static str {
        match self {
            // As `decide::propose` names the act when it refuses a role.
            Act::Propose => "提出决策事项",
            Act::Command(k) => k.label(),
            Act::Catalogue(a) => a.label(),
        }
    }
}

/// What an official meets when the rule is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The act is refused with this message, copied from its check: `{…}` marks what the check
    /// fills in (a date, a count, names). The refusal then cites the rule ([`Rule::citation`]).
    Refused(&'static str),
    /// Nothing is refused: a deadline is computed from the record, and flagged once passed.
    Flagged(&'static str),
}

/// A test that proves the rule: a function in a test file, which names the rule's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proof {
    /// From the repository's root.
    pub file: &'static str,
    pub test: &'static str,
}

/// How the book knows the rule holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    Tests(Vec<Proof>),
    /// No test can show it, and why: the gap stays visible in the book instead of being papered
    /// over with a test that proves nothing.
    Untested(&'static str),
}

/// One row of the rule book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub source: Source,
    /// What the quote alone does not say: how the engine reads the provision, in its own words.
    pub note: Option<&'static str>,
    pub acts: Vec<Act>,
    pub answer: Answer,
    pub evidence: Evidence,
}

/// What the engine does for a provision it does not judge as a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    /// The engine records the facts the provision is about, but refuses nothing on them.
    Recorded,
    /// A step of the procedure the engine neither records nor judges today.
    NotYet,
    /// A principle, a duty of another organ, or legal liability: not an act a workflow can
    /// check.
    OutOfScope,
}

impl Handling {
    pub fn label(self) -> &'static str {
        match self {
            Handling::Recorded => "RECORDED 记录",
            Handling::NotYet => "NOT_YET 尚未记录",
            Handling::OutOfScope => "OUT_OF_SCOPE 不属于流程",
        }
    }
}

/// A provision the engine does not judge as a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unjudged {
    pub quotes: &'static [Quote],
    pub handling: Handling,
    /// What the engine does for it ("无" when nothing).
    pub does: &'static str,
    pub why: &'static str,
}

fn tests(proofs: &[Proof]) -> Evidence {
    Evidence::Tests(proofs.to_vec())
}

const fn in_catalogue(test: &'static str) -> Proof {
    Proof {
        file: "tests/api/catalogue.rs",
        test,
    }
}

const fn in_rules(test: &'static str) -> Proof {
    Proof {
        file: "tests/api/rules.rs",
        test,
    }
}

const fn in_materials(test: &'static str) -> Proof {
    Proof {
        file: "tests/api/materials.rs",
        test,
    }
}

const fn in_statute(test: &'static str) -> Proof {
    Proof {
        file: "tests/api/statute.rs",
        test,
    }
}

const fn in_reminders(test: &'static str) -> Proof {
    Proof {
        file: "tests/api/reminders.rs",
        test,
    }
}

const fn in_calendar(test: &'static str) -> Proof {
    Proof {
        file: "tests/api/calendar.rs",
        test,
    }
}

fn on_catalogue(acts: &[CatalogueAct]) -> Vec<Act> {
    acts.iter().copied().map(Act::Catalogue).collect()
}

fn on(kinds: &[CommandKind]) -> Vec<Act> {
    kinds.iter().copied().map(Act::Command).collect()
}

/// Whether the act carries the date it took place, which `record.dates` bounds. Written out
/// (no wildcard) so that a new act is placed here by decision, as in `decide::dates`.
fn dated(kind: CommandKind) -> bool {
    use CommandKind as K;
    match kind {
        K::DisposeComment | K::HideComment | K::DisposeCommentGroup | K::MarkTrackNotRequired => {
            false
        }
        K::RecordOpinion
        | K::PublishHearingNotice
        | K::RecordUnitConsultation
        | K::RecordDraftingAnalysis
        | K::CorrectFlag
        | K::StartProcedure
        | K::ReviseDraft
        | K::OpenPublicConsultation
        | K::ClosePublicConsultation
        | K::RecordHearing
        | K::RecordExpertArgumentation
        | K::RecordRiskAssessment
        | K::RecordFairCompetitionReview
        | K::RequestLegalityReview
        | K::SubmitLegalOpinion
        | K::AcceptReviewRequest
        | K::RequestSupplement
        | K::SupplyMaterials
        | K::AssignCounsel
        | K::WithdrawCounselAssignment
        | K::ReturnLegalityReview
        | K::ConcludeLegalityReview
        | K::RecordCollectiveDiscussion
        | K::RecordPartyCommitteeReport
        | K::RecordCongressReport
        | K::PublishDecision
        | K::FileDecision
        | K::RecordFilingReview
        | K::StartExecution
        | K::ReportExecution
        | K::ReportIncident
        | K::SuspendExecution
        | K::ResumeExecution
        | K::StartPostEvaluation
        | K::ConcludePostEvaluation
        | K::WithdrawDecision
        | K::TerminateDecision
        | K::AdjustDecision
        | K::ArchiveDecision
        | K::AttachMaterial
        | K::IssueSupervisionNotice => true,
    }
}

// ---------------------------------------------------------------------------------------------
// The regulation's words, as `docs/regulation-713.md` prints them
// ---------------------------------------------------------------------------------------------

const A1: Quote = Quote {
    cite: "第一条",
    text: "为了健全科学、民主、依法决策机制，规范重大行政决策程序，提高决策质量和效率，明确决策责任，根据宪法、地方各级人民代表大会和地方各级人民政府组织法等规定，制定本条例。",
};
const A2: Quote = Quote {
    cite: "第二条",
    text: "县级以上地方人民政府(以下称决策机关)重大行政决策的作出和调整程序，适用本条例。",
};
const A3_P1: Quote = Quote {
    cite: "第三条第一款",
    text: "本条例所称重大行政决策事项(以下简称决策事项)包括：(一)制定有关公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施；(二)制定经济和社会发展等方面的重要规划；(三)制定开发利用、保护重要自然资源和文化资源的重大公共政策和措施；(四)决定在本行政区域实施的重大公共建设项目；(五)决定对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项。",
};
const A3_P2_S1: Quote = Quote {
    cite: "第三条第二款第一句",
    text: "法律、行政法规对本条第一款规定事项的决策程序另有规定的，依照其规定。",
};
const A3_P2_S2: Quote = Quote {
    cite: "第三条第二款第二句",
    text: "财政政策、货币政策等宏观调控决策，政府立法决策以及突发事件应急处置决策不适用本条例。",
};
const A3_P3: Quote = Quote {
    cite: "第三条第三款",
    text: "决策机关可以根据本条第一款的规定，结合职责权限和本地实际，确定决策事项目录、标准，经同级党委同意后向社会公布，并根据实际情况调整。",
};
const A4: Quote = Quote {
    cite: "第四条",
    text: "重大行政决策必须坚持和加强党的全面领导，全面贯彻党的路线方针政策和决策部署，发挥党的领导核心作用，把党的领导贯彻到重大行政决策全过程。",
};
const A5: Quote = Quote {
    cite: "第五条",
    text: "作出重大行政决策应当遵循科学决策原则，贯彻创新、协调、绿色、开放、共享的发展理念，坚持从实际出发，运用科学技术和方法，尊重客观规律，适应经济社会发展和全面深化改革要求。",
};
const A6: Quote = Quote {
    cite: "第六条",
    text: "作出重大行政决策应当遵循民主决策原则，充分听取各方面意见，保障人民群众通过多种途径和形式参与决策。",
};
const A7: Quote = Quote {
    cite: "第七条",
    text: "作出重大行政决策应当遵循依法决策原则，严格遵守法定权限，依法履行法定程序，保证决策内容符合法律、法规和规章等规定。",
};
const A8_P1: Quote = Quote {
    cite: "第八条第一款",
    text: "重大行政决策依法接受本级人民代表大会及其常务委员会的监督，根据法律、法规规定属于本级人民代表大会及其常务委员会讨论决定的重大事项范围或者应当在出台前向本级人民代表大会常务委员会报告的，按照有关规定办理。",
};
const A8_P2: Quote = Quote {
    cite: "第八条第二款",
    text: "上级行政机关应当加强对下级行政机关重大行政决策的监督。审计机关按照规定对重大行政决策进行监督。",
};
const A9: Quote = Quote {
    cite: "第九条",
    text: "重大行政决策情况应当作为考核评价决策机关及其领导人员的重要内容。",
};
const A10_I1: Quote = Quote {
    cite: "第十条第一项",
    text: "(一)决策机关领导人员提出决策事项建议的，交有关单位研究论证；",
};
const A10_I2: Quote = Quote {
    cite: "第十条第二项",
    text: "(二)决策机关所属部门或者下一级人民政府提出决策事项建议的，应当论证拟解决的主要问题、建议理由和依据、解决问题的初步方案及其必要性、可行性等；",
};
const A10_I3: Quote = Quote {
    cite: "第十条第三项",
    text: "(三)人大代表、政协委员等通过建议、提案等方式提出决策事项建议，以及公民、法人或者其他组织提出书面决策事项建议的，交有关单位研究论证。",
};
const A11: Quote = Quote {
    cite: "第十一条",
    text: "决策机关决定启动决策程序的，应当明确决策事项的承办单位(以下简称决策承办单位)，由决策承办单位负责重大行政决策草案的拟订等工作。决策事项需要两个以上单位承办的，应当明确牵头的决策承办单位。",
};
const A12_P1: Quote = Quote {
    cite: "第十二条第一款",
    text: "决策承办单位应当在广泛深入开展调查研究、全面准确掌握有关信息、充分协商协调的基础上，拟订决策草案。",
};
const A12_P2: Quote = Quote {
    cite: "第十二条第二款",
    text: "决策承办单位应当全面梳理与决策事项有关的法律、法规、规章和政策，使决策草案合法合规、与有关政策相衔接。",
};
const A12_P3: Quote = Quote {
    cite: "第十二条第三款",
    text: "决策承办单位根据需要对决策事项涉及的人财物投入、资源消耗、环境影响等成本和经济、社会、环境效益进行分析预测。",
};
const A12_P4: Quote = Quote {
    cite: "第十二条第四款",
    text: "有关方面对决策事项存在较大分歧的，决策承办单位可以提出两个以上方案。",
};
const A13: Quote = Quote {
    cite: "第十三条",
    text: "决策事项涉及决策机关所属部门、下一级人民政府等单位的职责，或者与其关系紧密的，决策承办单位应当与其充分协商；不能取得一致意见的，应当向决策机关说明争议的主要问题，有关单位的意见，决策承办单位的意见、理由和依据。",
};
const A14_P1: Quote = Quote {
    cite: "第十四条第一款",
    text: "决策承办单位应当采取便于社会公众参与的方式充分听取意见，依法不予公开的决策事项除外。",
};
const A14_P2: Quote = Quote {
    cite: "第十四条第二款",
    text: "听取意见可以采取座谈会、听证会、实地走访、书面征求意见、向社会公开征求意见、问卷调查、民意调查等多种方式。",
};
const A14_P3: Quote = Quote {
    cite: "第十四条第三款",
    text: "决策事项涉及特定群体利益的，决策承办单位应当与相关人民团体、社会组织以及群众代表进行沟通协商，充分听取相关群体的意见建议。",
};
const A15_P1_S1: Quote = Quote {
    cite: "第十五条第一款第一句",
    text: "决策事项向社会公开征求意见的，决策承办单位应当通过政府网站、政务新媒体以及报刊、广播、电视等便于社会公众知晓的途径，公布决策草案及其说明等材料，明确提出意见的方式和期限。",
};
const A15_P1_S2: Quote = Quote {
    cite: "第十五条第一款第二句",
    text: "公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明。",
};
const A15_P2: Quote = Quote {
    cite: "第十五条第二款",
    text: "对社会公众普遍关心或者专业性、技术性较强的问题，决策承办单位可以通过专家访谈等方式进行解释说明。",
};
const A16_P1: Quote = Quote {
    cite: "第十六条第一款",
    text: "决策事项直接涉及公民、法人、其他组织切身利益或者存在较大分歧的，可以召开听证会。法律、法规、规章对召开听证会另有规定的，依照其规定。",
};
const A16_P2: Quote = Quote {
    cite: "第十六条第二款",
    text: "决策承办单位或者组织听证会的其他单位应当提前公布决策草案及其说明等材料，明确听证时间、地点等信息。",
};
const A16_P3_S1: Quote = Quote {
    cite: "第十六条第三款第一句",
    text: "需要遴选听证参加人的，决策承办单位或者组织听证会的其他单位应当提前公布听证参加人遴选办法，公平公开组织遴选，保证相关各方都有代表参加听证会。",
};
const A16_P3_S2: Quote = Quote {
    cite: "第十六条第三款第二句",
    text: "听证参加人名单应当提前向社会公布。",
};
const A16_P3_S3: Quote = Quote {
    cite: "第十六条第三款第三句",
    text: "听证会材料应当于召开听证会7日前送达听证参加人。",
};
const A17_I1: Quote = Quote {
    cite: "第十七条第一项",
    text: "(一)决策承办单位介绍决策草案、依据和有关情况；",
};
const A17_I2: Quote = Quote {
    cite: "第十七条第二项",
    text: "(二)听证参加人陈述意见，进行询问、质证和辩论，必要时可以由决策承办单位或者有关专家进行解释说明；",
};
const A17_I3: Quote = Quote {
    cite: "第十七条第三项",
    text: "(三)听证参加人确认听证会记录并签字。",
};
const A18: Quote = Quote {
    cite: "第十八条",
    text: "决策承办单位应当对社会各方面提出的意见进行归纳整理、研究论证，充分采纳合理意见，完善决策草案。",
};
const A19_P1: Quote = Quote {
    cite: "第十九条第一款",
    text: "对专业性、技术性较强的决策事项，决策承办单位应当组织专家、专业机构论证其必要性、可行性、科学性等，并提供必要保障。",
};
const A19_P2: Quote = Quote {
    cite: "第十九条第二款",
    text: "专家、专业机构应当独立开展论证工作，客观、公正、科学地提出论证意见，并对所知悉的国家秘密、商业秘密、个人隐私依法履行保密义务；提供书面论证意见的，应当署名、盖章。",
};
const A20_S1: Quote = Quote {
    cite: "第二十条第一句",
    text: "决策承办单位组织专家论证，可以采取论证会、书面咨询、委托咨询论证等方式。",
};
const A20_S2: Quote = Quote {
    cite: "第二十条第二句",
    text: "选择专家、专业机构参与论证，应当坚持专业性、代表性和中立性，注重选择持不同意见的专家、专业机构，不得选择与决策事项有直接利害关系的专家、专业机构。",
};
const A21: Quote = Quote {
    cite: "第二十一条",
    text: "省、自治区、直辖市人民政府应当建立决策咨询论证专家库，规范专家库运行管理制度，健全专家诚信考核和退出机制。\n市、县级人民政府可以根据需要建立决策咨询论证专家库。\n决策机关没有建立决策咨询论证专家库的，可以使用上级行政机关的专家库。",
};
const A22_P1: Quote = Quote {
    cite: "第二十二条第一款",
    text: "重大行政决策的实施可能对社会稳定、公共安全等方面造成不利影响的，决策承办单位或者负责风险评估工作的其他单位应当组织评估决策草案的风险可控性。",
};
const A22_P2: Quote = Quote {
    cite: "第二十二条第二款",
    text: "按照有关规定已对有关风险进行评价、评估的，不作重复评估。",
};
const A23_P1: Quote = Quote {
    cite: "第二十三条第一款",
    text: "开展风险评估，可以通过舆情跟踪、重点走访、会商分析等方式，运用定性分析与定量分析等方法，对决策实施的风险进行科学预测、综合研判。",
};
const A23_P2: Quote = Quote {
    cite: "第二十三条第二款",
    text: "开展风险评估，应当听取有关部门的意见，形成风险评估报告，明确风险点，提出风险防范措施和处置预案。",
};
const A23_P3: Quote = Quote {
    cite: "第二十三条第三款",
    text: "开展风险评估，可以委托专业机构、社会组织等第三方进行。",
};
const A24: Quote = Quote {
    cite: "第二十四条",
    text: "风险评估结果应当作为重大行政决策的重要依据。决策机关认为风险可控的，可以作出决策；认为风险不可控的，在采取调整决策草案等措施确保风险可控后，可以作出决策。",
};
const A25_P1: Quote = Quote {
    cite: "第二十五条第一款",
    text: "决策草案提交决策机关讨论前，应当由负责合法性审查的部门进行合法性审查。不得以征求意见等方式代替合法性审查。",
};
const A25_P2: Quote = Quote {
    cite: "第二十五条第二款",
    text: "决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论。对国家尚无明确规定的探索性改革决策事项，可以明示法律风险，提交决策机关讨论。",
};
const A25_P2_S1: Quote = Quote {
    cite: "第二十五条第二款第一句",
    text: "决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论。",
};
const A26_P1_S1: Quote = Quote {
    cite: "第二十六条第一款第一句",
    text: "送请合法性审查，应当提供决策草案及相关材料，包括有关法律、法规、规章等依据和履行决策法定程序的说明等。",
};
const A26_P1_S2: Quote = Quote {
    cite: "第二十六条第一款第二句",
    text: "提供的材料不符合要求的，负责合法性审查的部门可以退回，或者要求补充。",
};
const A26_P2: Quote = Quote {
    cite: "第二十六条第二款",
    text: "送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日。",
};
const A27: Quote = Quote {
    cite: "第二十七条",
    text: "合法性审查的内容包括：(一)决策事项是否符合法定权限；(二)决策草案的形成是否履行相关法定程序；(三)决策草案内容是否符合有关法律、法规、规章和国家政策的规定。",
};
const A28_S1: Quote = Quote {
    cite: "第二十八条第一句",
    text: "负责合法性审查的部门应当及时提出合法性审查意见，并对合法性审查意见负责。",
};
const A28_S2: Quote = Quote {
    cite: "第二十八条第二句",
    text: "在合法性审查过程中，应当组织法律顾问、公职律师提出法律意见。",
};
const A28_S3: Quote = Quote {
    cite: "第二十八条第三句",
    text: "决策承办单位根据合法性审查意见进行必要的调整或者补充。",
};
const A29_I1: Quote = Quote {
    cite: "第二十九条第一项",
    text: "(一)决策草案及相关材料，决策草案涉及市场主体经济活动的，应当包含公平竞争审查的有关情况；",
};
const A29_I2: Quote = Quote {
    cite: "第二十九条第二项",
    text: "(二)履行公众参与程序的，同时报送社会公众提出的主要意见的研究采纳情况；",
};
const A29_I3: Quote = Quote {
    cite: "第二十九条第三项",
    text: "(三)履行专家论证程序的，同时报送专家论证意见的研究采纳情况；",
};
const A29_I4: Quote = Quote {
    cite: "第二十九条第四项",
    text: "(四)履行风险评估程序的，同时报送风险评估报告等有关材料；",
};
const A29_I5: Quote = Quote {
    cite: "第二十九条第五项",
    text: "(五)合法性审查意见；",
};
const A29_I6: Quote = Quote {
    cite: "第二十九条第六项",
    text: "(六)需要报送的其他材料。",
};
const A30_P1_S1: Quote = Quote {
    cite: "第三十条第一款第一句",
    text: "决策草案应当经决策机关常务会议或者全体会议讨论。",
};
const A30_P1_S2: Quote = Quote {
    cite: "第三十条第一款第二句",
    text: "决策机关行政首长在集体讨论的基础上作出决定。",
};
const A30_P2_S1: Quote = Quote {
    cite: "第三十条第二款第一句",
    text: "讨论决策草案，会议组成人员应当充分发表意见，行政首长最后发表意见。",
};
const A30_P2_S2: Quote = Quote {
    cite: "第三十条第二款第二句",
    text: "行政首长拟作出的决定与会议组成人员多数人的意见不一致的，应当在会上说明理由。",
};
const A30_P3: Quote = Quote {
    cite: "第三十条第三款",
    text: "集体讨论决定情况应当如实记录，不同意见应当如实载明。",
};
const A31: Quote = Quote {
    cite: "第三十一条",
    text: "重大行政决策出台前应当按照规定向同级党委请示报告。",
};
const A32: Quote = Quote {
    cite: "第三十二条",
    text: "决策机关应当通过本级人民政府公报和政府网站以及在本行政区域内发行的报纸等途径及时公布重大行政决策。对社会公众普遍关心或者专业性、技术性较强的重大行政决策，应当说明公众意见、专家论证意见的采纳情况，通过新闻发布会、接受访谈等方式进行宣传解读。依法不予公开的除外。",
};
const A33: Quote = Quote {
    cite: "第三十三条",
    text: "决策机关应当建立重大行政决策过程记录和材料归档制度，由有关单位将履行决策程序形成的记录、材料及时完整归档。",
};
const A34_S1: Quote = Quote {
    cite: "第三十四条第一句",
    text: "决策机关应当明确负责重大行政决策执行工作的单位(以下简称决策执行单位)，并对决策执行情况进行督促检查。",
};
const A34_S2: Quote = Quote {
    cite: "第三十四条第二句",
    text: "决策执行单位应当依法全面、及时、正确执行重大行政决策，并向决策机关报告决策执行情况。",
};
const A35_P1: Quote = Quote {
    cite: "第三十五条第一款",
    text: "决策执行单位发现重大行政决策存在问题、客观情况发生重大变化，或者决策执行中发生不可抗力等严重影响决策目标实现的，应当及时向决策机关报告。",
};
const A35_P2: Quote = Quote {
    cite: "第三十五条第二款",
    text: "公民、法人或者其他组织认为重大行政决策及其实施存在问题的，可以通过信件、电话、电子邮件等方式向决策机关或者决策执行单位提出意见建议。",
};
const A36_P1: Quote = Quote {
    cite: "第三十六条第一款",
    text: "有下列情形之一的，决策机关可以组织决策后评估，并确定承担评估具体工作的单位：(一)重大行政决策实施后明显未达到预期效果；(二)公民、法人或者其他组织提出较多意见；(三)决策机关认为有必要。",
};
const A36_P2: Quote = Quote {
    cite: "第三十六条第二款",
    text: "开展决策后评估，可以委托专业机构、社会组织等第三方进行，决策作出前承担主要论证评估工作的单位除外。",
};
const A36_P3: Quote = Quote {
    cite: "第三十六条第三款",
    text: "开展决策后评估，应当注重听取社会公众的意见，吸收人大代表、政协委员、人民团体、基层组织、社会组织参与评估。",
};
const A36_P4: Quote = Quote {
    cite: "第三十六条第四款",
    text: "决策后评估结果应当作为调整重大行政决策的重要依据。",
};
const A37: Quote = Quote {
    cite: "第三十七条",
    text: "依法作出的重大行政决策，未经法定程序不得随意变更或者停止执行；执行中出现本条例第三十五条规定的情形、情况紧急的，决策机关行政首长可以先决定中止执行；需要作出重大调整的，应当依照本条例履行相关法定程序。",
};
const A38_P1: Quote = Quote {
    cite: "第三十八条第一款",
    text: "决策机关违反本条例规定的，由上一级行政机关责令改正，对决策机关行政首长、负有责任的其他领导人员和直接责任人员依法追究责任。",
};
const A38_P2: Quote = Quote {
    cite: "第三十八条第二款",
    text: "决策机关违反本条例规定造成决策严重失误，或者依法应当及时作出决策而久拖不决，造成重大损失、恶劣影响的，应当倒查责任，实行终身责任追究，对决策机关行政首长、负有责任的其他领导人员和直接责任人员依法追究责任。",
};
const A38_P3: Quote = Quote {
    cite: "第三十八条第三款",
    text: "决策机关集体讨论决策草案时，有关人员对严重失误的决策表示不同意见的，按照规定减免责任。",
};
const A39: Quote = Quote {
    cite: "第三十九条",
    text: "决策承办单位或者承担决策有关工作的单位未按照本条例规定履行决策程序或者履行决策程序时失职渎职、弄虚作假的，由决策机关责令改正，对负有责任的领导人员和直接责任人员依法追究责任。",
};
const A40: Quote = Quote {
    cite: "第四十条",
    text: "决策执行单位拒不执行、推诿执行、拖延执行重大行政决策，或者对执行中发现的重大问题瞒报、谎报或者漏报的，由决策机关责令改正，对负有责任的领导人员和直接责任人员依法追究责任。",
};
const A41: Quote = Quote {
    cite: "第四十一条",
    text: "承担论证评估工作的专家、专业机构、社会组织等违反职业道德和本条例规定的，予以通报批评、责令限期整改；造成严重后果的，取消评估资格、承担相应责任。",
};
const A42: Quote = Quote {
    cite: "第四十二条",
    text: "县级以上人民政府部门和乡级人民政府重大行政决策的作出和调整程序，参照本条例规定执行。",
};
const A43_P1: Quote = Quote {
    cite: "第四十三条第一款",
    text: "省、自治区、直辖市人民政府根据本条例制定本行政区域重大行政决策程序的具体制度。",
};
const A43_P2: Quote = Quote {
    cite: "第四十三条第二款",
    text: "国务院有关部门参照本条例规定，制定本部门重大行政决策程序的具体制度。",
};
const A44: Quote = Quote {
    cite: "第四十四条",
    text: "本条例自2019年9月1日起施行。",
};

// ---------------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------------

/// The rule book's row for `rule`.
pub fn entry(rule: Rule) -> Entry {
    use CommandKind as K;
    use Source::Regulation;
    let row = |source, note, acts, answer, evidence| Entry {
        source,
        note,
        acts,
        answer,
        evidence,
    };
    match rule {
        Rule::StartSourceFields => row(
            Regulation(&[A10_I2]),
            None,
            on(&[K::StartProcedure]),
            Answer::Refused(
                "所属部门或者下一级人民政府提出的建议，应当论证拟解决的主要问题、建议理由和依据、解决问题的初步方案及其必要性、可行性",
            ),
            tests(&[in_rules(
                "a_department_proposal_that_does_not_argue_its_case_cannot_start",
            )]),
        ),
        Rule::StartRequired => row(
            Regulation(&[A11]),
            Some(
                "草案拟订工作由决策机关决定启动决策程序时明确的承办单位负责：启动之前，起草、公众参与、论证评估和送请合法性审查都不能办理。",
            ),
            CommandKind::ALL
                .into_iter()
                .filter(|k| {
                    *k == K::ReviseDraft
                        || super::decide::stages(*k) == [super::model::Stage::Drafting]
                })
                .map(Act::Command)
                .collect(),
            Answer::Refused("决策机关尚未决定启动决策程序、明确决策承办单位，不能开展草案拟订工作"),
            tests(&[in_statute(
                "drafting_before_the_organ_decides_to_start_names_the_start",
            )]),
        ),
        Rule::StartLeadUnit => row(
            Regulation(&[A11]),
            Some("启动时须登记牵头承办单位；牵头承办单位不能同时列为协办单位。"),
            on(&[K::StartProcedure]),
            Answer::Refused("牵头承办单位只能有一个，不能同时列为协办单位"),
            tests(&[in_rules("the_lead_unit_cannot_also_be_a_co_unit")]),
        ),
        Rule::StartScope => row(
            Regulation(&[A3_P2_S2]),
            Some(
                "事项的性质在提出时登记；宏观调控、政府立法、突发事件应急处置决策不能作为重大行政决策事项提出。",
            ),
            vec![Act::Propose],
            Answer::Refused(
                "财政政策、货币政策等宏观调控决策，政府立法决策以及突发事件应急处置决策不适用重大行政决策程序",
            ),
            tests(&[in_rules(
                "macro_control_legislation_and_emergency_response_cannot_open_a_case",
            )]),
        ),
        Rule::ConsultationRequired => row(
            Regulation(&[A14_P1]),
            Some(
                "公众参与须在送请合法性审查前完成；只有提出时标明依法不予公开的事项，才能标记为无需开展并载明依据，且不向社会公开征求意见。",
            ),
            on(&[
                K::OpenPublicConsultation,
                K::MarkTrackNotRequired,
                K::RequestLegalityReview,
            ]),
            Answer::Refused(
                "决策承办单位应当采取便于社会公众参与的方式充分听取意见，依法不予公开的决策事项除外",
            ),
            tests(&[
                in_rules(
                    "public_participation_is_skipped_only_for_a_matter_not_disclosable_by_law",
                ),
                in_rules("a_matter_not_disclosable_by_law_is_not_put_to_public_consultation"),
            ]),
        ),
        Rule::ConsultationMinPeriod => row(
            Regulation(&[A15_P1_S2]),
            Some(
                "最少日数由程序配置规定（consultation_min_days，不得低于30日），开始之日不计入；缩短期限的理由须在公开征求意见时登记，事后不能补充。",
            ),
            on(&[K::OpenPublicConsultation]),
            Answer::Refused(
                "公开征求意见的期限一般不少于{min}日（本次{days}日）；因情况紧急等原因需要缩短期限的，应当在公开征求意见时说明理由",
            ),
            tests(&[in_rules(
                "a_consultation_shorter_than_thirty_days_needs_a_reason_in_the_notice",
            )]),
        ),
        Rule::ConsultationLastDay => row(
            Regulation(&[A15_P1_S2]),
            Some(
                "期限的最后一日至24时届满（《民法典》第二百零三条）：公告的期限届满前，不能结束公开征求意见。",
            ),
            on(&[K::ClosePublicConsultation]),
            Answer::Refused(
                "公告的征求意见期限至{ends} 24时届满（《民法典》第二百零三条），届满前不能结束；最早可于{}登记结束",
            ),
            tests(&[in_rules(
                "a_consultation_cannot_close_before_its_announced_end",
            )]),
        ),
        Rule::ConsultationNoticeContent => row(
            Regulation(&[A15_P1_S1]),
            Some("公告须公布已登记的决策草案，并载明公布途径、提出意见的方式和截止日期。"),
            on(&[K::OpenPublicConsultation]),
            Answer::Refused("公开征求意见应当公布决策草案及其说明，请先登记决策草案"),
            tests(&[in_rules(
                "a_consultation_notice_publishes_the_draft_the_channels_how_and_by_when",
            )]),
        ),
        Rule::ConsultationGroup => row(
            Regulation(&[A14_P3]),
            Some(
                "提出时标明涉及特定群体利益的事项，结束公开征求意见前，须已通过公告载明的群体组织或者听证会上的群体代表听取其意见。",
            ),
            on(&[K::ClosePublicConsultation]),
            Answer::Refused(
                "决策事项涉及特定群体利益，应当至少通过一种方式听取该群体的组织或代表的意见",
            ),
            tests(&[in_rules(
                "an_affected_group_is_heard_through_its_organisations_or_representatives",
            )]),
        ),
        Rule::ConsultationDispositions => row(
            Regulation(&[A18]),
            Some(
                "每一条意见都须作出处理（采纳、部分采纳或者不予采纳并说明理由）后，才能结束公开征求意见：经本系统提交的公众意见，以及承办单位登记的通过信件、电子邮件、电话、座谈会、其他网络平台等途径收到的意见（登记途径和日期）。相近的意见可以归纳整理为一组，以一个理由一并处理，每条意见仍可追溯到其处理结果。",
            ),
            on(&[
                K::DisposeComment,
                K::DisposeCommentGroup,
                K::ClosePublicConsultation,
            ]),
            Answer::Refused(
                "还有{pending}条公众意见未作处理（采纳、部分采纳或不予采纳并说明理由）",
            ),
            tests(&[
                in_rules("every_public_comment_is_disposed_of_before_the_consultation_closes"),
                in_statute(
                    "a_back_filled_consultation_holds_opinions_from_other_channels_disposed_of_in_groups",
                ),
            ]),
        ),
        Rule::DraftingUnitsConsulted => row(
            Regulation(&[A13]),
            Some(
                "提出时（或者更正时）标明涉及其他单位职责的事项，送请合法性审查前须登记与有关单位的协商；未取得一致意见的，须同时登记争议的主要问题、有关单位的意见和承办单位的意见、理由和依据。",
            ),
            on(&[K::RecordUnitConsultation, K::RequestLegalityReview]),
            Answer::Refused(
                "不能取得一致意见的，应当向决策机关说明争议的主要问题，有关单位的意见，决策承办单位的意见、理由和依据",
            ),
            tests(&[in_statute(
                "units_concerned_are_consulted_and_a_dispute_stated_before_the_review_request",
            )]),
        ),
        Rule::HearingNotice => row(
            Regulation(&[A16_P2, A16_P3_S2]),
            Some(
                "召开听证会前须登记听证会公告：公布途径、听证日期和地点、所公布的草案稿次和听证参加人名单，公告日期早于听证日期；登记听证会时，须有该日期的公告，听证参加人须在公布的名单中。",
            ),
            on(&[K::PublishHearingNotice, K::RecordHearing]),
            Answer::Refused("听证参加人名单应当提前向社会公布"),
            tests(&[in_statute(
                "a_hearing_is_recorded_only_as_its_published_notice_announced_it",
            )]),
        ),
        Rule::HearingMaterials7Days => row(
            Regulation(&[A16_P3_S3]),
            Some("提前日数由程序配置规定（hearing_materials_days，不得低于7日）。"),
            on(&[K::RecordHearing]),
            Answer::Refused(
                "听证会材料应当于召开听证会{min}日前送达听证参加人（本次提前{lead}日）",
            ),
            tests(&[in_rules(
                "hearing_materials_reach_participants_seven_days_before",
            )]),
        ),
        Rule::HearingSignedRecord => row(
            Regulation(&[A17_I3]),
            None,
            on(&[K::RecordHearing]),
            Answer::Refused("听证会记录须经全体听证参加人确认并签字，尚未签字：{}"),
            tests(&[in_rules("a_hearing_record_is_signed_by_every_participant")]),
        ),
        Rule::ExpertsNoInterest => row(
            Regulation(&[A20_S2]),
            Some("每位专家、专业机构登记利害关系声明；有直接利害关系的，不能登记其论证意见。"),
            on(&[K::RecordExpertArgumentation]),
            Answer::Refused("不得选择与决策事项有直接利害关系的专家、专业机构：{}"),
            tests(&[in_rules(
                "an_expert_with_a_direct_interest_cannot_be_chosen",
            )]),
        ),
        Rule::ExpertsSigned => row(
            Regulation(&[A19_P2]),
            Some(
                "引擎判断书面论证意见的署名、盖章；独立、客观、公正地论证和保密义务不由流程判断。",
            ),
            on(&[K::RecordExpertArgumentation]),
            Answer::Refused("论证意见应当由专家签字（专业机构加盖公章）：{}"),
            tests(&[in_rules(
                "an_expert_opinion_is_signed_and_an_institution_seals_it",
            )]),
        ),
        Rule::ExpertsRequired => row(
            Regulation(&[A19_P1]),
            Some(
                "提出时标明专业性、技术性较强的事项，须在送请合法性审查前完成专家论证，不能标记为无需开展。",
            ),
            on(&[K::MarkTrackNotRequired, K::RequestLegalityReview]),
            Answer::Refused("专业性、技术性较强的决策事项应当组织专家论证"),
            tests(&[in_rules(
                "a_professional_technical_matter_cannot_skip_expert_argumentation",
            )]),
        ),
        Rule::RiskReportContent => row(
            Regulation(&[A23_P2]),
            Some(
                "报告须载明风险点、风险防范措施、处置预案和听取意见的部门；引用按其他规定已作评估的（第二十二条第二款），不再要求这些要素。",
            ),
            on(&[K::RecordRiskAssessment]),
            Answer::Refused("风险评估报告缺少：{}"),
            tests(&[in_rules(
                "a_risk_report_names_risk_points_measures_response_plan_and_departments_heard",
            )]),
        ),
        Rule::RiskControllable => row(
            Regulation(&[A24]),
            Some(
                "评估结论为风险不可控的，不能送请合法性审查，也不能提请会议作出决策；须先修改决策草案，再对修改后的草案重新评估。",
            ),
            on(&[
                K::RecordRiskAssessment,
                K::RequestLegalityReview,
                K::RecordCollectiveDiscussion,
            ]),
            Answer::Refused(
                "风险评估认为风险不可控，应当在采取调整决策草案等措施确保风险可控后，方可作出决策",
            ),
            tests(&[
                in_rules(
                    "after_an_uncontrollable_finding_nothing_proceeds_until_a_revised_draft_is_reassessed",
                ),
                in_statute("a_meeting_after_an_uncontrollable_risk_assessment_names_the_risk_rule"),
            ]),
        ),
        Rule::RiskRequired => row(
            Regulation(&[A22_P1]),
            Some(
                "提出时标明可能对社会稳定、公共安全等造成不利影响的事项，须在送请合法性审查前完成风险评估，不能标记为无需开展。",
            ),
            on(&[K::MarkTrackNotRequired, K::RequestLegalityReview]),
            Answer::Refused(
                "可能对社会稳定、公共安全等造成不利影响的决策事项应当进行风险评估；已按其他规定评估的，请登记风险评估并引用原评估",
            ),
            tests(&[in_rules(
                "a_matter_with_stability_impact_cannot_skip_risk_assessment",
            )]),
        ),
        Rule::FairCompetitionRequired => row(
            Regulation(&[A29_I1]),
            Some(
                "提出时标明涉及市场主体经济活动的事项，须在送请合法性审查前完成公平竞争审查，不能标记为无需开展。",
            ),
            on(&[K::MarkTrackNotRequired, K::RequestLegalityReview]),
            Answer::Refused("涉及市场主体经济活动的决策草案应当进行公平竞争审查"),
            tests(&[in_rules(
                "a_matter_affecting_market_entities_cannot_skip_fair_competition_review",
            )]),
        ),
        Rule::ReviewGate => row(
            Regulation(&[A25_P1, A25_P2]),
            Some(
                "合法性审查由合法性审查部门（REVIEW_OFFICE）出具审查意见后方告结束，公开征求意见不能代替。审查结论为提示法律风险（LEGAL_RISK_DISCLOSED）的，只适用于提出时标明为探索性改革的事项，并须载明风险。",
            ),
            on(&[K::ConcludeLegalityReview, K::RecordCollectiveDiscussion]),
            Answer::Refused(
                "{why}：决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论",
            ),
            tests(&[
                in_statute(
                    "a_meeting_while_the_draft_is_still_being_drafted_names_the_review_gate",
                ),
                in_statute("a_meeting_after_an_unlawful_review_names_the_review_gate"),
                in_rules("legal_risk_disclosed_is_a_conclusion_only_for_an_exploratory_reform"),
            ]),
        ),
        Rule::ReviewMaterials => row(
            Regulation(&[A26_P1_S1]),
            Some(
                "送审须有已登记的决策草案和法律、法规、规章等依据；履行决策法定程序的说明未提供的，由引擎根据过程记录生成。",
            ),
            on(&[K::RequestLegalityReview]),
            Answer::Refused("送请合法性审查应当提供有关法律、法规、规章等依据"),
            tests(&[in_rules(
                "a_review_request_carries_the_draft_and_its_legal_basis",
            )]),
        ),
        Rule::ReviewCounselOpinion => row(
            Regulation(&[A28_S2]),
            Some(
                "本轮审查至少有一份法律顾问或者公职律师（COUNSEL）的法律意见，审查部门才能出具审查意见。法律顾问、公职律师由审查部门逐轮指派（assignCounsel，登记其律师事务所或者所在单位），只有受指派且未撤回指派的，才能查阅该决策并提出法律意见。",
            ),
            on(&[K::ConcludeLegalityReview]),
            Answer::Refused(
                "合法性审查过程中应当组织法律顾问、公职律师提出法律意见，本轮审查尚无法律意见",
            ),
            tests(&[in_rules(
                "a_review_concludes_only_after_a_legal_counsel_has_given_an_opinion",
            )]),
        ),
        Rule::ReviewFindings => row(
            Regulation(&[A27]),
            None,
            on(&[K::ConcludeLegalityReview]),
            Answer::Refused(
                "审查意见应当就是否符合法定权限、是否履行法定程序、内容是否合法三方面分别作出结论",
            ),
            tests(&[in_rules(
                "a_review_conclusion_states_authority_procedure_and_content_findings",
            )]),
        ),
        Rule::ReviewMinTime => row(
            Regulation(&[A26_P2]),
            Some(
                "工作日按节假日安排计算，日数由程序配置规定（review_min_working_days，不得低于7个工作日）；缩短审查时间的理由须在送请审查时登记。",
            ),
            on(&[K::RecordCollectiveDiscussion]),
            Answer::Refused(
                "合法性审查时间一般不少于{min}个工作日：{}送请审查，最早可于{earliest}提请会议讨论；因情况紧急需要缩短的，应当在送请审查时说明理由",
            ),
            tests(&[in_calendar(
                "a_meeting_six_working_days_after_the_review_request_is_refused_and_the_seventh_is_lawful",
            )]),
        ),
        Rule::ReviewRevisions => row(
            Regulation(&[A28_S3]),
            Some(
                "审查结论为修改后合法（LAWFUL_WITH_REVISIONS）的，须载明需要修改的内容，承办单位登记修改后的草案前不能提请讨论；经审查不合法的草案，须修改后方可重新送审（并见第二十五条第二款）。",
            ),
            on(&[
                K::ConcludeLegalityReview,
                K::RequestLegalityReview,
                K::RecordCollectiveDiscussion,
            ]),
            Answer::Refused("合法性审查意见要求修改草案，请先登记修改后的草案"),
            tests(&[
                in_rules("lawful_with_revisions_states_the_revisions_required"),
                in_rules("no_meeting_while_a_revision_required_by_the_review_is_pending"),
                in_rules("an_unlawful_draft_is_revised_before_it_is_sent_for_review_again"),
            ]),
        ),
        Rule::ReviewReviewedDraft => row(
            Regulation(&[A25_P2_S1, A28_S3]),
            Some(
                "经合法性审查的草案另行修改后，即属未经合法性审查的草案：审查后只能作审查意见要求的修改，其他修改须重新送审。",
            ),
            on(&[K::ReviseDraft]),
            Answer::Refused(
                "经合法性审查的草案不得另行修改：修改后的草案未经合法性审查，不得提交讨论；如需修改，请重新送请合法性审查",
            ),
            tests(&[in_rules(
                "a_reviewed_draft_is_not_changed_without_a_new_review",
            )]),
        ),
        Rule::MeetingRequired => row(
            Regulation(&[A30_P1_S1]),
            Some("未经会议讨论决定的决策，不能公布、开始执行或者备案。"),
            on(&[K::PublishDecision, K::StartExecution, K::FileDecision]),
            Answer::Refused(
                "决策草案尚未经决策机关常务会议或者全体会议讨论决定，不能公布、执行或者备案",
            ),
            tests(&[in_statute(
                "publishing_before_the_meeting_names_collective_discussion",
            )]),
        ),
        Rule::MeetingKind => row(
            Regulation(&[A30_P1_S1]),
            Some("专题会议、行政首长办公会等其他会议不能作出决定。"),
            on(&[K::RecordCollectiveDiscussion]),
            Answer::Refused("决策草案应当经决策机关常务会议或者全体会议讨论"),
            tests(&[in_rules("only_the_executive_or_plenary_meeting_decides")]),
        ),
        Rule::MeetingPackage => row(
            Regulation(&[A29_I1, A29_I2]),
            Some(
                "提请讨论时核对：涉及市场主体经济活动的，有公平竞争审查情况；公众参与已完成的，有公众意见的研究采纳情况。",
            ),
            on(&[K::RecordCollectiveDiscussion]),
            Answer::Refused("提请讨论的材料不完整，缺少：{}"),
            Evidence::Untested(
                "尚无测试：这两项核对无法经由办理事项触发。送请合法性审查前，公平竞争审查和公众参与须已完成（fair_competition.required、consultation.required），而完成即已登记相应材料；本核对作为第二道防线保留。",
            ),
        ),
        Rule::MeetingQuorum => row(
            Regulation(&[A30_P1_S2, A30_P2_S1]),
            Some(
                "集体讨论须由会议组成人员出席并发表意见：登记会议组成人员人数和出席人数，出席须超过程序配置的比例（meeting_quorum_percent，默认过半数）；除行政首长外至少有一位会议组成人员的意见，每位出席人员的意见（同意、不同意或者弃权）都须记录且只记录一次。",
            ),
            on(&[K::RecordCollectiveDiscussion]),
            Answer::Refused(
                "会议组成人员应当充分发表意见：除行政首长外，没有会议组成人员的意见记录，不构成集体讨论",
            ),
            tests(&[
                in_statute("a_meeting_where_only_the_head_speaks_is_not_collective_discussion"),
                in_statute(
                    "a_meeting_below_the_quorum_or_with_a_member_present_off_the_record_is_refused",
                ),
            ]),
        ),
        Rule::MeetingHeadLast => row(
            Regulation(&[A30_P2_S1]),
            Some("意见按发言顺序登记，行政首长只发言一次，且最后发言。"),
            on(&[K::RecordCollectiveDiscussion]),
            Answer::Refused("讨论决策草案，会议组成人员应当充分发表意见，行政首长最后发表意见"),
            tests(&[in_rules("the_head_speaks_last_and_only_once")]),
        ),
        Rule::MeetingHeadDecides => row(
            Regulation(&[A30_P1_S2]),
            Some(
                "登记的会议结果须与行政首长的意见一致：通过须行政首长同意，不通过须行政首长不同意。",
            ),
            on(&[K::RecordCollectiveDiscussion]),
            Answer::Refused("会议结果应当与行政首长作出的决定一致"),
            tests(&[in_rules("the_recorded_outcome_is_the_heads_decision")]),
        ),
        Rule::MeetingHeadReason => row(
            Regulation(&[A30_P2_S2]),
            None,
            on(&[K::RecordCollectiveDiscussion]),
            Answer::Refused(
                "行政首长拟作出的决定与会议组成人员多数人的意见不一致，应当记录其在会上说明的理由",
            ),
            tests(&[in_rules(
                "a_head_deciding_against_the_majority_states_the_reason",
            )]),
        ),
        Rule::MeetingDissent => row(
            Regulation(&[A30_P3]),
            Some("不同意见须记录原话，永久保存于过程记录（并见第三十八条第三款）。"),
            on(&[K::RecordCollectiveDiscussion]),
            Answer::Refused("不同意见应当如实记录原话：{}"),
            tests(&[in_rules("every_dissent_is_recorded_verbatim")]),
        ),
        Rule::MeetingVersion => row(
            Regulation(&[A30_P3]),
            Some("会议记录须载明所讨论草案的稿次，且为当前稿。"),
            on(&[K::RecordCollectiveDiscussion]),
            Answer::Refused("会议讨论的草案版本（第{}稿）与当前草案（第{}稿）不一致"),
            tests(&[in_rules(
                "the_meeting_record_names_the_draft_version_discussed",
            )]),
        ),
        Rule::PublishPartyReport => row(
            Regulation(&[A31]),
            None,
            on(&[K::PublishDecision]),
            Answer::Refused("重大行政决策出台前应当按照规定向同级党委请示报告"),
            tests(&[in_rules(
                "a_decision_is_published_only_after_the_party_committee_report",
            )]),
        ),
        Rule::PublishCongressReport => row(
            Regulation(&[A8_P1]),
            Some(
                "是否属于应当在出台前向本级人大常委会报告的事项，在提出时标明（congressReportRequired）；标明的，公布前须登记该报告。引擎不判断这一范围。",
            ),
            on(&[K::PublishDecision]),
            Answer::Refused("本决策事项应当在出台前向本级人民代表大会常务委员会报告"),
            tests(&[in_rules(
                "a_matter_flagged_for_the_congress_is_reported_to_it_before_publication",
            )]),
        ),
        Rule::PublishChannels => row(
            Regulation(&[A32]),
            Some(
                "公布须载明途径；依法不予公开的，须载明不予公开的依据。说明意见采纳情况的要求，目前只对提出时标明为专业性、技术性较强的事项判断（社会公众普遍关心的事项未单独标明）；宣传解读的方式不由流程判断。",
            ),
            on(&[K::PublishDecision]),
            Answer::Refused("应当通过政府公报、政府网站、本行政区域发行的报纸等途径公布"),
            tests(&[
                in_rules("a_decision_is_published_through_named_channels"),
                in_rules("a_technical_decision_is_published_with_how_opinions_were_adopted"),
                in_rules("a_non_disclosable_decision_records_the_basis_for_not_publishing"),
            ]),
        ),
        Rule::FilingAuthority => row(
            Source::Provincial(
                "以规范性文件形式发布的决策，向程序配置列明的每一个备案机关（filing_authorities）分别备案，同一机关只备案一次。备案由省级规定设定，《重大行政决策程序暂行条例》（国务院令第713号）没有备案条款。",
            ),
            None,
            on(&[K::FileDecision]),
            Answer::Refused("备案机关应当是本地规定的备案机关之一：{}"),
            tests(&[in_statute(
                "a_filing_names_one_of_the_profiles_authorities_and_each_is_filed_once",
            )]),
        ),
        Rule::FilingDeadline => row(
            Source::Provincial(
                "以规范性文件形式发布的决策，自公布之日起在程序配置规定的日数内（filing_deadline_days）向每一个备案机关备案；期间按《民法典》第二百零一条、第二百零三条计算。备案期限由省级规定设定，《重大行政决策程序暂行条例》（国务院令第713号）没有备案条款。",
            ),
            None,
            on(&[K::FileDecision]),
            Answer::Flagged(
                "不拒绝：逾期的备案照常登记。该期限显示为逾期（OVERDUE）或者逾期办结（MET_LATE），巡检时在过程记录中写入一条 DEADLINE_PASSED 事件。",
            ),
            tests(&[in_calendar(
                "a_filing_31_days_after_publication_is_accepted_but_flagged_late",
            )]),
        ),
        Rule::ExecutionReport => row(
            Regulation(&[A34_S2]),
            Some(
                "自开始执行或者上次报告之日起，按程序配置的间隔（execution_report_interval_days）报告执行情况，直至报告执行完毕。",
            ),
            on(&[K::ReportExecution]),
            Answer::Flagged(
                "不拒绝：到期未报告的，该期限显示为逾期（OVERDUE），巡检时在过程记录中写入一条 DEADLINE_PASSED 事件。",
            ),
            tests(&[in_calendar(
                "an_execution_report_falls_due_at_the_profiles_interval_and_is_flagged_once_overdue",
            )]),
        ),
        Rule::SuspendHeadOnly => row(
            Regulation(&[A37]),
            Some(
                "只有行政首长（HEAD）可以中止执行，其他角色以 FORBIDDEN 拒绝；中止须说明紧急情况，并关联一项已报告的第三十五条情形（执行中的问题、重大变化或者不可抗力）。",
            ),
            on(&[K::SuspendExecution]),
            Answer::Refused("中止执行须说明紧急情况，并关联已报告的执行问题、重大变化或不可抗力"),
            tests(&[in_rules(
                "the_head_suspends_only_for_an_urgent_reason_linked_to_a_reported_incident",
            )]),
        ),
        Rule::ChangeProcedure => row(
            Regulation(&[A37]),
            Some(
                "决策通过后，不能再撤回或者另行修改草案；调整或者停止执行，须引用一项以本决策为调整对象、已经集体讨论通过的新决策。",
            ),
            on(&[
                K::TerminateDecision,
                K::AdjustDecision,
                K::ReviseDraft,
                K::WithdrawDecision,
            ]),
            Answer::Refused(
                "重大调整或者停止执行须依法履行决策程序：请引用已经集体讨论通过、且以本决策为调整对象的新决策",
            ),
            tests(&[
                in_rules("a_decision_is_changed_only_by_a_new_decision_adopted_to_amend_it"),
                in_statute(
                    "an_adopted_decision_is_not_withdrawn_or_redrafted_outside_the_procedure",
                ),
            ]),
        ),
        Rule::EvaluationTrigger => row(
            Regulation(&[A36_P1]),
            Some("启动时选择所依据的情形，并说明。"),
            on(&[K::StartPostEvaluation]),
            Answer::Refused("启动决策后评估应当说明所依据的情形"),
            tests(&[in_rules("a_post_evaluation_states_its_trigger")]),
        ),
        Rule::EvaluationIndependence => row(
            Regulation(&[A36_P2]),
            Some(
                "决策作出前承担风险评估、组织专家论证或者出具论证意见的专业机构，不能承担决策后评估。",
            ),
            on(&[K::StartPostEvaluation]),
            Answer::Refused("{}在决策作出前承担了主要论证评估工作，不能承担决策后评估"),
            tests(&[in_rules(
                "the_post_evaluator_is_not_the_unit_that_did_the_main_pre_decision_work",
            )]),
        ),
        Rule::CatalogueFixed => row(
            Regulation(&[A3_P3]),
            Some(
                "目录及其每一次调整由决策机关确定：公布前须登记决策机关的常务会议讨论（日期、会次）；讨论后不能再变更事项，所公布的即所讨论的。",
            ),
            on_catalogue(&[CatalogueAct::RecordConsent, CatalogueAct::Publish]),
            Answer::Refused("目录（调整）未经决策机关确定（常务会议讨论），不得公布"),
            tests(&[in_catalogue(
                "a_catalogue_is_published_only_after_the_organ_fixes_it_and_the_party_committee_consents",
            )]),
        ),
        Rule::CatalogueConsent => row(
            Regulation(&[A3_P3]),
            Some(
                "目录须经同级党委同意后方可公布（登记同意的日期和文号或会议）；目录调整是否也须报请同意，由程序配置决定（catalogue_adjustment_consent，默认须同意）。",
            ),
            on_catalogue(&[CatalogueAct::Publish]),
            Answer::Refused("目录未经同级党委同意，不得向社会公布"),
            tests(&[in_catalogue(
                "a_catalogue_is_published_only_after_the_organ_fixes_it_and_the_party_committee_consents",
            )]),
        ),
        Rule::CatalogueAdjustmentReason => row(
            Regulation(&[A3_P3]),
            Some(
                "目录公布后，承办单位申请新增、调整或者撤销事项，须写明理由；理由随调整公布，并在两个版本的比较中逐项列明。",
            ),
            on_catalogue(&[CatalogueAct::Submit]),
            Answer::Refused("目录公布后调整事项，应当说明调整的理由"),
            tests(&[in_catalogue(
                "an_adjustment_is_a_new_version_and_the_old_one_is_still_served",
            )]),
        ),
        Rule::CatalogueLink => row(
            Source::Provincial(
                "提出决策事项时，须写明其在年度决策事项目录中的事项；未列入目录的，须说明理由。国务院令第713号第三条第三款只规定决策机关可以确定目录，目录外事项说明理由是各省程序规定的要求。",
            ),
            None,
            vec![Act::Propose],
            Answer::Refused(
                "提出决策事项应当写明其所列的年度决策事项目录事项；未列入目录的，应当说明理由",
            ),
            tests(&[in_catalogue(
                "a_decision_names_its_catalogue_item_or_says_why_it_is_outside",
            )]),
        ),
        Rule::CataloguePlannedTime => row(
            Regulation(&[A38_P2]),
            Some(
                "目录事项以计划决策时间所在月的最后一日为期；到期未经集体讨论作出决定的，列为久拖不决（逾期），结转或者撤销的事项除外。",
            ),
            on_catalogue(&[CatalogueAct::Publish]),
            Answer::Flagged(
                "不拒绝：逾期事项在期限列表中显示为逾期（OVERDUE），按牵头承办单位计入逾期统计，巡检时在目录的过程记录中写入一条 DEADLINE_PASSED 事件。",
            ),
            tests(&[in_catalogue(
                "an_item_past_its_planned_month_without_a_decision_is_late",
            )]),
        ),
        Rule::SupervisionLateItem => row(
            Regulation(&[A34_S1, A39, A40]),
            Some(
                "督办（决策机关督促检查、责令改正）由政府办公室对督办之日已经逾期、尚未办理的期限作出，写明新的办理期限（晚于督办日期）和督办要求；督办对象是过程记录中对该期限负责的单位（执行情况报告为决策执行单位，其他为决策承办单位），不由督办人另行指定。督办送达该单位的提醒，并计入年度统计。",
            ),
            on(&[K::IssueSupervisionNotice]),
            Answer::Refused(
                "督办只能针对督办之日已经逾期、尚未办理的期限；本决策没有于{due}到期而未办理的“{deadline}”",
            ),
            tests(&[in_reminders(
                "a_supervision_notice_goes_to_the_unit_answering_for_a_late_deadline_and_only_then",
            )]),
        ),
        Rule::RecordDates => row(
            Source::Engine(
                "本系统为保证过程记录前后一致而设的规则：办理日期不得晚于今天（可以补录，不能预先登记），不得早于其所依据的办理事项的日期。条例没有关于办理日期的条款（第三十三条只要求建立过程记录和材料归档制度），所以不引用任何条款：借用一个并未这样规定的条款，正是法律工作者会指出的引用错误。",
            ),
            None,
            std::iter::once(Act::Propose)
                .chain(
                    CommandKind::ALL
                        .into_iter()
                        .filter(|k| dated(*k))
                        .map(Act::Command),
                )
                .collect(),
            Answer::Refused("办理日期{on}早于其所依据的{what}日期{floor}"),
            tests(&[
                in_rules("an_act_cannot_be_recorded_with_a_future_date"),
                in_rules("an_act_cannot_be_dated_before_the_act_it_depends_on"),
            ]),
        ),
        Rule::RecordCorrection => row(
            Source::Engine(
                "本系统的更正规则：提出时勾选错误的标记（涉及社会稳定、专业技术性、依法不予公开、应向人大常委会报告、规范性文件等）以单独的更正行为改正，须说明理由、记入过程记录，且只能在该标记决定应履行程序的环节之前更正（起草类标记在送请合法性审查前，探索性改革在审查结论前，人大报告和规范性文件在公布前）；更正后需要开展的程序重新开启。条例规定过程记录应当完整（第三十三条），但没有规定如何更正，所以不引用条款。",
            ),
            None,
            on(&[K::CorrectFlag]),
            Answer::Refused("决策草案已经向社会公开征求意见，不能再更正为依法不予公开"),
            tests(&[in_statute(
                "a_wrong_tick_is_corrected_as_an_act_that_reopens_the_track_it_gates",
            )]),
        ),
        Rule::ArchiveChecklist => row(
            Regulation(&[A33]),
            Some(
                "归档前核对该决策所经程序应有的全部记录和材料，归档后只读。材料按所经程序确定：决策草案及其说明、公众意见研究采纳情况、听证会记录、专家论证意见、风险评估报告、公平竞争审查材料、合法性审查意见书（第十七条、第二十九条）、集体讨论会议纪要（第三十条）、决策公布文本（第三十二条）、备案报告和决策后评估报告，各由形成该材料的单位上传，以SHA-256摘要记入过程记录。每一项被接受的办理事项都在同一事务中追加一条过程记录，记录之间以哈希链相连。",
            ),
            on(&[K::ArchiveDecision]),
            Answer::Refused("归档材料不完整，缺少：{}"),
            tests(&[
                in_rules("a_decision_in_execution_is_archived_only_when_its_record_is_complete"),
                in_materials(
                    "an_archive_is_refused_with_the_missing_documents_listed_then_accepted",
                ),
            ]),
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// The provisions not judged as a rule
// ---------------------------------------------------------------------------------------------

/// Every provision of the regulation that no rule enforces, in the regulation's order: with the
/// rules' quotes, these account for every paragraph, item and sentence of Order 713.
pub const UNJUDGED: &[Unjudged] = &[
    Unjudged {
        quotes: &[A1],
        handling: Handling::OutOfScope,
        does: "无",
        why: "立法目的和依据，不规定办理事项。",
    },
    Unjudged {
        quotes: &[A2],
        handling: Handling::OutOfScope,
        does: "无",
        why: "适用范围：由哪一个决策机关使用本系统，由部署决定；引擎不判断决策机关的层级。",
    },
    Unjudged {
        quotes: &[A3_P1],
        handling: Handling::Recorded,
        does: "提出时登记决策事项的类别（条例第三条的五类，或者河南省人民政府令第210号第三条的七类，由程序配置决定）。",
        why: "一个事项是否属于重大行政决策事项，由决策机关判断，引擎不能从事项的内容判断。",
    },
    Unjudged {
        quotes: &[A3_P2_S1],
        handling: Handling::NotYet,
        does: "不登记；这类事项在本系统办理的，按本条例的程序校验。",
        why: "法律、行政法规另行规定的决策程序各不相同，尚未建模。",
    },
    Unjudged {
        quotes: &[A4],
        handling: Handling::OutOfScope,
        does: "公布前向同级党委请示报告，作为必经程序执行（第三十一条，publish.party_report）。",
        why: "原则性规定，本身不是一项办理事项。",
    },
    Unjudged {
        quotes: &[A5],
        handling: Handling::OutOfScope,
        does: "无",
        why: "原则性规定；科学决策的具体程序（专家论证、风险评估）见第十九条至第二十四条。",
    },
    Unjudged {
        quotes: &[A6],
        handling: Handling::OutOfScope,
        does: "无",
        why: "原则性规定；民主决策的具体程序（公众参与）见第十四条至第十八条。",
    },
    Unjudged {
        quotes: &[A7],
        handling: Handling::OutOfScope,
        does: "无",
        why: "原则性规定；依法决策的具体程序（合法性审查）见第二十五条至第二十八条。",
    },
    Unjudged {
        quotes: &[A8_P2],
        handling: Handling::OutOfScope,
        does: "为监督、审计人员提供只读账号（AUDITOR），可以查阅全部过程记录。",
        why: "上级行政机关和审计机关依职权监督，不是决策程序中的办理事项。",
    },
    Unjudged {
        quotes: &[A9],
        handling: Handling::OutOfScope,
        does: "无",
        why: "考核评价是对决策机关及其领导人员的评价，不属于单项决策的程序。",
    },
    Unjudged {
        quotes: &[A10_I1, A10_I3],
        handling: Handling::Recorded,
        does: "提出时登记建议的来源（决策机关领导人员；人大代表、政协委员；公民、法人或者其他组织）；启动时可以登记决策机关决定启动的情况（organDecision）。",
        why: "交有关单位研究论证是机关内部的工作，条例未规定其形式和结果，引擎不据以拒绝。",
    },
    Unjudged {
        quotes: &[A12_P1],
        handling: Handling::Recorded,
        does: "决策草案及其说明逐稿登记；会议记录载明所讨论的稿次。",
        why: "调查研究、掌握信息、协商协调是否充分，不能由流程判断。",
    },
    Unjudged {
        quotes: &[A12_P2],
        handling: Handling::Recorded,
        does: "提出时登记决策依据；送请合法性审查时须提供法律、法规、规章等依据（第二十六条第一款第一句，review.materials）。",
        why: "梳理是否全面、是否与有关政策相衔接，由合法性审查部门审查（第二十七条），引擎不替代其判断。",
    },
    Unjudged {
        quotes: &[A12_P3, A12_P4],
        handling: Handling::Recorded,
        does: "登记成本效益分析和备选方案（recordDraftingAnalysis）。",
        why: "条例规定“根据需要”分析预测、“可以”提出两个以上方案，是否需要由承办单位判断，引擎登记而不要求。",
    },
    Unjudged {
        quotes: &[A14_P2],
        handling: Handling::Recorded,
        does: "登记向社会公开征求意见（公告、收到的公众意见及其处理）和听证会；通过座谈会、实地走访、信件、电子邮件、电话等途径听取的意见，在公开征求意见期间逐条登记途径和日期（recordOpinion），与公众意见一并处理。",
        why: "采取哪些方式由承办单位选择；问卷调查、民意调查的结果不单独登记。引擎判断的是公众参与是否完成或者依法无需开展（第十四条第一款，consultation.required）。",
    },
    Unjudged {
        quotes: &[A15_P2],
        handling: Handling::OutOfScope,
        does: "无",
        why: "是否通过专家访谈等方式解释说明，由承办单位酌定，不是必经程序。",
    },
    Unjudged {
        quotes: &[A16_P1],
        handling: Handling::Recorded,
        does: "召开听证会的，登记听证会（召开日期、地点、听证参加人、记录摘要）。",
        why: "是否召开听证会由承办单位决定；其他法律、法规、规章对听证会的规定不在系统中。",
    },
    Unjudged {
        quotes: &[A16_P3_S1],
        handling: Handling::Recorded,
        does: "需要遴选听证参加人的，遴选办法随听证会公告登记；听证参加人名单的提前公布由 hearing.notice 判断。",
        why: "是否需要遴选、遴选是否公平公开，由组织听证会的单位负责，引擎不能判断。",
    },
    Unjudged {
        quotes: &[A17_I1, A17_I2],
        handling: Handling::Recorded,
        does: "听证会记录摘要随听证会登记。",
        why: "会上的介绍、陈述、询问、质证和辩论由主持单位组织，流程能核对的是记录经全体听证参加人确认并签字（第十七条第三项，hearing.signed_record）。",
    },
    Unjudged {
        quotes: &[A20_S1],
        handling: Handling::Recorded,
        does: "登记论证方式（论证会、书面咨询、委托咨询论证）和组织者。",
        why: "论证方式由承办单位选择。",
    },
    Unjudged {
        quotes: &[A21],
        handling: Handling::OutOfScope,
        does: "无",
        why: "专家库由省级和市、县级人民政府建立和管理，不是单项决策的程序。",
    },
    Unjudged {
        quotes: &[A22_P2],
        handling: Handling::Recorded,
        does: "登记风险评估时可以引用按其他规定已作的评价、评估（priorAssessment），此时不再要求第二十三条第二款的报告要素。",
        why: "已作评估的来源和效力由承办单位负责，引擎不审查其内容。",
    },
    Unjudged {
        quotes: &[A23_P1],
        handling: Handling::OutOfScope,
        does: "无",
        why: "评估的方式和方法属于专业判断。",
    },
    Unjudged {
        quotes: &[A23_P3],
        handling: Handling::Recorded,
        does: "登记承担风险评估的单位（assessingUnit），可以是第三方。",
        why: "是否委托第三方由承办单位决定。",
    },
    Unjudged {
        quotes: &[A26_P1_S2],
        handling: Handling::Recorded,
        does: "合法性审查部门（REVIEW_OFFICE）受理送审（acceptReviewRequest，登记受理日期）；可以要求补充材料而不退回（requestSupplement，承办单位以 supplyMaterials 补充，审查仍在进行），也可以退回并说明理由（returnLegalityReview：决策回到起草阶段，重新送审时审查时间重新计算）。",
        why: "是否退回由审查部门决定。",
    },
    Unjudged {
        quotes: &[A28_S1],
        handling: Handling::Recorded,
        does: "审查意见只能由合法性审查部门（REVIEW_OFFICE）出具；登记出具日期、结论和三方面的意见。",
        why: "是否及时、对意见负责，由审查部门承担；条例未规定可以校验的期限。",
    },
    Unjudged {
        quotes: &[A29_I3, A29_I4],
        handling: Handling::Recorded,
        does: "登记专家论证时须登记论证意见的研究采纳情况；风险评估报告的要素在登记时核对（第二十三条第二款，risk.report_content）。",
        why: "这两项材料在相应程序完成时已经登记，提请讨论时无需另行判断。",
    },
    Unjudged {
        quotes: &[A29_I5],
        handling: Handling::Recorded,
        does: "合法性审查意见随审查登记；未经审查或者经审查不合法的草案不能提交讨论（第二十五条，review.gate）。",
        why: "由第二十五条的审查关口保证，无需另设规则。",
    },
    Unjudged {
        quotes: &[A29_I6],
        handling: Handling::OutOfScope,
        does: "无",
        why: "需要报送的其他材料由决策机关确定，条例未列明。",
    },
    Unjudged {
        quotes: &[A35_P1],
        handling: Handling::Recorded,
        does: "决策执行单位报告执行中的问题、重大变化或者不可抗力；中止执行须关联其中一项（第三十七条，suspend.head_only）。",
        why: "是否及时报告由决策机关监督（第四十条）；引擎无从知道未报告的情况。",
    },
    Unjudged {
        quotes: &[A35_P2],
        handling: Handling::Recorded,
        does: "决策公布后执行期间（执行中、中止执行、决策后评估），公众无需账号即可提出意见建议（submitPublicFeedback，署名和联系方式可选，按客户端限流），登记在案并送达决策机关和决策执行单位（Decision.publicFeedback）；联系方式不对外公开。",
        why: "如何研究处理意见建议由决策机关和决策执行单位决定，条例未规定可以校验的程序。",
    },
    Unjudged {
        quotes: &[A36_P3],
        handling: Handling::NotYet,
        does: "目前不登记决策后评估中听取公众意见、吸收有关方面参与评估的情况。",
        why: "尚未实现。",
    },
    Unjudged {
        quotes: &[A36_P4],
        handling: Handling::Recorded,
        does: "登记评估结论和建议（继续执行、调整或者停止执行）；调整或者停止执行须经新的决策程序（第三十七条，change.procedure）。",
        why: "评估结果作为调整依据的分量，由决策机关判断。",
    },
    Unjudged {
        quotes: &[A38_P1],
        handling: Handling::OutOfScope,
        does: "过程记录不可更改、永久保存，可供倒查。",
        why: "法律责任由上一级行政机关等依法追究，不是决策程序中的办理事项。",
    },
    Unjudged {
        quotes: &[A38_P3],
        handling: Handling::OutOfScope,
        does: "集体讨论中的不同意见记录原话（第三十条第三款，meeting.dissent），可据以减免责任。",
        why: "责任的减免由追责机关依法认定，不是决策程序中的办理事项。",
    },
    Unjudged {
        quotes: &[A41],
        handling: Handling::OutOfScope,
        does: "无",
        why: "法律责任，由有关机关依法处理。",
    },
    Unjudged {
        quotes: &[A42],
        handling: Handling::OutOfScope,
        does: "无",
        why: "参照执行的范围由部署决定：本系统可以为县级以上人民政府部门、乡级人民政府部署，引擎不判断决策机关的层级。",
    },
    Unjudged {
        quotes: &[A43_P1],
        handling: Handling::Recorded,
        does: "省级具体制度中的期限等数值由程序配置设定（--profile，如 henan）；每项决策提出时绑定并记录当时的程序配置，此后不随配置变化；低于本条例下限的配置在服务启动时即被拒绝。",
        why: "省级制度的内容由各省规定，引擎只执行其在程序配置中的数值。",
    },
    Unjudged {
        quotes: &[A43_P2],
        handling: Handling::OutOfScope,
        does: "无",
        why: "国务院有关部门的制度，不适用于地方决策机关的决策。",
    },
    Unjudged {
        quotes: &[A44],
        handling: Handling::OutOfScope,
        does: "程序配置以施行之日为可以补录的最早办理日期（earliest_record_date，默认2019-09-01），更早的日期作为输入错误拒绝。",
        why: "施行日期不是办理事项。",
    },
];

// ---------------------------------------------------------------------------------------------
// Citations
// ---------------------------------------------------------------------------------------------

/// A citation parsed: the article, and the paragraph, item or sentence within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cite {
    pub article: u32,
    /// `None`: the whole article, or (with a part) the only paragraph of a one-paragraph article.
    pub paragraph: Option<u32>,
    pub part: Option<Part>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// 第Z项
    Item(u32),
    /// 第Z句, counted by 。
    Sentence(u32),
}

impl Cite {
    /// Parses 第X条[第Y款][第Z项|第Z句]; `None` for anything else.
    pub fn parse(s: &str) -> Option<Cite> {
        let (article, mut rest) = numbered(s, '条')?;
        let mut paragraph = None;
        if let Some((n, after)) = numbered(rest, '款') {
            paragraph = Some(n);
            rest = after;
        }
        let mut part = None;
        if let Some((n, after)) = numbered(rest, '项') {
            part = Some(Part::Item(n));
            rest = after;
        } else if let Some((n, after)) = numbered(rest, '句') {
            part = Some(Part::Sentence(n));
            rest = after;
        }
        rest.is_empty().then_some(Cite {
            article,
            paragraph,
            part,
        })
    }

    /// Whether the two provisions share any words: one holds the other, or they are the same.
    pub fn overlaps(self, other: Cite) -> bool {
        let whole = |c: Cite| c.paragraph.is_none() && c.part.is_none();
        if self.article != other.article {
            return false;
        }
        if whole(self) || whole(other) {
            return true;
        }
        if self.paragraph.unwrap_or(1) != other.paragraph.unwrap_or(1) {
            return false;
        }
        match (self.part, other.part) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
}

/// `第<numeral><unit>` at the start of `s`: the number and what follows.
fn numbered(s: &str, unit: char) -> Option<(u32, &str)> {
    let s = s.strip_prefix('第')?;
    let end = s.find(unit)?;
    let n = numeral(&s[..end])?;
    Some((n, &s[end + unit.len_utf8()..]))
}

/// A Chinese numeral from 一 to 九十九, as the regulation numbers its provisions.
pub fn numeral(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32 + 1)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// The regulation's chapters: the first and last article of each, and its heading.
pub const CHAPTERS: [(u32, u32, &str); 6] = [
    (1, 9, "第一章　总则"),
    (10, 24, "第二章　决策草案的形成"),
    (25, 33, "第三章　合法性审查和集体讨论决定"),
    (34, 37, "第四章　决策执行和调整"),
    (38, 41, "第五章　法律责任"),
    (42, 44, "第六章　附则"),
];

// ---------------------------------------------------------------------------------------------
// The book
// ---------------------------------------------------------------------------------------------

/// Where a rule's row goes in the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    /// Index into [`CHAPTERS`], by the first article the rule quotes.
    Chapter(usize),
    Provincial,
    Engine,
}

fn section(rule: Rule) -> Section {
    match entry(rule).source {
        Source::Regulation(quotes) => quotes
            .first()
            .and_then(|q| Cite::parse(q.cite))
            .and_then(|c| {
                CHAPTERS
                    .iter()
                    .position(|(first, last, _)| (*first..=*last).contains(&c.article))
            })
            // A quote the book cannot place still gets printed, at the end of the regulation's
            // rules; `tests/api/rulebook.rs` fails on it.
            .map_or(Section::Chapter(CHAPTERS.len()), Section::Chapter),
        Source::Provincial(_) => Section::Provincial,
        Source::Engine(_) => Section::Engine,
    }
}

/// A table cell: Markdown's column separator escaped, line breaks kept as `<br>`.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

/// A refusal message as officials meet it: what the check fills in shown as 〔…〕, and the
/// rule's citation appended as `Refusal` does.
fn refusal(message: &str, rule: Rule) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in message.chars() {
        match (c, inside) {
            ('{', _) => {
                inside = true;
                out.push_str("〔…〕");
            }
            ('}', true) => inside = false,
            (_, true) => {}
            (c, false) => out.push(c),
        }
    }
    format!("{out}（{}）", rule.citation())
}

fn quotes_cell(quotes: &[Quote]) -> String {
    let texts: Vec<String> = quotes
        .iter()
        .map(|q| {
            if quotes.len() > 1 {
                format!("**{}**　{}", q.cite, q.text)
            } else {
                q.text.to_owned()
            }
        })
        .collect();
    texts.join("\n")
}

fn rule_row(out: &mut String, rule: Rule) {
    let e = entry(rule);
    let (provision, mut text) = match e.source {
        Source::Regulation(quotes) => {
            let cites: Vec<&str> = quotes.iter().map(|q| q.cite).collect();
            (cites.join("、"), quotes_cell(quotes))
        }
        Source::Provincial(implements) => (
            rule.article().unwrap_or("省级规定").to_owned(),
            format!("〔省级规定，非国务院令第713号条款〕{implements}"),
        ),
        Source::Engine(why) => ("—".to_owned(), format!("〔不引用条款〕{why}")),
    };
    if let Some(note) = e.note {
        text.push_str(&format!("\n〔说明〕{note}"));
    }
    let acts: Vec<&str> = e.acts.iter().map(|a| a.label()).collect();
    let answer = match e.answer {
        Answer::Refused(message) => refusal(message, rule),
        Answer::Flagged(what) => what.to_owned(),
    };
    let evidence = match &e.evidence {
        Evidence::Tests(proofs) => proofs
            .iter()
            .map(|p| format!("`{}::{}`", p.file, p.test))
            .collect::<Vec<_>>()
            .join("\n"),
        Evidence::Untested(why) => (*why).to_owned(),
    };
    let _ = writeln!(
        out,
        "| `{}` | {} | {} | {} | {} | {} |",
        rule.id(),
        cell(&provision),
        cell(&text),
        cell(&acts.join("、")),
        cell(&answer),
        cell(&evidence),
    );
}

/// The rule book as Markdown: `docs/RULES.md` is exactly this. Deterministic: it depends on
/// nothing but the code (not on the profile in use, the clock or the database).
pub fn rule_book() -> String {
    // `write!` to a String cannot fail; its `Result` is discarded with `let _`.
    let mut out = String::new();
    out.push_str(HEADER);

    let rules = |of: fn(Basis) -> bool| Rule::ALL.iter().filter(|r| of(r.basis())).count();
    let rows = |h: Handling| UNJUDGED.iter().filter(|u| u.handling == h).count();
    let _ = writeln!(
        out,
        "引擎执行 {} 条规则：{} 条依据条例，{} 条依据省级规定，{} 条是本系统自身的过程记录完整性规则。\
         另有 {} 处条款不作为规则判断：{} 处记录（RECORDED），{} 处尚未记录（NOT_YET），{} 处不属于流程（OUT_OF_SCOPE）。\n",
        Rule::ALL.len(),
        rules(|b| matches!(b, Basis::Regulation(_))),
        rules(|b| matches!(b, Basis::Provincial(_))),
        rules(|b| matches!(b, Basis::Engine)),
        UNJUDGED.len(),
        rows(Handling::Recorded),
        rows(Handling::NotYet),
        rows(Handling::OutOfScope),
    );

    out.push_str("## 一、引擎执行的规则 · Rules the engine enforces\n");
    let mut sections: Vec<Section> = Rule::ALL.iter().map(|r| section(*r)).collect();
    sections.sort();
    sections.dedup();
    for s in sections {
        let title = match s {
            Section::Chapter(i) => CHAPTERS
                .get(i)
                .map_or("条款无法归入章节", |(_, _, t)| *t)
                .to_owned(),
            Section::Provincial => "省级规定（国务院令第713号没有的条款）".to_owned(),
            Section::Engine => "本系统的过程记录完整性规则（不引用条款）".to_owned(),
        };
        let _ = writeln!(out, "\n### {title}\n");
        out.push_str(
            "| id | 条款 | 条文 | 适用的办理事项 | 拒绝时的说明 | 证明它的测试 |\n\
             |---|---|---|---|---|---|\n",
        );
        for rule in Rule::ALL.iter().filter(|r| section(**r) == s) {
            rule_row(&mut out, *rule);
        }
    }

    out.push_str(UNJUDGED_HEADER);
    for u in UNJUDGED {
        let cites: Vec<&str> = u.quotes.iter().map(|q| q.cite).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&cites.join("、")),
            cell(&quotes_cell(u.quotes)),
            u.handling.label(),
            cell(u.does),
            cell(u.why),
        );
    }
    out
}

const HEADER: &str = "\
<!-- 本文件由 `decision-engine rules` 生成，请勿手工修改：cargo run -- rules > docs/RULES.md -->

# 规则手册 · The rule book

引擎执行的每一条规则：所依据的条款及其原文、适用的办理事项、拒绝时的说明、证明它的测试；以及引擎不作为规则判断的条款：引擎为它做什么，为什么不判断。\
条文逐字引自《重大行政决策程序暂行条例》（国务院令第713号），全文见 [regulation-713.md](regulation-713.md)。\
测试核对每一处引文与所引的款、项、句逐字一致，条例的每一款都在本手册中有且只有一种交代（规则，或者第二部分的一行），\
每一条拒绝说明与检查所给的一致，每一个测试确实存在并核对该规则。条款中的“第X句”按句号计数。\
拒绝时的说明中，〔…〕处由引擎填入本次办理的具体情况（日期、天数、名单等）。

Every rule the engine enforces, with the provision it enforces quoted verbatim from Order 713, the acts it guards, \
the refusal an official reads and the test that proves it; then every provision the engine does not judge as a rule, \
with what the engine does for it and why. Generated from `src/procedure/rulebook.rs` by `decision-engine rules`; \
`tests/api/schema.rs` fails when this file and the code differ, and `tests/api/rulebook.rs` checks every quote \
against the statute's text.

";

const UNJUDGED_HEADER: &str = "
## 二、不作为规则判断的条款 · Provisions not judged as a rule

- RECORDED 记录：引擎登记该条款所涉的事实，但不据以拒绝办理。
- NOT_YET 尚未记录：属于办理流程，引擎目前既不登记，也不判断。
- OUT_OF_SCOPE 不属于流程：原则、其他机关的职责或者法律责任，不是一项可以由引擎校验的办理事项。

| 条款 | 条文 | 处理 | 引擎做什么 | 原因 |
|---|---|---|---|---|
";
