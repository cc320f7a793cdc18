//! The catalogue as a table, in the forms a government website publishes: CSV (UTF-8 with a
//! byte-order mark, so that Excel reads the Chinese) and JSON; and the CSV read back for bulk
//! entry. One row type serves both, so the two downloads always hold the same table.
//!
//! Pure: no I/O. The web pages (`web`) and the API (`graphql`) call it.

use serde::Serialize;

use crate::procedure::catalogue::{
    Catalogue, Item, ItemFields, ItemStatus, MatterKind, Outcome, PlannedProcedures, Report,
    Version, YearMonth,
};
use crate::procedure::{Length, Text, ValueError};

/// One listed item, as the columns print it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    /// 序号
    pub number: usize,
    /// The item's stable id (事项编号): what a decision links to.
    pub id: String,
    pub name: String,
    pub lead_unit: String,
    pub co_units: Vec<String>,
    pub kind: String,
    pub basis_and_content: String,
    /// 决策程序, as printed.
    pub procedures: String,
    pub hearing: bool,
    /// `2025-06`
    pub planned_time: String,
    pub remarks: String,
    pub carried_from_year: Option<i32>,
}

impl Row {
    pub fn of(number: usize, i: &Item) -> Self {
        let f = &i.fields;
        Self {
            number,
            id: i.id.clone(),
            name: f.name.to_string(),
            lead_unit: f.lead_unit.to_string(),
            co_units: f.co_units.iter().map(ToString::to_string).collect(),
            kind: f.kind.label().to_owned(),
            basis_and_content: f.basis_and_content.to_string(),
            procedures: f.procedures.label(),
            hearing: f.procedures.hearing,
            planned_time: f.planned.to_string(),
            remarks: f
                .remarks
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            carried_from_year: i.carried_from,
        }
    }
}

/// An item the version withdrew, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WithdrawnRow {
    pub id: String,
    pub name: String,
    pub lead_unit: String,
    pub withdrawn_on: String,
    pub reason: String,
}

/// A published version as the JSON download holds it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Published {
    pub organ: String,
    pub year: i32,
    pub title: String,
    pub version: u32,
    /// Every version published so far, so a reader can ask for another.
    pub versions: Vec<u32>,
    pub published_on: String,
    pub document_number: String,
    pub channels: Vec<String>,
    pub discussed_on: String,
    pub discussion: String,
    pub consented_on: Option<String>,
    pub consent: Option<String>,
    pub items: Vec<Row>,
    pub withdrawn: Vec<WithdrawnRow>,
}

impl Published {
    pub fn of(c: &Catalogue, v: &Version) -> Self {
        Self {
            organ: c.organ.clone(),
            year: c.year,
            title: c.title.to_string(),
            version: v.number,
            versions: c.versions.iter().map(|v| v.number).collect(),
            published_on: v.publication.published_on.to_string(),
            document_number: v.publication.document_number.to_string(),
            channels: v
                .publication
                .channels
                .iter()
                .map(ToString::to_string)
                .collect(),
            discussed_on: v.discussion.held_on.to_string(),
            discussion: v.discussion.session.to_string(),
            consented_on: v.consent.as_ref().map(|c| c.consented_on.to_string()),
            consent: v.consent.as_ref().map(|c| c.reference.to_string()),
            items: v.listed().map(|(n, i)| Row::of(n, i)).collect(),
            withdrawn: v
                .withdrawn()
                .filter_map(|i| match &i.status {
                    ItemStatus::Withdrawn {
                        withdrawn_on,
                        reason,
                    } => Some(WithdrawnRow {
                        id: i.id.clone(),
                        name: i.fields.name.to_string(),
                        lead_unit: i.fields.lead_unit.to_string(),
                        withdrawn_on: withdrawn_on.to_string(),
                        reason: reason.to_string(),
                    }),
                    ItemStatus::Active => None,
                })
                .collect(),
        }
    }
}

