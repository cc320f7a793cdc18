//! The rule book tells the truth: each quote is the regulation's words at the provision it
//! cites, every provision of the regulation is accounted for exactly one way, each refusal is
//! the message its check gives, and each test the book names exists and pins the rule.
//!
//! The statute is read from `docs/regulation-713.md`, the full text the book links to; its
//! structure (articles, paragraphs, items, sentences) is parsed here, independently of the
//! book, so a quote placed at the wrong paragraph fails as surely as a mistyped one.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use decision_engine::procedure::catalogue::CatalogueAct;
use decision_engine::procedure::rulebook::{
    Act, Answer, CHAPTERS, Cite, Evidence, Part, Quote, Source, UNJUDGED, entry, numeral,
};
use decision_engine::procedure::{Basis, CommandKind, Rule, rule_book};

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// One paragraph (款) as printed: the line that opens it, and the items (项) under it.
struct Paragraph {
    lead: String,
    items: Vec<String>,
}

impl Paragraph {
    fn text(&self) -> String {
        format!("{}{}", self.lead, self.items.concat())
    }

    /// Its sentences (句), each ending with its 。.
    fn sentences(&self) -> Vec<&str> {
        self.lead.split_inclusive('。').collect()
    }
}

struct Statute {
    articles: BTreeMap<u32, Vec<Paragraph>>,
    /// Each chapter heading with the first article under it.
    chapters: Vec<(String, u32)>,
}

/// Parses the regulation: `第X条 ` opens an article, a line `(一)…` is an item of the paragraph
/// above it, any other line under an article is a new paragraph; headings end an article.
fn statute() -> Statute {
    let text = read("docs/regulation-713.md");
    let mut articles: BTreeMap<u32, Vec<Paragraph>> = BTreeMap::new();
    let mut chapters = Vec::new();
    let mut pending_chapter: Option<String> = None;
    let mut current: Option<u32> = None;
    for line in text.lines().map(str::trim_end) {
        if let Some(heading) = line.strip_prefix("## ") {
            pending_chapter = heading.starts_with('第').then(|| heading.to_owned());
            current = None;
            continue;
        }
        if line.starts_with('#') {
            current = None;
            continue;
        }
        if line.is_empty() {
            continue;
        }
        let opening = line.split_once(' ').and_then(|(head, rest)| {
            let n = numeral(head.strip_prefix('第')?.strip_suffix('条')?)?;
            Some((n, rest))
        });
        if let Some((n, rest)) = opening {
            assert!(
                !articles.contains_key(&n),
                "article {n} appears twice in the statute"
            );
            if let Some(chapter) = pending_chapter.take() {
                chapters.push((chapter, n));
            }
            articles.insert(
                n,
                vec![Paragraph {
                    lead: rest.to_owned(),
                    items: Vec::new(),
                }],
            );
            current = Some(n);
            continue;
        }
        let Some(paragraphs) = current.and_then(|n| articles.get_mut(&n)) else {
            continue;
        };
        if line.starts_with('(') {
            if let Some(p) = paragraphs.last_mut() {
                p.items.push(line.to_owned());
            }
        } else {
            paragraphs.push(Paragraph {
                lead: line.to_owned(),
                items: Vec::new(),
            });
        }
    }
    assert_eq!(
        articles.keys().copied().collect::<Vec<_>>(),
        (1..=44).collect::<Vec<_>>(),
        "the statute's articles run 第一条 to 第四十四条"
    );
    Statute { articles, chapters }
}

impl Statute {
    fn paragraph(&self, c: Cite) -> Option<&Paragraph> {
        let index = c.paragraph.unwrap_or(1).checked_sub(1)? as usize;
        self.articles.get(&c.article)?.get(index)
    }

    /// The words at `c`, as the book must quote them.
    fn text(&self, c: Cite) -> Option<String> {
        if c.paragraph.is_none() && c.part.is_none() {
            let paragraphs = self.articles.get(&c.article)?;
            let texts: Vec<String> = paragraphs.iter().map(Paragraph::text).collect();
            return Some(texts.join("\n"));
        }
        let p = self.paragraph(c)?;
        match c.part {
            None => Some(p.text()),
            Some(Part::Item(n)) => p.items.get(n.checked_sub(1)? as usize).cloned(),
            Some(Part::Sentence(n)) => p
                .sentences()
                .get(n.checked_sub(1)? as usize)
                .map(|s| (*s).to_owned()),
        }
    }

