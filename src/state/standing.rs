//! Where a capital stands, as one value: the status word, symbol and rank
//! every view uses (the theme adds the style).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::model::Certainty;

use super::Status;

/// A capital's standing: its status, with a fall split by who reports it.
/// Declared in display rank: fallen first, held last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    /// Fallen, confirmed by someone other than the attacker.
    Fallen,
    /// Fallen by the attacker's word only.
    Claimed,
    Contested,
    Held,
}

/// Symbols: filled is taken, a ring round the dot is claimed, half is
/// fought over, hollow is held.
pub const FALLEN: &str = "●";
pub const CLAIMED: &str = "◉";
pub const CONTESTED: &str = "◐";
pub const HELD: &str = "○";

impl Standing {
    pub const ALL: [Standing; 4] = [
        Standing::Fallen,
        Standing::Claimed,
        Standing::Contested,
        Standing::Held,
    ];

    pub fn of(status: Status, certainty: Option<Certainty>) -> Standing {
        match (status, certainty) {
            (Status::Fallen, Some(Certainty::Claimed)) => Standing::Claimed,
            (Status::Fallen, _) => Standing::Fallen,
            (Status::Contested, _) => Standing::Contested,
            (Status::Held, _) => Standing::Held,
        }
    }

    pub fn status(self) -> Status {
        match self {
            Standing::Fallen | Standing::Claimed => Status::Fallen,
            Standing::Contested => Status::Contested,
            Standing::Held => Status::Held,
        }
    }

    /// For fallen capitals only.
    pub fn certainty(self) -> Option<Certainty> {
        match self {
            Standing::Fallen => Some(Certainty::Confirmed),
            Standing::Claimed => Some(Certainty::Claimed),
            _ => None,
        }
    }

    /// "fallen", "claimed", "contested", "held".
    pub fn word(self) -> &'static str {
        match self {
            Standing::Fallen => "fallen",
            Standing::Claimed => "claimed",
            Standing::Contested => "contested",
            Standing::Held => "held",
        }
    }

    /// The word where "claimed" alone would be unclear (logs, `follow`):
    /// "fallen (claimed)".
    pub fn label(self) -> &'static str {
        match self {
            Standing::Claimed => "fallen (claimed)",
            other => other.word(),
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Standing::Fallen => FALLEN,
            Standing::Claimed => CLAIMED,
            Standing::Contested => CONTESTED,
            Standing::Held => HELD,
        }
    }

    /// Sort key: fallen first.
    pub fn rank(self) -> u8 {
        self as u8
    }

    /// The status alone: "fallen" for a claim too.
    pub fn status_word(self) -> &'static str {
        match self.status() {
            Status::Fallen => "fallen",
            Status::Contested => "contested",
            Status::Held => "held",
        }
    }

    pub fn is_fallen(self) -> bool {
        self.status() == Status::Fallen
    }
}

impl fmt::Display for Standing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

impl FromStr for Standing {
    type Err = String;

    fn from_str(s: &str) -> Result<Standing, String> {
        Standing::ALL
            .into_iter()
            .find(|st| st.word().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown status {s:?}; use held, contested, fallen or claimed"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in Standing::ALL {
            assert_eq!(Standing::of(s.status(), s.certainty()), s);
            assert_eq!(s.word().parse::<Standing>(), Ok(s));
        }
        assert!("gone".parse::<Standing>().is_err());
        assert!(Standing::Fallen.rank() < Standing::Held.rank());
    }
}