/// The columns of the CSV, in order: the printed catalogue's, with the co-units, the kind and
/// the item's id beside them so that the file reads back whole.
pub const COLUMNS: [&str; 11] = [
    "序号",
    "决策事项名称",
    "承办单位",
    "协办单位",
    "事项类别",
    "决策依据及主要内容",
    "决策程序",
    "是否听证",
    "计划决策时间",
    "备注",
    "事项编号",
];

const BOM: &str = "\u{feff}";

fn yes_no(b: bool) -> &'static str {
    if b { "是" } else { "否" }
}

/// The version as CSV, UTF-8 with a byte-order mark.
pub fn csv(v: &Version) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail for I/O; a record of strings always serializes.
    let mut rows = vec![COLUMNS.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>()];
    for (n, i) in v.listed() {
        let planned = i.fields.planned.label();
        let r = Row::of(n, i);
        rows.push(vec![
            r.number.to_string(),
            r.name,
            r.lead_unit,
            r.co_units.join("、"),
            r.kind,
            r.basis_and_content,
            r.procedures,
            yes_no(r.hearing).to_owned(),
            planned,
            r.remarks,
            r.id,
        ]);
    }
    for row in rows {
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

/// One bad row of an import, named by its line in the file (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub why: String,
}

/// Reads the engine's own CSV back: every row parsed, or every bad row named. The 序号 and
/// 事项编号 columns are ignored (imported items get new ids).
pub fn parse_csv(text: &str) -> Result<Vec<ItemFields>, Vec<RowError>> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match r.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_owned()).collect(),
        Err(e) => {
            return Err(vec![RowError {
                line: 1,
                why: format!("表头无法读取：{e}"),
            }]);
        }
    };
    let at = |name: &str| header.iter().position(|h| h == name);
    let required = &COLUMNS[1..10];
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| at(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(vec![RowError {
            line: 1,
            why: format!("表头缺少列：{}", missing.join("、")),
        }]);
    }
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for (k, record) in r.records().enumerate() {
        let line = k + 2;
        let record = match record {
            Ok(rec) => rec,
            Err(e) => {
                errors.push(RowError {
                    line,
                    why: format!("无法读取：{e}"),
                });
                continue;
            }
        };
        let cells = Cells {
            header: &header,
            record: &record,
        };
        match row_fields(&cells) {
            Ok(f) => items.push(f),
            Err(e) => errors.push(RowError {
                line,
                why: e.to_string(),
            }),
        }
    }
    if items.is_empty() && errors.is_empty() {
        errors.push(RowError {
            line: 2,
            why: "文件中没有事项".into(),
        });
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

/// One row's cells, found by their column's name.
struct Cells<'a> {
    header: &'a [String],
    record: &'a csv::StringRecord,
}

impl<'a> Cells<'a> {
    fn get(&self, name: &str) -> &'a str {
        self.header
            .iter()
            .position(|h| h == name)
            .and_then(|i| self.record.get(i))
            .unwrap_or("")
            .trim()
    }
}

fn row_fields(cells: &Cells) -> Result<ItemFields, ValueError> {
    let cell = |name: &str| cells.get(name);
    let text = |field, kind, name: &str| Text::parse_as(field, kind, cells.get(name));
    let hearing = match cell("是否听证") {
        "是" => true,
        "否" | "" => false,
        _ => {
            return Err(ValueError::Invalid {
                field: "是否听证",
                why: "应填“是”或“否”",
            });
        }
    };
    let mut procedures = PlannedProcedures::parse(cell("决策程序"))?;
    if procedures.hearing && !hearing {
        return Err(ValueError::Invalid {
            field: "是否听证",
            why: "决策程序列有听证，是否听证却填“否”",
        });
    }
    procedures.hearing = hearing;
    let co_units = cell("协办单位")
        .split(['、', '，', ','])
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(|u| Text::parse_as("协办单位", Length::Name, u))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ItemFields {
        name: text("决策事项名称", Length::Title, "决策事项名称")?,
        lead_unit: text("承办单位", Length::Name, "承办单位")?,
        co_units,
        kind: MatterKind::from_label(cell("事项类别")).ok_or(ValueError::Invalid {
            field: "事项类别",
            why: "应为条例第三条所列五类之一：重大公共政策和措施、重要规划、自然资源和文化资源开发利用、保护政策措施、重大公共建设项目、其他重大事项",
        })?,
        basis_and_content: text(
            "决策依据及主要内容",
            Length::Statement,
            "决策依据及主要内容",
        )?,
        procedures,
        planned: YearMonth::parse(cell("计划决策时间"))?,
        remarks: Text::parse_opt_as("备注", Length::Statement, Some(cell("备注")))?,
    })
}

