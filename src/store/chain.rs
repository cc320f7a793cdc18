//! The hash chains that make the record evidence (Art. 33, 39): each decision's events, each
//! catalogue's events and each decision's messages from the public are chained, every link's
//! hash covering the one before it and everything its row stores. A row edited, deleted or
//! inserted outside the engine no longer matches; rewriting a whole chain consistently needs the
//! checkpoints to show.

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

/// The scheme new events are hashed under: every stored column. Scheme 1 (before 2026-12-08)
/// covered the acting account's id but not its name, unit or role.
pub(super) const SCHEME: i32 = 2;

/// What one event's hash covers: the previous hash and everything the event's row stores.
#[derive(Clone, Copy)]
pub(super) struct Link<'a> {
    pub scheme: i32,
    pub prev_hash: &'a str,
    /// The decision's or the catalogue's id: each has its own chain.
    pub stream_id: &'a str,
    pub seq: i64,
    pub kind: &'a str,
    pub actor_id: &'a str,
    pub actor_name: &'a str,
    pub actor_unit: &'a str,
    pub actor_role: &'a str,
    /// The principal an act was recorded for, as stored.
    pub on_behalf: Option<&'a str>,
    pub occurred_on: Option<NaiveDate>,
    pub recorded_at: DateTime<Utc>,
    pub payload: &'a str,
}

pub(super) fn hash(l: &Link) -> String {
    let mut h = Sha256::new();
    let mut part = |p: &str| {
        h.update(p.as_bytes());
        h.update([0u8]);
    };
    let seq = l.seq.to_string();
    let occurred = l.occurred_on.map(|d| d.to_string()).unwrap_or_default();
    let recorded = l.recorded_at.to_rfc3339();
    if l.scheme >= 2 {
        // The scheme first, so that no scheme-1 link can be read as a scheme-2 one.
        for p in [
            "scheme 2",
            l.prev_hash,
            l.stream_id,
            &seq,
            l.kind,
            l.actor_id,
            l.actor_name,
            l.actor_unit,
            l.actor_role,
            l.on_behalf.unwrap_or_default(),
            &occurred,
            &recorded,
            l.payload,
        ] {
            part(p);
        }
    } else {
        for p in [
            l.prev_hash,
            l.stream_id,
            &seq,
            l.kind,
            l.actor_id,
            &occurred,
            &recorded,
            l.payload,
        ] {
            part(p);
        }
        // Covered only when there is one, as scheme 1 did.
        if let Some(principal) = l.on_behalf {
            part(principal);
        }
    }
    hex::encode(h.finalize())
}

/// Walks a chain's stored events in order (each with the hash stored beside it), recomputing
/// every hash from the one before: the sequence number of the first event that no longer matches
/// (edited, deleted or inserted, or hashed under an older scheme after a newer one), or `None`
/// if the chain is whole up to its head.
pub(super) fn first_broken<'a>(
    events: impl IntoIterator<Item = (Link<'a>, &'a str)>,
    head_count: i64,
    head_hash: &str,
) -> Option<i64> {
    let mut prev = String::new();
    let mut count = 0;
    let mut scheme = 1;
    for (i, (link, stored)) in events.into_iter().enumerate() {
        let expected = hash(&Link {
            prev_hash: &prev,
            ..link
        });
        if link.seq != i as i64 + 1 || stored != expected || link.scheme < scheme {
            return Some(i as i64 + 1);
        }
        scheme = link.scheme;
        prev = expected;
        count = i as i64 + 1;
    }
    // A deleted last event leaves the head pointing past the chain's end.
    (head_count != count || head_hash != prev).then_some(count + 1)
}

/// What a message from the public's hash covers: the one before it in its decision's chain and
/// every column of its row.
pub(super) struct MessageLink<'a> {
    pub prev_hash: &'a str,
    pub decision_id: &'a str,
    pub seq: i64,
    pub id: &'a str,
    pub kind: &'a str,
    pub body: &'a str,
    pub commenter: Option<&'a str>,
    pub contact: Option<&'a str>,
    pub submitted_at: DateTime<Utc>,
}

pub(super) fn message_hash(m: &MessageLink) -> String {
    let mut h = Sha256::new();
    for p in [
        "message 1",
        m.prev_hash,
        m.decision_id,
        &m.seq.to_string(),
        m.id,
        m.kind,
        m.body,
        m.commenter.unwrap_or_default(),
        m.contact.unwrap_or_default(),
        &m.submitted_at.to_rfc3339(),
    ] {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(scheme: i32) -> Link<'static> {
        Link {
            scheme,
            prev_hash: "",
            stream_id: "d",
            seq: 1,
            kind: "PROPOSED",
            actor_id: "a",
            actor_name: "张三",
            actor_unit: "区住房和城乡建设局",
            actor_role: "SPONSOR",
            on_behalf: None,
            occurred_on: NaiveDate::from_ymd_opt(2026, 12, 1),
            recorded_at: DateTime::UNIX_EPOCH,
            payload: "{}",
        }
    }

    #[test]
    fn scheme_2_covers_the_actors_name_unit_and_role_and_scheme_1_did_not() {
        for (scheme, covered) in [(1, false), (2, true)] {
            let base = hash(&link(scheme));
            for edited in [
                Link {
                    actor_name: "李四",
                    ..link(scheme)
                },
                Link {
                    actor_unit: "区发展和改革委员会",
                    ..link(scheme)
                },
                Link {
                    actor_role: "SECRETARIAT",
                    ..link(scheme)
                },
            ] {
                assert_eq!(hash(&edited) != base, covered, "scheme {scheme}");
            }
        }
        assert_ne!(hash(&link(1)), hash(&link(2)));
    }

    #[test]
    fn a_scheme_1_link_after_a_scheme_2_link_breaks_the_chain() {
        let first = link(2);
        let h1 = hash(&first);
        let second = Link {
            seq: 2,
            prev_hash: &h1,
            ..link(1)
        };
        let h2 = hash(&second);
        assert_eq!(
            first_broken([(first, h1.as_str()), (second, h2.as_str())], 2, &h2),
            Some(2)
        );
    }
}
