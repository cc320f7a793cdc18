//! One renderer for the form of every act (issue 13): the workbench reads the API's own schema
//! (its SDL, parsed once at start-up) and draws each mutation's input type as an HTML form, and
//! reads a submitted form back into that input's JSON. Thirty-odd acts, one renderer: a field
//! added to an input type appears on its form with no page to edit, and the form can ask for
//! nothing the API would not take. Words come from [`labels`]; its test holds every field of the
//! schema to a Chinese label.
//!
//! Field names are paths into the input: `input.receivedOn`, `input.attendance.present`, and
//! for a list of groups `input.speeches.0.speaker`. Without script a list of groups cannot grow
//! in the browser, so its "增加一行" button posts the form back to be drawn with one row more.

use std::collections::{BTreeMap, HashMap};

use async_graphql::parser::types::{BaseType, Type, TypeKind, TypeSystemDefinition};
use chrono::NaiveDate;
use maud::{Markup, html};
use serde_json::{Map, Value};

use super::labels;

/// A field every drawn form carries, so that a form posted back is told from a fresh one.
pub const POSTED: &str = "_seen";

/// The form field that asks for one more row of a list of groups: its value is the list's path.
pub const MORE: &str = "_more";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scalar {
    String,
    Id,
    Int,
    Float,
    Boolean,
    Date,
    Month,
    DateTime,
    Json,
    Upload,
}