/// A year-end report line, as the downloads hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportRow {
    pub number: usize,
    pub item_id: String,
    pub name: String,
    pub lead_unit: String,
    pub planned_time: String,
    /// 已决策 / 正在推进 / 结转下一年度 / 已撤销
    pub outcome: String,
    /// The decision's publication (date and document number), its stage, the year it was
    /// carried into, or why it was withdrawn.
    pub detail: String,
    pub decision_id: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishedReport {
    pub organ: String,
    pub year: i32,
    pub title: String,
    pub catalogue_version: u32,
    pub published_on: String,
    pub document_number: Option<String>,
    pub channels: Vec<String>,
    pub lines: Vec<ReportRow>,
}

impl PublishedReport {
    pub fn of(c: &Catalogue, r: &Report) -> Self {
        Self {
            organ: c.organ.clone(),
            year: c.year,
            title: format!("{}{}年度重大行政决策事项目录执行情况", c.organ, c.year),
            catalogue_version: r.version,
            published_on: r.publication.published_on.to_string(),
            document_number: r
                .publication
                .document_number
                .as_ref()
                .map(ToString::to_string),
            channels: r
                .publication
                .channels
                .iter()
                .map(ToString::to_string)
                .collect(),
            lines: r
                .lines
                .iter()
                .map(|l| ReportRow {
                    number: l.number,
                    item_id: l.item_id.clone(),
                    name: l.name.clone(),
                    lead_unit: l.lead_unit.clone(),
                    planned_time: l.planned.to_string(),
                    outcome: l.outcome.label().to_owned(),
                    detail: detail(&l.outcome),
                    decision_id: match &l.outcome {
                        Outcome::Decided { decision_id, .. } => Some(decision_id.clone()),
                        Outcome::InProgress { decision_id, .. } => decision_id.clone(),
                        _ => None,
                    },
                })
                .collect(),
        }
    }
}

fn detail(o: &Outcome) -> String {
    match o {
        Outcome::Decided {
            decided_on,
            published_on,
            document_number,
            ..
        } => match (published_on, document_number) {
            (Some(on), Some(n)) => format!("{decided_on}集体讨论决定，{on}以{n}公布"),
            (Some(on), None) => format!("{decided_on}集体讨论决定，{on}公布"),
            _ => format!("{decided_on}集体讨论决定，尚未公布"),
        },
        Outcome::InProgress { stage, .. } => match stage {
            Some(s) => format!("决策处于“{s}”阶段"),
            None => "尚未提出决策".to_owned(),
        },
        Outcome::CarriedOver { to_year, reason } => format!("结转{to_year}年度：{reason}"),
        Outcome::Withdrawn { reason } => format!("已撤销：{reason}"),
    }
}

/// The year-end report as CSV, UTF-8 with a byte-order mark.
pub fn report_csv(r: &PublishedReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "序号",
        "决策事项名称",
        "承办单位",
        "计划决策时间",
        "完成情况",
        "说明",
        "事项编号",
    ]);
    for l in &r.lines {
        let _ = w.write_record([
            l.number.to_string().as_str(),
            &l.name,
            &l.lead_unit,
            &l.planned_time,
            &l.outcome,
            &l.detail,
            &l.item_id,
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}
