//! The difference between two published versions, item by item: what was added, what changed
//! (which fields, from what to what) and what was withdrawn, each with the reasons the units
//! gave for the adjustments in between.

use super::{Catalogue, Item, ItemFields, Version};
use crate::procedure::Refusal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemChangeKind {
    Added,
    Changed,
    Withdrawn,
}

/// One field of an item, before and after, as the catalogue prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    pub item_id: String,
    /// The item's name in the later version (or, withdrawn, its last name).
    pub name: String,
    pub kind: ItemChangeKind,
    /// For a changed item, the fields that differ; empty otherwise.
    pub fields: Vec<FieldChange>,
    /// The reasons given for the adjustments between the two versions, oldest first.
    pub reasons: Vec<String>,
}

/// What `to` changed from `from`: both must be published versions of `c`, `from` the earlier.
pub fn diff(c: &Catalogue, from: u32, to: u32) -> Result<Vec<ItemChange>, Refusal> {
    let missing = Refusal::NotFound {
        what: "该版本的目录",
    };
    let (a, b) = (
        c.published(from).ok_or(missing.clone())?,
        c.published(to).ok_or(missing)?,
    );
    let (a, b) = if a.number <= b.number { (a, b) } else { (b, a) };
    let between: Vec<&Version> = c
        .versions
        .iter()
        .filter(|v| v.number > a.number && v.number <= b.number)
        .collect();
    let reasons = |id: &str| -> Vec<String> {
        between
            .iter()
            .flat_map(|v| v.changes.iter())
            .filter(|ch| ch.item_id == id)
            .filter_map(|ch| ch.reason.as_ref().map(|r| r.as_str().to_owned()))
            .collect()
    };
    let find = |v: &'_ Version, id: &str| -> Option<Item> {
        v.items
            .iter()
            .find(|i| i.id == id && i.is_active())
            .cloned()
    };
    // Every version lists the items it withdrew, so walking the later one finds every change.
    let mut out = Vec::new();
    for item in &b.items {
        let before = find(a, &item.id);
        let change = match (before, item.is_active()) {
            (None, true) => Some((ItemChangeKind::Added, Vec::new())),
            (Some(_), false) => Some((ItemChangeKind::Withdrawn, Vec::new())),
            (Some(old), true) if old.fields != item.fields => {
                Some((ItemChangeKind::Changed, fields(&old.fields, &item.fields)))
            }
            _ => None,
        };
        if let Some((kind, fields)) = change {
            out.push(ItemChange {
                item_id: item.id.clone(),
                name: item.fields.name.as_str().to_owned(),
                kind,
                fields,
                reasons: reasons(&item.id),
            });
        }
    }
    Ok(out)
}

/// The fields that differ, in the catalogue's column order.
fn fields(a: &ItemFields, b: &ItemFields) -> Vec<FieldChange> {
    let columns = |f: &ItemFields| -> [(&'static str, String); 9] {
        [
            ("决策事项名称", f.name.as_str().to_owned()),
            ("承办单位", f.lead_unit.as_str().to_owned()),
            (
                "协办单位",
                f.co_units
                    .iter()
                    .map(|u| u.as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            ("事项类别", f.kind.label().to_owned()),
            (
                "决策依据及主要内容",
                f.basis_and_content.as_str().to_owned(),
            ),
            ("决策程序", f.procedures.label()),
            (
                "是否听证",
                if f.procedures.hearing { "是" } else { "否" }.to_owned(),
            ),
            ("计划决策时间", f.planned.label()),
            (
                "备注",
                f.remarks
                    .as_ref()
                    .map(|r| r.as_str().to_owned())
                    .unwrap_or_default(),
            ),
        ]
    };
    columns(a)
        .into_iter()
        .zip(columns(b))
        .filter(|((_, x), (_, y))| x != y)
        .map(|((field, from), (_, to))| FieldChange { field, from, to })
        .collect()
}
