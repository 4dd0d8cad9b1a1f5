//! Verifying the trail: every chain recomputed with the audit key, every signed head
//! checked against what the chains hold now. Done here, independently of the database's
//! own trigger.

use std::collections::{BTreeMap, HashMap};

use super::heads::{self, Head};
use super::seal::Sealed;
use super::AuditKeys;
use crate::DbError;

/// A place where the trail does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    pub chain: String,
    pub seq: i64,
    /// The entry at fault, when there is one (a truncated chain has none).
    pub entry_id: Option<i64>,
    pub problem: &'static str,
}

/// What verifying found: how many entries, chains and signed heads were checked, how many
/// entries predate keyed hashing, and every break.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    pub entries: u64,
    pub chains: u64,
    pub unkeyed: u64,
    pub heads: u64,
    pub breaks: Vec<Break>,
}

/// The problem of entries from before keyed hashing that no signed head vouches for (the
/// first signing after the upgrade covers them; until then they prove nothing).
pub const UNCOVERED: &str = "entries from before keyed hashing that no signed head covers";

/// What a chain looked like when verified.
#[derive(Debug, Default)]
struct Seen {
    last_seq: i64,
    /// The last entry from before keyed hashing, if any.
    last_unkeyed: Option<i64>,
    /// The furthest place a valid signed head vouches for.
    signed_up_to: i64,
    /// The hash at each place a signed head names.
    hashes: HashMap<i64, Vec<u8>>,
}

/// Recomputes every chain in order under the seal key and reports each entry whose hash, link to
/// the previous entry or place does not hold; then checks every signed head, those kept in
/// the database and the `exported` ones kept elsewhere, against the head key and
/// against the chains: a head whose chain now ends before it, or holds another hash at its
/// place, means the chain was truncated or rewritten.
pub async fn verify(
    db: &sqlx::PgPool,
    keys: &AuditKeys,
    exported: &[Head],
) -> Result<Verification, DbError> {
    use futures_util::StreamExt;
    let (key, signer) = (&keys.seal, &keys.heads);

    let mut signed = heads::all(db).await?;
    signed.extend(exported.iter().cloned());
    let mut named: HashMap<&str, Vec<i64>> = HashMap::new();
    for head in &signed {
        named.entry(&head.chain).or_default().push(head.seq);
    }

    let mut rows = sqlx::query!(
        r#"SELECT id, chain, seq, merchant_id, journey_id, actor_kind, actor_id, action, object_kind, object_id,
                  detail::text AS "detail!", request_id,
                  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurred!",
                  prev_hash, hash, keyed
           FROM audit_log ORDER BY chain, seq"#
    )
    .fetch(db);
    let mut result = Verification::default();
    let mut chains: BTreeMap<String, Seen> = BTreeMap::new();
    let mut previous: Option<(String, i64, Vec<u8>, bool)> = None;
    while let Some(row) = rows.next().await {
        let row = row?;
        result.entries += 1;
        let (expected_seq, expected_prev, keyed_before) = match &previous {
            Some((chain, seq, hash, keyed)) if *chain == row.chain => {
                (seq + 1, Some(hash.clone()), *keyed)
            }
            _ => {
                result.chains += 1;
                (1, None, false)
            }
        };
        let digest = Sealed {
            chain: &row.chain,
            seq: row.seq,
            merchant_id: row.merchant_id,
            journey_id: row.journey_id,
            actor_kind: &row.actor_kind,
            actor_id: row.actor_id,
            action: &row.action,
            object_kind: &row.object_kind,
            object_id: row.object_id,
            detail: &row.detail,
            request_id: row.request_id.as_deref(),
            occurred: &row.occurred,
        }
        .hash(row.prev_hash.as_deref(), row.keyed.then_some(key));
        let mut broken = |problem| {
            result.breaks.push(Break {
                chain: row.chain.clone(),
                seq: row.seq,
                entry_id: Some(row.id),
                problem,
            })
        };
        if row.seq != expected_seq {
            broken("out of sequence (an entry is missing or was inserted)");
        }
        if row.prev_hash != expected_prev {
            broken("does not link to the previous entry");
        }
        if !row.keyed && keyed_before {
            broken("an unkeyed entry after keyed ones");
        }
        if digest != row.hash {
            broken("its content does not match its hash");
        }
        let seen = chains.entry(row.chain.clone()).or_default();
        seen.last_seq = row.seq;
        if !row.keyed {
            result.unkeyed += 1;
            seen.last_unkeyed = Some(row.seq);
        }
        if named
            .get(row.chain.as_str())
            .is_some_and(|seqs| seqs.contains(&row.seq))
        {
            seen.hashes.insert(row.seq, row.hash.clone());
        }
        previous = Some((row.chain, row.seq, row.hash, row.keyed || keyed_before));
    }

    let public = signer.verifying_key();
    for head in &signed {
        result.heads += 1;
        let mut broken = |problem| {
            result.breaks.push(Break {
                chain: head.chain.clone(),
                seq: head.seq,
                entry_id: None,
                problem,
            })
        };
        if !head.signed_by(&public) {
            broken("a signed head's signature does not hold");
            continue;
        }
        match chains.get_mut(&head.chain) {
            Some(seen) if seen.last_seq >= head.seq => {
                if seen.hashes.get(&head.seq) != head.hash_bytes().as_ref() {
                    broken("the entry a signed head names was rewritten");
                } else {
                    seen.signed_up_to = seen.signed_up_to.max(head.seq);
                }
            }
            _ => broken("truncated: the chain ends before a signed head"),
        }
    }
    // Entries without a keyed hash are evidence only where a signed head vouches for them:
    // anyone with the database could have written them.
    for (chain, seen) in &chains {
        if let Some(last) = seen.last_unkeyed {
            if last > seen.signed_up_to {
                result.breaks.push(Break {
                    chain: chain.clone(),
                    seq: last,
                    entry_id: None,
                    problem: UNCOVERED,
                });
            }
        }
    }
    Ok(result)
}