    /// Every smallest unit a provision can be cited by: an item where the paragraph has items,
    /// a sentence where it has several, else the paragraph.
    fn units(&self) -> Vec<Cite> {
        let mut units = Vec::new();
        for (&article, paragraphs) in &self.articles {
            for (i, p) in paragraphs.iter().enumerate() {
                let paragraph = Some(i as u32 + 1);
                let parts: Vec<Option<Part>> = if !p.items.is_empty() {
                    (1..=p.items.len() as u32)
                        .map(|n| Some(Part::Item(n)))
                        .collect()
                } else if p.sentences().len() > 1 {
                    (1..=p.sentences().len() as u32)
                        .map(|n| Some(Part::Sentence(n)))
                        .collect()
                } else {
                    vec![None]
                };
                units.extend(parts.into_iter().map(|part| Cite {
                    article,
                    paragraph,
                    part,
                }));
            }
        }
        units
    }
}

/// A unit's citation, for messages: 第十三条第一款.
fn named(u: Cite) -> String {
    let cn = |n: u32| {
        let digit = |d: u32| {
            "一二三四五六七八九"
                .chars()
                .nth(d as usize - 1)
                .unwrap_or('?')
        };
        match (n / 10, n % 10) {
            (0, d) => digit(d).to_string(),
            (1, 0) => "十".to_owned(),
            (1, d) => format!("十{}", digit(d)),
            (t, 0) => format!("{}十", digit(t)),
            (t, d) => format!("{}十{}", digit(t), digit(d)),
        }
    };
    let mut s = format!("第{}条", cn(u.article));
    if let Some(p) = u.paragraph {
        s.push_str(&format!("第{}款", cn(p)));
    }
    match u.part {
        Some(Part::Item(n)) => s.push_str(&format!("第{}项", cn(n))),
        Some(Part::Sentence(n)) => s.push_str(&format!("第{}句", cn(n))),
        None => {}
    }
    s
}

/// Whether `c` covers the unit `u` (whose paragraph is always named).
fn covers(c: Cite, u: Cite) -> bool {
    c.article == u.article
        && (c.paragraph.is_none() && c.part.is_none()
            || c.paragraph.unwrap_or(1) == u.paragraph.unwrap_or(1)
                && (c.part.is_none() || c.part == u.part))
}

/// Every quote of the book, with where it stands.
fn all_quotes() -> Vec<(String, Quote)> {
    let mut quotes = Vec::new();
    for rule in Rule::ALL {
        if let Source::Regulation(qs) = entry(rule).source {
            quotes.extend(qs.iter().map(|q| (format!("rule {}", rule.id()), *q)));
        }
    }
    for (i, u) in UNJUDGED.iter().enumerate() {
        quotes.extend(u.quotes.iter().map(|q| (format!("UNJUDGED[{i}]"), *q)));
    }
    quotes
}

fn cite(where_: &str, q: &Quote) -> Cite {
    Cite::parse(q.cite).unwrap_or_else(|| panic!("{where_}: cannot read the citation {}", q.cite))
}

#[test]
fn every_quote_is_the_regulations_words_at_the_provision_it_cites() {
    let statute = statute();
    for (where_, q) in all_quotes() {
        let c = cite(&where_, &q);
        let paragraphs = statute.articles.get(&c.article).map_or(0, Vec::len);
        // Officials name the paragraph exactly when the article has several.
        match (c.paragraph, c.part) {
            (Some(_), _) => assert!(
                paragraphs > 1,
                "{where_}: {} names a paragraph of an article that has one: cite it without 第一款",
                q.cite
            ),
            (None, Some(_)) => assert!(
                paragraphs == 1,
                "{where_}: {} leaves out the paragraph of an article that has {paragraphs}",
                q.cite
            ),
            (None, None) => {}
        }
        if let (Some(Part::Sentence(_)), Some(p)) = (c.part, statute.paragraph(c)) {
            assert!(
                p.items.is_empty(),
                "{where_}: {} counts sentences in a paragraph with items: cite the item",
                q.cite
            );
        }
        let words = statute
            .text(c)
            .unwrap_or_else(|| panic!("{where_}: the regulation has no {}", q.cite));
        assert!(
            q.text == words,
            "{where_}: the quote of {} is not the regulation's words.\n quoted: {}\n statute: {}",
            q.cite,
            q.text,
            words
        );
    }
}

