//! A document's membership of a story: the match that put it there
//! ([`Match`], [`Reason`], [`Join`]), and the index's records of documents
//! ([`Member`]) and of stories as they grow ([`Growing`]), which both the
//! index and the finished [`Story`](crate::Story) read.

use serde::{Deserialize, Serialize};

use crate::input::StoryInput;
use crate::profile::Profile;
use crate::signals::{Signal, Vectors, FAR_DAYS};

/// A document joins the best story when its total reaches this.
pub const JOIN_SCORE: f64 = 0.20;
/// What a story's second-best member adds to the total, times its score: a
/// document like several reports of a story is more surely in it than one
/// like a single report.
pub const SUPPORT: f64 = 0.25;

/// A document compared with a story: its best-matching member, that
/// comparison's score and signals, the next-best member, and the total.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// The story's id.
    pub story: String,
    /// The member document that matched best.
    pub member: String,
    /// Its score: the sum of the signals' contributions.
    pub score: f64,
    /// The signals that found anything, in a fixed order.
    pub signals: Vec<Signal>,
    /// The story's next-best member and its score, if another was compared.
    pub support: Option<(String, f64)>,
    /// The score plus [`SUPPORT`] times the next-best member's score.
    pub total: f64,
}

/// Why a document is in its story.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// It started the story: no story's total reached [`JOIN_SCORE`] (the
    /// closest one, if any, is kept).
    Founded {
        /// The best story it did not join.
        closest: Option<Match>,
    },
    /// It joined the story through its best-matching member.
    Joined(Match),
    /// It started a story of its own and was alone in it when every
    /// document had been assigned; then this story, grown since, was close
    /// enough ([`Index::regroup`]).
    Regrouped(Match),
    /// It nearly repeats a document of the story.
    NearDuplicate {
        /// The document it repeats.
        of: String,
    },
}

/// One document's place in its story.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Join {
    /// The document's id.
    pub doc: String,
    /// Why it is there.
    pub reason: Reason,
}

/// Whether a match is good enough to join: its total reaches [`JOIN_SCORE`].
pub(crate) fn joins(m: &Match) -> bool {
    m.total >= JOIN_SCORE
}

/// A document in the index.
#[derive(Clone, Debug)]
pub(crate) struct Member {
    /// What the document said, its word lists moved into `profile`.
    pub input: StoryInput,
    pub profile: Profile,
    /// Its term lists weighed by the rarities when it was assigned
    /// ([`group`](crate::group) counts every document first, so all are
    /// weighed alike).
    pub vectors: Vectors,
    pub story: usize,
}

/// A story as it grows: its members (indices into the documents) and why each joined.
#[derive(Clone, Debug, Default)]
pub(crate) struct Growing {
    /// `s` and the id of the document that started it.
    pub id: String,
    pub members: Vec<usize>,
    pub joins: Vec<Join>,
    /// The first and last publication days of its dated members.
    pub days: Option<(i64, i64)>,
}

impl Growing {
    /// Takes in document `at`, published on `day`, for `reason`.
    pub(crate) fn take(&mut self, at: usize, day: Option<i64>, join: Join) {
        self.members.push(at);
        self.joins.push(join);
        if let Some(d) = day {
            let (first, last) = self.days.unwrap_or((d, d));
            self.days = Some((first.min(d), last.max(d)));
        }
    }

    /// Whether a document published on `day` may be of this story: it is
    /// undated, the story has no dated member, or the day is within
    /// [`FAR_DAYS`] of the story's publication days (an undated member does
    /// not carry a story across weeks).
    pub(crate) fn in_time(&self, day: Option<i64>) -> bool {
        match (day, self.days) {
            (Some(d), Some((first, last))) => d >= first - FAR_DAYS && d <= last + FAR_DAYS,
            _ => true,
        }
    }
}
