//! Small ledgers for the views' tests, built from their JSON form so a
//! field added to the ledger (with its default) does not touch every test.

use isnad_ledger::{Cluster, Document, Fact, Ledger, Status};
use serde_json::json;

/// A document with an outlet and a publication date.
pub fn document(id: &str, outlet: Option<&str>, published: Option<&str>) -> Document {
    serde_json::from_value(json!({
        "id": id, "source": format!("{id}.txt"), "title": null, "outlet": outlet,
        "author": null, "published": published, "text": "", "removed": [],
        "near_duplicate_of": null
    }))
    .expect("a ledger document")
}

/// A `killed` fact of `doc` with an exact count and a stated date.
pub fn fact(id: &str, doc: &str, count: Option<u64>, time: Option<&str>) -> Fact {
    serde_json::from_value(json!({
        "id": id, "kind": "killed", "doc": doc, "start": 0, "end": 0,
        "evidence": format!("evidence of {id}"),
        "count": count.map(|n| json!({"min": n, "max": n, "text": n.to_string()})),
        "subject": null, "actor": null, "place": null,
        "time": time.map(|t| json!({"start": t, "end": t, "text": t})),
        "sources": [], "negated": false, "hedged": false
    }))
    .expect("a ledger fact")
}

/// A `killed` cluster of `facts`.
pub fn cluster(id: &str, status: Status, facts: &[&str]) -> Cluster {
    serde_json::from_value(json!({
        "id": id, "kind": "killed", "facts": facts, "status": status.as_str(), "summary": ""
    }))
    .expect("a ledger cluster")
}

/// A ledger of these documents, facts and clusters (no entities).
pub fn ledger(documents: Vec<Document>, facts: Vec<Fact>, clusters: Vec<Cluster>) -> Ledger {
    Ledger {
        documents,
        facts,
        clusters,
        ..Ledger::default()
    }
}