#[test]
fn every_provision_is_accounted_for_once_by_a_rule_or_a_row_of_the_unjudged_table() {
    let statute = statute();
    let quotes = all_quotes();
    let cites: Vec<(String, Cite, &str)> = quotes
        .iter()
        .map(|(w, q)| (w.clone(), cite(w, q), q.cite))
        .collect();
    for u in statute.units() {
        assert!(
            cites.iter().any(|(_, c, _)| covers(*c, u)),
            "{} is in neither a rule nor UNJUDGED: every provision needs one",
            named(u)
        );
    }
    // A provision a rule enforces is not also listed as not judged, and the unjudged table
    // lists each provision once: a rule added for an unjudged provision moves its row.
    for (i, (wa, a, ca)) in cites.iter().enumerate() {
        for (wb, b, cb) in &cites[i + 1..] {
            // Rules may share a provision (several rules read one sentence); nothing else may.
            let both_rules = wa.starts_with("rule") && wb.starts_with("rule");
            assert!(
                both_rules || !a.overlaps(*b),
                "{ca} ({wa}) and {cb} ({wb}) overlap: a provision is either enforced by rules or listed once as not judged"
            );
        }
    }
}

#[test]
fn each_rules_quotes_are_the_articles_its_refusals_cite() {
    for rule in Rule::ALL {
        let e = entry(rule);
        match (rule.basis(), e.source) {
            (Basis::Regulation(article), Source::Regulation(quotes)) => {
                assert!(!quotes.is_empty(), "{}: no quote", rule.id());
                let cited: BTreeSet<u32> = article
                    .split('、')
                    .map(|a| {
                        Cite::parse(a)
                            .unwrap_or_else(|| panic!("{}: cannot read {a}", rule.id()))
                            .article
                    })
                    .collect();
                let quoted: BTreeSet<u32> =
                    quotes.iter().map(|q| cite(rule.id(), q).article).collect();
                assert_eq!(
                    cited,
                    quoted,
                    "{}: refusals cite {article}, the book quotes other articles",
                    rule.id()
                );
            }
            (Basis::Provincial(_), Source::Provincial(_)) | (Basis::Engine, Source::Engine(_)) => {}
            (basis, source) => panic!(
                "{}: the basis {basis:?} and the book's source {source:?} disagree",
                rule.id()
            ),
        }
    }
}

#[test]
fn the_books_chapters_are_the_regulations() {
    let statute = statute();
    let expected: Vec<(String, u32)> = CHAPTERS
        .iter()
        .map(|(first, _, title)| ((*title).to_owned(), *first))
        .collect();
    assert_eq!(statute.chapters, expected);
    for pair in CHAPTERS.windows(2) {
        assert_eq!(pair[0].1 + 1, pair[1].0, "chapters {pair:?} leave a gap");
    }
    assert_eq!(CHAPTERS.last().map(|c| c.1), Some(44));
}

/// The lines of the procedure's checks, each with its file.
fn check_sources() -> Vec<(String, Vec<String>)> {
    // The decisions' checks, and the catalogue's (a record of its own beside them).
    let mut files: Vec<_> = ["src/procedure/decide", "src/procedure/catalogue"]
        .iter()
        .flat_map(|d| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(d);
            fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{d}: {e}"))
                .map(|e| e.expect("entry").path())
                .collect::<Vec<_>>()
        })
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).expect("readable");
            (
                p.display().to_string(),
                text.lines().map(str::to_owned).collect(),
            )
        })
        .collect()
}

