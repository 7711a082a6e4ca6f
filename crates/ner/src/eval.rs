//! Entity-level evaluation: an entity counts as found only when its tokens
//! and its type both match (CoNLL's rule).

use std::collections::HashSet;
use std::fmt;

use crate::tags::{spans, EntityType, Tag, TokenSpan};

/// True positives, false positives and false negatives of one type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Entities found with the right span and type.
    pub tp: usize,
    /// Entities predicted that are not in the gold data.
    pub fp: usize,
    /// Gold entities not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Precision, 0–100.
    pub fn precision(&self) -> f64 {
        pct(self.tp, self.tp + self.fp)
    }
    /// Recall, 0–100.
    pub fn recall(&self) -> f64 {
        pct(self.tp, self.tp + self.fn_)
    }
    /// F1, 0–100.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Scores per type and overall.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    /// Per type, in [`EntityType::ALL`] order.
    pub per_type: [Counts; 4],
}

impl Scores {
    /// All types together (micro-averaged).
    pub fn overall(&self) -> Counts {
        self.per_type.iter().fold(Counts::default(), |a, c| Counts {
            tp: a.tp + c.tp,
            fp: a.fp + c.fp,
            fn_: a.fn_ + c.fn_,
        })
    }
}

/// Scores predicted tag sequences against gold ones (sentence by sentence).
pub fn evaluate(gold: &[Vec<Tag>], predicted: &[Vec<Tag>]) -> Scores {
    let mut s = Scores::default();
    for (g, p) in gold.iter().zip(predicted) {
        let gs: HashSet<TokenSpan> = spans(g).into_iter().collect();
        let ps: HashSet<TokenSpan> = spans(p).into_iter().collect();
        for x in &ps {
            let c = &mut s.per_type[x.kind as usize];
            if gs.contains(x) {
                c.tp += 1;
            } else {
                c.fp += 1;
            }
        }
        for x in gs.difference(&ps) {
            s.per_type[x.kind as usize].fn_ += 1;
        }
    }
    s
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}",
            "type", "precision", "recall", "F1", "tp", "fp", "fn"
        )?;
        let rows = EntityType::ALL
            .iter()
            .map(|t| (t.label(), self.per_type[*t as usize]))
            .chain(std::iter::once(("overall", self.overall())));
        for (name, c) in rows {
            writeln!(
                f,
                "{:<8} {:>9.2} {:>9.2} {:>9.2} {:>7} {:>7} {:>7}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        s.split(' ').map(Tag::parse).collect()
    }

    #[test]
    fn exact_span_and_type_count() {
        let gold = vec![tags("B-PERS I-PERS O B-LOC O B-ORG")];
        let pred = vec![tags("B-PERS I-PERS O B-ORG O B-ORG")];
        let s = evaluate(&gold, &pred);
        assert_eq!(
            s.per_type[EntityType::Person as usize],
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            s.per_type[EntityType::Location as usize],
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(
            s.per_type[EntityType::Organization as usize],
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        let o = s.overall();
        assert_eq!((o.tp, o.fp, o.fn_), (2, 1, 1));
        assert!((o.f1() - 66.666).abs() < 0.01);
    }

    #[test]
    fn partial_span_is_wrong() {
        let s = evaluate(&[tags("B-PERS I-PERS")], &[tags("B-PERS O")]);
        assert_eq!(
            s.overall(),
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
    }
}
