//! The ledger's closed vocabularies (`docs/ledger-v1.md`): each value is
//! written as its v1 name, and a name outside the list is an error.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A name that is not in one of the ledger's closed vocabularies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// What the name was meant to be (`fact kind`, `entity type`, `cluster status`).
    pub vocabulary: &'static str,
    /// The name given.
    pub value: String,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} {:?}", self.vocabulary, self.value)
    }
}

impl std::error::Error for UnknownValue {}

/// One closed vocabulary: an enum whose serde names, `as_str`, `Display`
/// and `FromStr` are the v1 names listed. Values order by their names (as
/// the strings they replace did), so sorted listings read alphabetically.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident ($what:literal) { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Its v1 name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<$name, UnknownValue> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownValue { vocabulary: $what, value: s.to_string() }),
                }
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &$name) -> std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &$name) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// What a linked entity is.
    EntityType ("entity type") {
        /// A person.
        Person = "person",
        /// An organisation (ministries, parties, agencies, clubs, ...).
        Organization = "organization",
        /// A place.
        Location = "location",
        /// Anything else named.
        Other = "other",
    }
}

vocabulary! {
    /// What a fact says happened: the v1 kinds, then the kinds the
    /// specification adds "where the text says so".
    Kind ("fact kind") {
        /// A protest.
        Protest = "protest",
        /// A riot.
        Riot = "riot",
        /// A clash between armed sides.
        Clash = "clash",
        /// An attack.
        Attack = "attack",
        /// People killed.
        Killed = "killed",
        /// People injured.
        Injured = "injured",
        /// People taken to hospital.
        Hospitalized = "hospitalized",
        /// People arrested.
        Arrested = "arrested",
        /// Property damaged.
        PropertyDamage = "property_damage",
        /// Forces deployed.
        Deployment = "deployment",
        /// An emergency measure (curfew, state of emergency).
        EmergencyMeasure = "emergency_measure",
        /// Communications cut.
        CommunicationsCut = "communications_cut",
        /// A resignation, sacking or removal from office.
        Dismissal = "dismissal",
        /// Prices changed.
        PriceChange = "price_change",
        /// Killed or injured, not told apart (an addition).
        Casualties = "casualties",
        /// People sentenced (an addition).
        Sentenced = "sentenced",
        /// People kidnapped (an addition).
        Kidnapped = "kidnapped",
        /// People missing (an addition).
        Missing = "missing",
        /// People displaced (an addition).
        Displaced = "displaced",
        /// People evacuated (an addition).
        Evacuated = "evacuated",
    }
}

vocabulary! {
    /// Whether a cluster's members are compatible.
    Status ("cluster status") {
        /// Every two members' figures overlap.
        Agree = "agree",
        /// Some two members' figures do not.
        Conflict = "conflict",
        /// One member.
        Single = "single",
    }
}
