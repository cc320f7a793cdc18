//! Materials (材料): the documents the procedure produces — the draft and its explanation, the
//! hearing record the participants signed, the experts' signed opinions, the risk report, the
//! review opinion, the meeting minutes, the published text, the filing report — attached to the
//! decision as acts of the record, each named by the SHA-256 of its bytes (Art. 33: the records
//! and materials the procedure forms are archived, completely).
//!
//! The bytes live outside the record (`store::blobs`); the record holds what identifies them, so
//! the chain of events covers every material's hash and a replaced file no longer matches.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{Decision, MeetingOutcome, Role, Stage, Track, TrackState};
use super::values::{Text, ValueError};

/// The kinds of document the procedure forms, each with the provision that requires it and the
/// roles that produce it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DocumentKind {
    /// 决策草案及其说明 (Art. 29(1)).
    DraftText,
    /// 社会公众提出的主要意见的研究采纳情况 (Art. 18, 29(2)).
    ConsultationAdoption,
    /// 听证会记录, confirmed and signed by the participants (Art. 17(3)).
    HearingRecord,
    /// 专家、专业机构的书面论证意见, signed and sealed (Art. 19, 29(3)).
    ExpertOpinion,
    /// 风险评估报告 (Art. 23, 29(4)).
    RiskReport,
    /// 公平竞争审查的有关情况 (Art. 29(1)).
    FairCompetitionReview,
    /// 法律顾问、公职律师的法律意见 (Art. 28).
    LegalOpinion,
    /// 合法性审查意见书 (Art. 28, 29(5)).
    ReviewOpinion,
    /// 集体讨论决定的会议记录或者会议纪要 (Art. 30).
    MeetingMinutes,
    /// 决策公布文本 (Art. 32).
    PublishedText,
    /// 备案报告及回执.
    FilingReport,
    /// 决策执行情况报告 (Art. 34).
    ExecutionReport,
    /// 决策后评估报告 (Art. 36).
    EvaluationReport,
    /// 需要归档的其他材料 (Art. 29(6), 33).
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 14] = [
        DocumentKind::DraftText,
        DocumentKind::ConsultationAdoption,
        DocumentKind::HearingRecord,
        DocumentKind::ExpertOpinion,
        DocumentKind::RiskReport,
        DocumentKind::FairCompetitionReview,
        DocumentKind::LegalOpinion,
        DocumentKind::ReviewOpinion,
        DocumentKind::MeetingMinutes,
        DocumentKind::PublishedText,
        DocumentKind::FilingReport,
        DocumentKind::ExecutionReport,
        DocumentKind::EvaluationReport,
        DocumentKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::DraftText => "决策草案及其说明",
            DocumentKind::ConsultationAdoption => "公众意见研究采纳情况",
            DocumentKind::HearingRecord => "听证会记录",
            DocumentKind::ExpertOpinion => "专家论证意见",
            DocumentKind::RiskReport => "风险评估报告",
            DocumentKind::FairCompetitionReview => "公平竞争审查材料",
            DocumentKind::LegalOpinion => "法律顾问、公职律师法律意见",
            DocumentKind::ReviewOpinion => "合法性审查意见书",
            DocumentKind::MeetingMinutes => "集体讨论会议纪要",
            DocumentKind::PublishedText => "决策公布文本",
            DocumentKind::FilingReport => "备案报告",
            DocumentKind::ExecutionReport => "决策执行情况报告",
            DocumentKind::EvaluationReport => "决策后评估报告",
            DocumentKind::Other => "其他材料",
        }
    }

    /// The provision that makes the document part of the record.
    pub fn article(self) -> &'static str {
        match self {
            DocumentKind::DraftText => "第二十九条第一项",
            DocumentKind::ConsultationAdoption => "第二十九条第二项",
            DocumentKind::HearingRecord => "第十七条第三项",
            DocumentKind::ExpertOpinion => "第二十九条第三项",
            DocumentKind::RiskReport => "第二十九条第四项",
            DocumentKind::FairCompetitionReview => "第二十九条第一项",
            DocumentKind::LegalOpinion => "第二十八条",
            DocumentKind::ReviewOpinion => "第二十九条第五项",
            DocumentKind::MeetingMinutes => "第三十条第三款",
            DocumentKind::PublishedText => "第三十二条",
            DocumentKind::FilingReport | DocumentKind::Other => "第三十三条",
            DocumentKind::ExecutionReport => "第三十四条",
            DocumentKind::EvaluationReport => "第三十六条",
        }
    }

    /// Who forms the document, and so who attaches it: the sponsor its drafting materials
    /// (Art. 12–24), counsel their opinions and the review office its opinion (Art. 28), the
    /// government office what the organ does (Art. 30–36). Anyone who acts on the decision may
    /// add other material.
    pub fn producers(self) -> &'static [Role] {
        match self {
            DocumentKind::DraftText
            | DocumentKind::ConsultationAdoption
            | DocumentKind::HearingRecord
            | DocumentKind::ExpertOpinion
            | DocumentKind::RiskReport
            | DocumentKind::FairCompetitionReview
            | DocumentKind::ExecutionReport => &[Role::Sponsor],
            DocumentKind::LegalOpinion => &[Role::Counsel],
            DocumentKind::ReviewOpinion => &[Role::ReviewOffice],
            DocumentKind::MeetingMinutes
            | DocumentKind::PublishedText
            | DocumentKind::FilingReport
            | DocumentKind::EvaluationReport => &[Role::Secretariat],
            DocumentKind::Other => &[
                Role::Sponsor,
                Role::Counsel,
                Role::ReviewOffice,
                Role::Secretariat,
            ],
        }
    }

    /// The act of attaching this document, as a refusal names it.
    pub fn act_label(self) -> &'static str {
        match self {
            DocumentKind::DraftText => "上传决策草案及其说明",
            DocumentKind::ConsultationAdoption => "上传公众意见研究采纳情况",
            DocumentKind::HearingRecord => "上传听证会记录",
            DocumentKind::ExpertOpinion => "上传专家论证意见",
            DocumentKind::RiskReport => "上传风险评估报告",
            DocumentKind::FairCompetitionReview => "上传公平竞争审查材料",
            DocumentKind::LegalOpinion => "上传法律意见",
            DocumentKind::ReviewOpinion => "上传合法性审查意见书",
            DocumentKind::MeetingMinutes => "上传集体讨论会议纪要",
            DocumentKind::PublishedText => "上传决策公布文本",
            DocumentKind::FilingReport => "上传备案报告",
            DocumentKind::ExecutionReport => "上传决策执行情况报告",
            DocumentKind::EvaluationReport => "上传决策后评估报告",
            DocumentKind::Other => "上传其他材料",
        }
    }
}