impl Scalar {
    fn of(name: &str) -> Option<Self> {
        Some(match name {
            "String" => Self::String,
            "ID" => Self::Id,
            "Int" => Self::Int,
            "Float" => Self::Float,
            "Boolean" => Self::Boolean,
            "Date" => Self::Date,
            "Month" => Self::Month,
            "DateTime" => Self::DateTime,
            "JSON" => Self::Json,
            "Upload" => Self::Upload,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    Scalar(Scalar),
    Enum(String),
    Input(String),
    List(Box<Shape>),
}

#[derive(Debug, Clone)]
struct Field {
    name: String,
    shape: Shape,
    /// Non-null and without a default: the form must give it.
    required: bool,
    /// The default's value where it is a plain `true`: the checkbox starts ticked.
    default_true: bool,
}

/// A mutation the workbench can draw: its one `input` argument, and whether it takes a file.
#[derive(Debug, Clone)]
pub struct Act {
    pub mutation: String,
    pub input: String,
    pub upload: bool,
    /// The type it returns, by name: a `Decision` answers with the decision's id.
    pub returns: String,
}

/// Every mutation's form, read from the schema.
#[derive(Debug)]
pub struct Forms {
    acts: HashMap<String, Act>,
    inputs: HashMap<String, Vec<Field>>,
    enums: HashMap<String, Vec<String>>,
}

#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("the API's SDL does not parse: {0}")]
    Parse(#[from] async_graphql::parser::Error),
    #[error("type {0} is used by an input but not defined")]
    Unknown(String),
}

/// What a person typed, by field path; a field given several times (checkboxes) keeps all.
#[derive(Debug, Default, Clone)]
pub struct Values(BTreeMap<String, Vec<String>>);

impl Values {
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in pairs {
            map.entry(k).or_default().push(v);
        }
        Self(map)
    }

    /// A form drawn afresh rather than posted back (a posted form always carries [`POSTED`]):
    /// its fields take their starting values.
    pub fn fresh(&self) -> bool {
        !self.0.contains_key(POSTED)
    }

    fn get(&self, path: &str) -> Option<&str> {
        self.first(path)
    }

    /// The first value posted under `name`.
    pub fn first(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(|v| v.first()).map(String::as_str)
    }

    fn all(&self, path: &str) -> &[String] {
        self.0.get(path).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Gives `path` a starting value unless one was given.
    pub fn default(&mut self, path: &str, value: String) {
        self.0.entry(path.to_owned()).or_insert_with(|| vec![value]);
    }

    /// The rows a list of groups has on the form: as many as were posted (at least one), and one
    /// more where its "增加一行" was pressed.
    fn rows(&self, path: &str) -> usize {
        let prefix = format!("{path}.");
        let posted = self
            .0
            .keys()
            .filter_map(|k| {
                k.strip_prefix(&prefix)?
                    .split('.')
                    .next()?
                    .parse::<usize>()
                    .ok()
            })
            .map(|i| i + 1)
            .max()
            .unwrap_or(0);
        let more = usize::from(self.get(MORE) == Some(path));
        posted.max(1) + more
    }

    /// Whether anything was typed under `path` (a row left blank is not sent).
    fn any_under(&self, path: &str) -> bool {
        let prefix = format!("{path}.");
        self.0
            .iter()
            .any(|(k, v)| k.starts_with(&prefix) && v.iter().any(|s| !s.trim().is_empty()))
    }
}

/// What is wrong with which field, in Chinese, by path.
pub type FieldErrors = BTreeMap<String, String>;

/// The values a top-level field may take on this record, each with what it is called: the
/// counsel of the organ for an assignment, the opinions not yet answered, the submissions
/// pending. Such a field is drawn as a choice (a list of them, as boxes to tick), not as an id
/// to type.
pub type Choices = BTreeMap<&'static str, Vec<(String, String)>>;

impl Forms {
    pub fn from_sdl(sdl: &str) -> Result<Self, SchemaError> {
        let doc = async_graphql::parser::parse_schema(sdl)?;
        let types: Vec<_> = doc
            .definitions
            .into_iter()
            .filter_map(|d| match d {
                TypeSystemDefinition::Type(t) => Some(t.node),
                _ => None,
            })
            .collect();
        let mut enums = HashMap::new();
        let mut input_names = Vec::new();
        for t in &types {
            match &t.kind {
                TypeKind::Enum(e) => {
                    enums.insert(
                        t.name.node.to_string(),
                        e.values
                            .iter()
                            .map(|v| v.node.value.node.to_string())
                            .collect(),
                    );
                }
                TypeKind::InputObject(_) => input_names.push(t.name.node.to_string()),
                _ => {}
            }
        }
        let shape_of = |ty: &Type| -> Result<Shape, SchemaError> {
            fn walk(
                ty: &Type,
                enums: &HashMap<String, Vec<String>>,
                inputs: &[String],
            ) -> Result<Shape, SchemaError> {
                match &ty.base {
                    BaseType::List(inner) => Ok(Shape::List(Box::new(walk(inner, enums, inputs)?))),
                    BaseType::Named(n) => {
                        let n = n.as_str();
                        if let Some(s) = Scalar::of(n) {
                            Ok(Shape::Scalar(s))
                        } else if enums.contains_key(n) {
                            Ok(Shape::Enum(n.to_owned()))
                        } else if inputs.iter().any(|i| i == n) {
                            Ok(Shape::Input(n.to_owned()))
                        } else {
                            Err(SchemaError::Unknown(n.to_owned()))
                        }
                    }
                }
            }
            walk(ty, &enums, &input_names)
        };
        let mut inputs = HashMap::new();
        let mut acts = HashMap::new();
        for t in &types {
            match &t.kind {
                TypeKind::InputObject(o) => {
                    let mut fields = Vec::new();
                    for f in &o.fields {
                        let f = &f.node;
                        fields.push(Field {
                            name: f.name.node.to_string(),
                            shape: shape_of(&f.ty.node)?,
                            required: !f.ty.node.nullable && f.default_value.is_none(),
                            default_true: f
                                .default_value
                                .as_ref()
                                .is_some_and(|d| d.node == async_graphql::Value::Boolean(true)),
                        });
                    }
                    inputs.insert(t.name.node.to_string(), fields);
                }
                TypeKind::Object(o) if t.name.node.as_str() == "Mutation" => {
                    for m in &o.fields {
                        let m = &m.node;
                        let mut input = None;
                        let mut upload = false;
                        for a in &m.arguments {
                            match shape_of(&a.node.ty.node)? {
                                Shape::Input(i) if a.node.name.node.as_str() == "input" => {
                                    input = Some(i)
                                }
                                Shape::Scalar(Scalar::Upload) => upload = true,
                                _ => {}
                            }
                        }
                        // A mutation without one `input` object is not an act a form draws.
                        if let Some(input) = input
                            && m.arguments.len() == 1 + usize::from(upload)
                        {
                            let mutation = m.name.node.to_string();
                            let returns = match &m.ty.node.base {
                                BaseType::Named(n) => n.to_string(),
                                BaseType::List(_) => String::new(),
                            };
                            acts.insert(
                                mutation.clone(),
                                Act {
                                    mutation,
                                    input,
                                    upload,
                                    returns,
                                },
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(Self {
            acts,
            inputs,
            enums,
        })
    }

    pub fn act(&self, mutation: &str) -> Option<&Act> {
        self.acts.get(mutation)
    }

    /// Whether the act's input has a top-level field of this name.
    pub fn has_field(&self, act: &Act, name: &str) -> bool {
        self.inputs
            .get(&act.input)
            .is_some_and(|fs| fs.iter().any(|f| f.name == name))
    }

    /// The fields of `act` as HTML: `fixed` top-level fields (the decision, its version, the
    /// idempotency key) go hidden with their values; dates the act needs start at `today`.
    pub fn render(
        &self,
        act: &Act,
        values: &Values,
        errors: &FieldErrors,
        fixed: &BTreeMap<&str, String>,
        choices: &Choices,
        today: NaiveDate,
    ) -> Markup {
        let draw = Draw {
            forms: self,
            values,
            errors,
            fresh: values.fresh(),
            today,
        };
        let fields = self
            .inputs
            .get(&act.input)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        html! {
            @for f in fields {
                @if let Some(v) = fixed.get(f.name.as_str()) {
                    input type="hidden" name=(format!("input.{}", f.name)) value=(v);
                } @else if let Some(options) = choices.get(f.name.as_str()) {
                    (draw.choice(&act.input, f, &format!("input.{}", f.name), options))
                } @else {
                    (draw.field(&act.input, f, &format!("input.{}", f.name)))
                }
            }
            @if act.upload {
                div.field {
                    label for="f-file" { "文件" }
                    input type="file" id="f-file" name="file" required
                        aria-invalid=[errors.contains_key("file").then_some("true")];
                    p.hint { "PDF、OFD、Word、图片等，大小以服务器设置为限" }
                    @if let Some(e) = errors.get("file") { p.field-error { (e) } }
                }
            }
        }
    }

    /// The act's input as the API takes it, or what is wrong with which field.
    pub fn parse(
        &self,
        act: &Act,
        values: &Values,
        fixed: &BTreeMap<&str, String>,
    ) -> Result<Value, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut object = self.object(&act.input, "input", values, &mut errors);
        // The page, not the person, gives the fixed fields.
        errors.retain(|path, _| {
            !fixed
                .keys()
                .any(|k| path.strip_prefix("input.") == Some(*k))
        });
        for (k, v) in fixed {
            let value = match self.field_of(&act.input, k).map(|f| &f.shape) {
                Some(Shape::Scalar(Scalar::Int)) => v.parse::<i64>().map(Value::from).ok(),
                Some(_) => Some(Value::String(v.clone())),
                None => None,
            };
            if let Some(value) = value {
                object.insert((*k).to_owned(), value);
            }
        }
        if errors.is_empty() {
            Ok(Value::Object(object))
        } else {
            Err(errors)
        }
    }

    fn field_of(&self, input: &str, name: &str) -> Option<&Field> {
        self.inputs.get(input)?.iter().find(|f| f.name == name)
    }

    fn object(
        &self,
        input: &str,
        prefix: &str,
        values: &Values,
        errors: &mut FieldErrors,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        for f in self.inputs.get(input).map(Vec::as_slice).unwrap_or(&[]) {
            let path = format!("{prefix}.{}", f.name);
            let label = label_of(input, &f.name);
            if let Some(v) = self.value(&f.shape, f.required, &label, &path, values, errors) {
                out.insert(f.name.clone(), v);
            }
        }
        out
    }

    /// One field's value; `None` to leave it out (empty and optional: the API's default).
    fn value(
        &self,
        shape: &Shape,
        required: bool,
        label: &str,
        path: &str,
        values: &Values,
        errors: &mut FieldErrors,
    ) -> Option<Value> {
        let fail = |errors: &mut FieldErrors, msg: String| {
            errors.insert(path.to_owned(), msg);
            None
        };
        match shape {
            Shape::Scalar(Scalar::Boolean) => Some(Value::Bool(values.get(path) == Some("true"))),
            Shape::Scalar(Scalar::Upload) => None,
            Shape::Scalar(s) => {
                let raw = values.get(path).map(str::trim).unwrap_or("");
                if raw.is_empty() {
                    return if required {
                        fail(errors, format!("请填写「{label}」"))
                    } else {
                        None
                    };
                }
                match s {
                    Scalar::Int => match raw.parse::<i64>() {
                        Ok(n) => Some(Value::from(n)),
                        Err(_) => fail(errors, format!("「{label}」须为整数")),
                    },
                    Scalar::Float => match raw.parse::<f64>() {
                        Ok(n) => Some(Value::from(n)),
                        Err(_) => fail(errors, format!("「{label}」须为数字")),
                    },
                    Scalar::Date => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
                        Ok(_) => Some(Value::String(raw.to_owned())),
                        Err(_) => fail(errors, format!("「{label}」须为日期，如 2026-03-01")),
                    },
                    Scalar::Month => {
                        match NaiveDate::parse_from_str(&format!("{raw}-01"), "%Y-%m-%d") {
                            Ok(_) => Some(Value::String(raw.to_owned())),
                            Err(_) => fail(errors, format!("「{label}」须为年月，如 2026-06")),
                        }
                    }
                    // `datetime-local` gives no zone: the officials' clocks are Beijing time.
                    Scalar::DateTime => {
                        let with_seconds = if raw.len() == 16 {
                            format!("{raw}:00")
                        } else {
                            raw.to_owned()
                        };
                        match chrono::NaiveDateTime::parse_from_str(
                            &with_seconds,
                            "%Y-%m-%dT%H:%M:%S",
                        ) {
                            Ok(_) => Some(Value::String(format!("{with_seconds}+08:00"))),
                            Err(_) => fail(errors, format!("「{label}」须为日期和时间")),
                        }
                    }
                    Scalar::Json => match serde_json::from_str(raw) {
                        Ok(v) => Some(v),
                        Err(_) => fail(errors, format!("「{label}」须为 JSON")),
                    },
                    Scalar::String | Scalar::Id | Scalar::Boolean | Scalar::Upload => {
                        Some(Value::String(raw.to_owned()))
                    }
                }
            }
            Shape::Enum(e) => {
                let raw = values.get(path).unwrap_or("");
                if raw.is_empty() {
                    return if required {
                        fail(errors, format!("请选择「{label}」"))
                    } else {
                        None
                    };
                }
                if self
                    .enums
                    .get(e)
                    .is_some_and(|vs| vs.iter().any(|v| v == raw))
                {
                    Some(Value::String(raw.to_owned()))
                } else {
                    fail(errors, format!("「{label}」的选项无效"))
                }
            }
            Shape::Input(i) => {
                if !required && !values.any_under(path) {
                    return None;
                }
                Some(Value::Object(self.object(i, path, values, errors)))
            }
            Shape::List(inner) => match inner.as_ref() {
                Shape::Input(i) => {
                    let rows: Vec<Value> = (0..values.rows(path))
                        .map(|n| format!("{path}.{n}"))
                        .filter(|row| values.any_under(row))
                        .map(|row| Value::Object(self.object(i, &row, values, errors)))
                        .collect();
                    if rows.is_empty() && required {
                        return fail(errors, format!("请至少填写一项「{label}」"));
                    }
                    (required || !rows.is_empty()).then_some(Value::Array(rows))
                }
                Shape::Enum(_) => {
                    let picked: Vec<Value> = values
                        .all(path)
                        .iter()
                        .filter(|v| !v.is_empty())
                        .map(|v| Value::String(v.clone()))
                        .collect();
                    (required || !picked.is_empty()).then_some(Value::Array(picked))
                }
                // A list of words or ids: one per line, or the boxes ticked of a choice.
                _ => {
                    let ticked = values.all(path);
                    let typed = if ticked.len() > 1 {
                        ticked.join("\n")
                    } else {
                        values.get(path).unwrap_or("").to_owned()
                    };
                    let lines: Vec<Value> = typed
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(|l| Value::String(l.to_owned()))
                        .collect();
                    (required || !lines.is_empty()).then_some(Value::Array(lines))
                }
            },
        }
    }
}

fn label_of(input: &str, field: &str) -> String {
    labels::field(input, field)
        .map(|l| l.text.to_owned())
        .unwrap_or_else(|| field.to_owned())
}

/// A field's element id: its path with the dots made dashes, so it needs no escaping in CSS.
fn id_of(path: &str) -> String {
    format!("f-{}", path.replace('.', "-"))
}

/// Free text gets a box of several lines, unless it is a name, a number, a title or a place: the
/// schema's String fields that hold one line.
fn long_text(field: &str) -> bool {
    const ONE_LINE: [&str; 36] = [
        "affiliation",
        "assessingUnit",
        "author",
        "authority",
        "calendarVersion",
        "channel",
        "commenter",
        "contact",
        "counselName",
        "documentNumber",
        "evaluator",
        "executingUnit",
        "expert",
        "id",
        "idempotencyKey",
        "itemName",
        "key",
        "leadUnit",
        "mediaType",
        "name",
        "opinionNumber",
        "organ",
        "organizer",
        "place",
        "plannedTime",
        "proposedName",
        "proposedPlannedTime",
        "receiptNumber",
        "recipient",
        "reference",
        "represents",
        "reviewingUnit",
        "session",
        "speaker",
        "submittedBy",
        "title",
    ];
    !ONE_LINE.contains(&field) && field != "unit"
}

struct Draw<'a> {
    forms: &'a Forms,
    values: &'a Values,
    errors: &'a FieldErrors,
    fresh: bool,
    today: NaiveDate,
}

impl Draw<'_> {
    fn field(&self, input: &str, f: &Field, path: &str) -> Markup {
        let label = labels::field(input, &f.name);
        let text = label.map_or(f.name.as_str(), |l| l.text);
        let hint = label.and_then(|l| l.hint);
        let id = id_of(path);
        let error = self.errors.get(path);
        let described = match (hint.is_some(), error.is_some()) {
            (_, true) => Some(format!("{id}-error")),
            (true, false) => Some(format!("{id}-hint")),
            _ => None,
        };
        match &f.shape {
            // One group: its legend is the field's own label (an amended item is not just "an
            // item"); `group` names the rows of a list.
            Shape::Input(i) => html! {
                fieldset.group {
                    legend { (text) }
                    @if let Some(h) = hint { p.hint { (h) } }
                    @if let Some(fields) = self.forms.inputs.get(i) {
                        @for sub in fields {
                            (self.field(i, sub, &format!("{path}.{}", sub.name)))
                        }
                    }
                }
            },
            Shape::List(inner) if matches!(inner.as_ref(), Shape::Input(_)) => {
                let Shape::Input(i) = inner.as_ref() else {
                    return html! {};
                };
                let rows = self.values.rows(path);
                html! {
                    fieldset.group {
                        legend { (text) @if f.required { span.req { "（必填）" } } }
                        @if let Some(e) = error { p.field-error id=(format!("{id}-error")) { (e) } }
                        @for n in 0..rows {
                            fieldset.row {
                                legend { (labels::group(i).unwrap_or(text)) " " (n + 1) }
                                @if let Some(fields) = self.forms.inputs.get(i) {
                                    @for sub in fields {
                                        (self.field(i, sub, &format!("{path}.{n}.{}", sub.name)))
                                    }
                                }
                            }
                        }
                        button.secondary type="submit" name=(MORE) value=(path) formnovalidate {
                            "增加一行" span.visually-hidden { "：" (text) }
                        }
                    }
                }
            }
            Shape::List(inner) if matches!(inner.as_ref(), Shape::Enum(_)) => {
                let Shape::Enum(e) = inner.as_ref() else {
                    return html! {};
                };
                let picked = self.values.all(path);
                html! {
                    fieldset.group {
                        legend { (text) }
                        @for v in self.forms.enums.get(e).map(Vec::as_slice).unwrap_or(&[]) {
                            @let vid = format!("{id}-{v}");
                            div.check {
                                input type="checkbox" id=(vid) name=(path) value=(v)
                                    checked[picked.iter().any(|p| p == v)];
                                label for=(vid) { (labels::enum_value(e, v).unwrap_or(v)) }
                            }
                        }
                    }
                }
            }
            Shape::Scalar(Scalar::Boolean) => {
                let checked = if self.fresh {
                    f.default_true
                } else {
                    self.values.get(path) == Some("true")
                };
                html! {
                    div.field.check {
                        input type="checkbox" id=(id) name=(path) value="true" checked[checked]
                            aria-describedby=[described.as_deref()];
                        label for=(id) { (text) }
                        (self.notes(&id, hint, error))
                    }
                }
            }
            _ => html! {
                div.field {
                    label for=(id) {
                        (text) @if f.required { span.req { "（必填）" } }
                    }
                    (self.control(f, path, &id, described.as_deref()))
                    (self.notes(&id, hint, error))
                }
            },
        }
    }

    /// A field whose values the page knows: a select, or boxes to tick for a list.
    fn choice(&self, input: &str, f: &Field, path: &str, options: &[(String, String)]) -> Markup {
        let label = labels::field(input, &f.name);
        let text = label.map_or(f.name.as_str(), |l| l.text);
        let id = id_of(path);
        let error = self.errors.get(path);
        let invalid = error.is_some().then_some("true");
        let described = error.is_some().then(|| format!("{id}-error"));
        if matches!(f.shape, Shape::List(_)) {
            let picked = self.values.all(path);
            return html! {
                fieldset.group {
                    legend { (text) @if f.required { span.req { "（必填）" } } }
                    @if options.is_empty() { p { "（无可选项）" } }
                    @for (n, (value, name)) in options.iter().enumerate() {
                        @let vid = format!("{id}-{n}");
                        div.check {
                            input type="checkbox" id=(vid) name=(path) value=(value)
                                checked[picked.iter().any(|p| p == value)];
                            label for=(vid) { (name) }
                        }
                    }
                    (self.notes(&id, None, error))
                }
            };
        }
        let value = self.values.get(path).unwrap_or("");
        html! {
            div.field {
                label for=(id) { (text) @if f.required { span.req { "（必填）" } } }
                select id=(id) name=(path) required[f.required] aria-invalid=[invalid]
                    aria-describedby=[described.as_deref()] {
                    option value="" { (if f.required { "请选择" } else { "（不填）" }) }
                    @for (v, name) in options {
                        option value=(v) selected[value == v] { (name) }
                    }
                }
                (self.notes(&id, None, error))
            }
        }
    }

    fn notes(&self, id: &str, hint: Option<&str>, error: Option<&String>) -> Markup {
        html! {
            @if let Some(h) = hint { p.hint id=(format!("{id}-hint")) { (h) } }
            @if let Some(e) = error { p.field-error id=(format!("{id}-error")) { (e) } }
        }
    }

    fn control(&self, f: &Field, path: &str, id: &str, described: Option<&str>) -> Markup {
        let value = self.values.get(path).unwrap_or("");
        let invalid = self.errors.contains_key(path).then_some("true");
        let required = f.required;
        match &f.shape {
            Shape::Enum(e) => html! {
                select id=(id) name=(path) required[required] aria-invalid=[invalid]
                    aria-describedby=[described] {
                    option value="" { (if required { "请选择" } else { "（不填）" }) }
                    @for v in self.forms.enums.get(e).map(Vec::as_slice).unwrap_or(&[]) {
                        option value=(v) selected[value == v] {
                            (labels::enum_value(e, v).unwrap_or(v))
                        }
                    }
                }
            },
            Shape::List(_) => html! {
                textarea id=(id) name=(path) rows="3" aria-invalid=[invalid]
                    aria-describedby=[described] { (value) }
            },
            Shape::Scalar(s) => {
                let (kind, value) = match s {
                    Scalar::Date => {
                        // A date the act needs starts at today: most acts are recorded the day
                        // they happen. An optional date starts empty.
                        let start = if self.fresh && required {
                            self.today.to_string()
                        } else {
                            value.to_owned()
                        };
                        ("date", start)
                    }
                    Scalar::Month => ("month", value.to_owned()),
                    Scalar::DateTime => ("datetime-local", value.to_owned()),
                    Scalar::Int => ("number", value.to_owned()),
                    Scalar::Float => ("number", value.to_owned()),
                    Scalar::Json => ("json", value.to_owned()),
                    Scalar::String | Scalar::Id | Scalar::Boolean | Scalar::Upload => {
                        ("text", value.to_owned())
                    }
                };
                let textarea =
                    kind == "json" || (matches!(s, Scalar::String) && long_text(&f.name));
                html! {
                    @if textarea {
                        textarea id=(id) name=(path) rows="4" required[required]
                            aria-invalid=[invalid] aria-describedby=[described] { (value) }
                    } @else {
                        input type=(kind) id=(id) name=(path) value=(value) required[required]
                            step=[(matches!(s, Scalar::Float)).then_some("any")]
                            aria-invalid=[invalid] aria-describedby=[described];
                    }
                }
            }
            Shape::Input(_) => html! {},
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms() -> Forms {
        Forms::from_sdl(&crate::graphql::sdl()).expect("the API's SDL reads as forms")
    }

    fn values(pairs: &[(&str, &str)]) -> Values {
        Values::from_pairs(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        )
    }

    #[test]
    fn every_act_of_a_decision_has_a_form() {
        let f = forms();
        for kind in crate::procedure::CommandKind::ALL {
            let m = crate::graphql::mutation_name(kind);
            let act = f.act(m).unwrap_or_else(|| panic!("{m} has no form"));
            assert!(f.has_field(act, "decisionId"), "{m} names its decision");
        }
        assert!(f.act("proposeDecision").is_some());
        assert!(f.act("attachMaterial").expect("attachMaterial").upload);
    }

    #[test]
    fn a_posted_form_reads_back_as_the_input_the_api_takes() {
        let f = forms();
        let act = f.act("recordCollectiveDiscussion").expect("act");
        let fixed = BTreeMap::from([
            ("decisionId", "D-1".to_owned()),
            ("expectedVersion", "7".to_owned()),
        ]);
        let v = values(&[
            ("input.heldOn", "2026-03-02"),
            ("input.kind", "EXECUTIVE"),
            ("input.draftVersion", "2"),
            ("input.outcome", "ADOPTED"),
            ("input.attendance.members", "11"),
            ("input.attendance.present", "9"),
            ("input.speeches.0.speaker", "张三"),
            ("input.speeches.0.position", "AGREE"),
            ("input.speeches.1.speaker", ""),
            ("input.speeches.1.statement", ""),
        ]);
        let parsed = f.parse(act, &v, &fixed);
        let json = match parsed {
            Ok(j) => j,
            Err(e) => panic!("refused: {e:?}"),
        };
        assert_eq!(json["decisionId"], "D-1");
        assert_eq!(json["expectedVersion"], 7);
        assert_eq!(
            json["speeches"].as_array().map(Vec::len),
            Some(1),
            "a blank row is not sent"
        );
    }

    #[test]
    fn a_required_field_left_empty_is_named_in_chinese() {
        let f = forms();
        let act = f.act("recordOpinion").expect("act");
        let errors = f
            .parse(act, &values(&[("input.body", "")]), &BTreeMap::new())
            .expect_err("refused");
        assert_eq!(
            errors.get("input.body").map(String::as_str),
            Some(format!("请填写「{}」", label_of("RecordOpinionInput", "body")).as_str())
        );
        assert!(errors.contains_key("input.receivedOn"));
        assert!(errors.contains_key("input.channel"));
    }

    #[test]
    fn one_more_row_is_drawn_where_it_was_asked_for() {
        let v = values(&[("input.speeches.0.speaker", "甲"), (MORE, "input.speeches")]);
        assert_eq!(v.rows("input.speeches"), 2);
        assert_eq!(v.rows("input.participants"), 1);
    }
}
