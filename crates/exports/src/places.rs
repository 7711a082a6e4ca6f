//! Where an entity is, as the export formats say it: the gazetteer entry
//! of a place entity, its country, coordinates and ISO 3166-1 codes
//! (`data/iso3166.tsv`, from Debian's iso-codes).

use std::collections::HashMap;

use isnad_gazetteer::{Entry, EntryKind, Gazetteer};

use crate::Export;

/// The ISO 3166-1 table (`data/iso3166.tsv`): alpha-2 → (alpha-3, numeric).
pub(crate) struct IsoCodes(HashMap<&'static str, (&'static str, u16)>);

impl IsoCodes {
    /// The table shipped in the binary.
    pub fn new() -> IsoCodes {
        IsoCodes(
            include_str!("../data/iso3166.tsv")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| {
                    let mut f = l.split('\t');
                    let (a2, a3, n) = (f.next()?, f.next()?, f.next()?.parse().ok()?);
                    Some((a2, (a3, n)))
                })
                .collect(),
        )
    }

    /// ISO 3166-1 alpha-3 and numeric code of an alpha-2 code.
    pub fn of(&self, alpha2: &str) -> Option<(&'static str, u16)> {
        self.0.get(alpha2).copied()
    }
}

/// A place entity as the gazetteer knows it.
#[derive(Clone, Copy)]
pub(crate) struct Place<'a> {
    /// The entity's display name (Arabic).
    pub name: &'a str,
    /// Its gazetteer entry, when linked to one.
    pub entry: Option<&'a Entry>,
    /// The gazetteer the entry is of.
    pub gazetteer: &'a Gazetteer,
}

impl<'a> Place<'a> {
    /// The country the place is in (itself, for a country).
    pub fn country(&self) -> Option<&'a Entry> {
        let iso = self.entry?.country.as_deref()?;
        self.gazetteer.entry(&format!("country:{iso}"))
    }

    /// ISO 3166-1 alpha-2 of its country.
    pub fn alpha2(&self) -> Option<&'a str> {
        self.country()?.country.as_deref()
    }

    /// Latitude and longitude, for a populated place.
    pub fn coordinates(&self) -> Option<(f64, f64)> {
        self.entry?.coordinates
    }

    /// A town or city (not a whole country, not an unknown place).
    pub fn is_populated_place(&self) -> bool {
        self.entry.is_some_and(|e| e.kind == EntryKind::Place)
    }

    /// Its English name when the gazetteer has one, else its own name.
    pub fn name_en(&self) -> &'a str {
        self.entry.map_or(self.name, |e| e.name_en.as_str())
    }

    /// GeoNames id of a place (`place:1526384` → `1526384`).
    pub fn geonames_id(&self) -> Option<&'a str> {
        self.entry?.id.strip_prefix("place:")
    }
}

impl<'a> Export<'a> {
    /// A place entity by id (`None`: no such entity).
    pub(crate) fn place(&self, entity: &str) -> Option<Place<'a>> {
        let e = self.view.entity(entity)?;
        let entry = self
            .gazetteer_ids
            .get(entity)
            .and_then(|g| self.gazetteer.entry(g));
        Some(Place {
            name: e.name.as_str(),
            entry,
            gazetteer: self.gazetteer,
        })
    }

    /// Two places can be one happening's: either is unknown, they are the
    /// same entity, or one is the country the other lies in.
    pub(crate) fn places_meet(&self, a: Option<&str>, b: Option<&str>) -> bool {
        let (Some(a), Some(b)) = (a, b) else {
            return true;
        };
        if a == b {
            return true;
        }
        let (Some(pa), Some(pb)) = (self.place(a), self.place(b)) else {
            return false;
        };
        let is_country = |p: &Place| p.entry.is_some_and(|e| e.kind == EntryKind::Country);
        (is_country(&pa) || is_country(&pb)) && pa.alpha2().is_some() && pa.alpha2() == pb.alpha2()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_codes_are_the_standards() {
        let iso = IsoCodes::new();
        assert_eq!(iso.of("KZ"), Some(("KAZ", 398)));
        assert_eq!(iso.of("AF"), Some(("AFG", 4)));
        assert_eq!(iso.of("LB"), Some(("LBN", 422)));
        assert_eq!(iso.of("ZZ"), None);
    }
}