/// A SHA-256 digest, as 64 lowercase hexadecimal digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Digest(String);

impl Digest {
    pub fn parse(s: &str) -> Result<Self, ValueError> {
        let s = s.trim().to_ascii_lowercase();
        if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(Self(s))
        } else {
            Err(ValueError::Invalid {
                field: "材料的SHA-256摘要",
                why: "应为64位十六进制数字",
            })
        }
    }

    /// The digest of bytes already hashed (`sha2`'s output).
    pub fn of_bytes(bytes: &[u8; 32]) -> Self {
        Self(hex::encode(bytes))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Digest {
    type Error = ValueError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Digest> for String {
    fn from(d: Digest) -> Self {
        d.0
    }
}

/// A document attached to the record: what the attaching act's event holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    /// 1, 2, … in the order attached: the document's number in the file list (卷内目录).
    pub number: u32,
    pub kind: DocumentKind,
    /// The file's name as uploaded.
    pub name: Text,
    /// The media type the server accepted it as.
    pub media_type: String,
    pub size: u64,
    pub sha256: Digest,
    /// The date the document was formed or received, as the official states it.
    pub dated: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// The documents the path this decision took requires in its archive, each with why: what the
/// procedure formed must be there (Art. 33), read from the record of what was done (a hearing
/// held needs its record; a track marked not required needs no report).
pub fn required_documents(d: &Decision) -> Vec<DocumentKind> {
    let mut need = Vec::new();
    let done = |t: Track| *d.tracks.get(t) == TrackState::Done;
    let adopted_path = matches!(
        d.stage,
        Stage::InExecution | Stage::Terminated | Stage::Adjusted
    );
    let discussed = !d.meetings.is_empty();
    if adopted_path || discussed {
        if d.draft.is_some() {
            need.push(DocumentKind::DraftText);
        }
        if done(Track::PublicParticipation) {
            need.push(DocumentKind::ConsultationAdoption);
        }
        if !d.hearings.is_empty() {
            need.push(DocumentKind::HearingRecord);
        }
        if done(Track::ExpertArgumentation) {
            need.push(DocumentKind::ExpertOpinion);
        }
        if done(Track::RiskAssessment) {
            need.push(DocumentKind::RiskReport);
        }
        if done(Track::FairCompetitionReview) {
            need.push(DocumentKind::FairCompetitionReview);
        }
        if d.reviews.iter().any(|r| r.conclusion().is_some()) {
            need.push(DocumentKind::ReviewOpinion);
        }
        need.push(DocumentKind::MeetingMinutes);
    }
    if adopted_path
        && d.meetings
            .iter()
            .any(|m| m.outcome == MeetingOutcome::Adopted)
    {
        if d.publication.is_some() {
            need.push(DocumentKind::PublishedText);
        }
        if !d.filings.is_empty() {
            need.push(DocumentKind::FilingReport);
        }
        if d.evaluations.iter().any(|e| e.result.is_some()) {
            need.push(DocumentKind::EvaluationReport);
        }
    }
    need
}

/// The required documents not attached, in the order [`required_documents`] lists them.
pub fn missing_documents(d: &Decision) -> Vec<DocumentKind> {
    required_documents(d)
        .into_iter()
        .filter(|k| !d.materials.iter().any(|m| m.kind == *k))
        .collect()
}