#[test]
fn each_refusal_is_the_message_its_check_gives() {
    let sources = check_sources();
    let deadlines = read("src/procedure/deadline.rs");
    for rule in Rule::ALL {
        let variant = format!("Rule::{rule:?}");
        match entry(rule).answer {
            Answer::Refused(message) => {
                // The message's literal, and the rule the check names just above it.
                let literal = format!("\"{message}\"");
                let mut found = false;
                for (file, lines) in &sources {
                    for (i, line) in lines.iter().enumerate() {
                        if !line.contains(&literal) {
                            continue;
                        }
                        let named = lines[i.saturating_sub(8)..=i]
                            .iter()
                            .rev()
                            .find_map(|l| l.rfind("Rule::").map(|at| &l[at..]))
                            .map(|r| {
                                r.split(|c: char| !c.is_alphanumeric() && c != ':')
                                    .next()
                                    .unwrap_or(r)
                            });
                        assert_eq!(
                            named,
                            Some(variant.as_str()),
                            "{}: {file}:{} gives this message under another rule",
                            rule.id(),
                            i + 1
                        );
                        found = true;
                    }
                }
                assert!(
                    found,
                    "{}: no check in src/procedure/decide or src/procedure/catalogue gives the message {literal}",
                    rule.id()
                );
            }
            Answer::Flagged(_) => assert!(
                deadlines.contains(&variant),
                "{}: the book says a deadline flags it, but src/procedure/deadline.rs never names {variant}",
                rule.id()
            ),
        }
    }
}

#[test]
fn each_named_test_exists_and_pins_its_rule() {
    let mut untested = Vec::new();
    for rule in Rule::ALL {
        let proofs = match entry(rule).evidence {
            Evidence::Tests(proofs) => proofs,
            Evidence::Untested(why) => {
                assert!(!why.is_empty(), "{}: untested without a reason", rule.id());
                untested.push(rule.id());
                continue;
            }
        };
        assert!(!proofs.is_empty(), "{}: names no test", rule.id());
        for p in proofs {
            let text = read(p.file);
            let head = format!("fn {}(", p.test);
            let start = text.find(&head).unwrap_or_else(|| {
                panic!(
                    "{}: {} has no `{head}`: the test was renamed or removed, fix the rule book",
                    rule.id(),
                    p.file
                )
            });
            let before = text[..start].trim_end_matches("async ").trim_end();
            assert!(
                before.ends_with("#[tokio::test]") || before.ends_with("#[test]"),
                "{}: {}::{} is not a test",
                rule.id(),
                p.file,
                p.test
            );
            let rest = &text[start + head.len()..];
            let body = &rest[..rest.find("\n#[").unwrap_or(rest.len())];
            assert!(
                body.contains(&format!("\"{}\"", rule.id())),
                "{}: {}::{} never names the rule: it does not pin it",
                rule.id(),
                p.file,
                p.test
            );
        }
    }
    // The one rule no act can break (its checks stand behind two other rules): a new gap is
    // accepted here, by name, or closed with a test.
    assert_eq!(
        untested,
        ["meeting.package"],
        "rules the book says are untested"
    );
}

#[test]
fn the_book_lists_every_rule_once_and_only_real_acts() {
    let book = rule_book();
    let labels: BTreeSet<&str> = CommandKind::ALL
        .into_iter()
        .map(CommandKind::label)
        .chain([Act::Propose.label()])
        .chain(CatalogueAct::ALL.into_iter().map(CatalogueAct::label))
        .collect();
    assert_eq!(
        labels.len(),
        CommandKind::ALL.len() + 1 + CatalogueAct::ALL.len(),
        "act labels are not distinct: the book could not say which act it means"
    );
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for line in book.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split(" | ").collect();
        let id = cells[0].trim_start_matches("| ").trim_matches('`');
        *seen.entry(id.to_owned()).or_default() += 1;
        let acts = cells.get(3).unwrap_or_else(|| panic!("{id}: a short row"));
        for act in acts.split('、') {
            assert!(labels.contains(act), "{id}: `{act}` is not an act");
        }
    }
    let expected: BTreeMap<String, usize> =
        Rule::ALL.iter().map(|r| (r.id().to_owned(), 1)).collect();
    assert_eq!(seen, expected, "each rule is one row of the book");
}
