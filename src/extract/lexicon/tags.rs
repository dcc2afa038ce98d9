//! Typed payloads of the lexicons' phrases. A phrase listed under several
//! keys carries the union of their tags.

use bitflags::bitflags;

use crate::extract::matching::Merge;

/// What happened to a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Contest,
    Repel,
    Concede,
    Fall,
    Recapture,
    /// A fall or a recapture, by who does or says it.
    Liberate,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Contest,
        Kind::Repel,
        Kind::Concede,
        Kind::Fall,
        Kind::Recapture,
        Kind::Liberate,
    ];
}

/// Where the place stands relative to the trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The place follows: "captured X".
    Object,
    /// The place precedes: "X fell", "X was captured".
    Subject,
    /// The nearest on either side.
    Either,
    /// The place precedes a passive participle ("X was captured", "X
    /// captured"), but not a perfect one ("forces have retaken sites").
    Passive,
    /// The place labels a status: "X: rebel control", "X | rebel claim".
    Label,
    /// The place follows a locative preposition after the verb and its
    /// object: "fought the rebels in X".
    Locative,
}

/// Whom the clause must name for the trigger to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cond {
    Any,
    /// "the rebels hold X", not "the government holds X".
    Attacker,
    /// "officials abandoned X", not "a flight that left X".
    Defender,
}

/// An event trigger's readings: one bit per (kind, role, condition), and
/// one per kind for look-alikes that are never triggers of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Trigger(u128);

const ROLES: [Role; 6] = [
    Role::Object,
    Role::Subject,
    Role::Either,
    Role::Passive,
    Role::Label,
    Role::Locative,
];
/// Bits per kind: one per (role, condition).
const PER_KIND: usize = ROLES.len() * CONDS.len();
const NOT_BASE: usize = PER_KIND * Kind::ALL.len();
const _: () = assert!(NOT_BASE + Kind::ALL.len() <= u128::BITS as usize);
const CONDS: [Cond; 3] = [Cond::Any, Cond::Attacker, Cond::Defender];

impl Trigger {
    #[inline]
    fn bit(kind: Kind, role: Role, cond: Cond) -> u128 {
        // the enums are declared in the order of ROLES and CONDS
        1 << (kind as usize * PER_KIND + role as usize * 3 + cond as usize)
    }

    pub fn of(kind: Kind, role: Role, cond: Cond) -> Trigger {
        Trigger(Trigger::bit(kind, role, cond))
    }

    /// A look-alike of `kind` ("fell silent").
    pub fn not(kind: Kind) -> Trigger {
        Trigger(1 << (NOT_BASE + kind as usize))
    }

    pub fn has(self, kind: Kind, role: Role, cond: Cond) -> bool {
        self.0 & Trigger::bit(kind, role, cond) != 0
    }

    pub fn is_not(self, kind: Kind) -> bool {
        self.0 & Trigger::not(kind).0 != 0
    }

    /// Any reading of `kind` that is not cancelled by a look-alike.
    pub fn any_of(self, kind: Kind) -> bool {
        !self.is_not(kind) && self.0 >> (kind as usize * PER_KIND) & ((1 << PER_KIND) - 1) != 0
    }

    /// Some reading of some kind is live: not only a look-alike ("left
    /// for", "fell silent").
    pub fn live(self) -> bool {
        Kind::ALL.iter().any(|&k| self.any_of(k))
    }

    /// The readings of `kind`: (role, condition) pairs.
    pub fn readings(self, kind: Kind) -> impl Iterator<Item = (Role, Cond)> {
        // the kind's set bits, lowest first: ROLES-major, as `bit` lays them
        let mut bits = if self.is_not(kind) {
            0
        } else {
            (self.0 >> (kind as usize * PER_KIND)) as u32 & ((1 << PER_KIND) - 1)
        };
        std::iter::from_fn(move || {
            let i = bits.trailing_zeros() as usize;
            bits &= bits.checked_sub(1)?;
            Some((ROLES[i / CONDS.len()], CONDS[i % CONDS.len()]))
        })
    }
}

impl Merge for Trigger {
    fn merge(self, other: Self) -> Self {
        Trigger(self.0 | other.0)
    }
}

bitflags! {
    /// Factuality and attribution cues.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct Cue: u64 {
        const SPEECH = 1;
        /// Its speaker follows: "according to X".
        const SPEECH_AFTER = 1 << 1;
        const CLAIM = 1 << 2;
        const DENY = 1 << 3;
        const NEG = 1 << 4;
        const NEG_PSEUDO = 1 << 5;
        const MODAL = 1 << 6;
        const HISTORY = 1 << 7;
        const HISTORY_PSEUDO = 1 << 8;
        const ATTACKER = 1 << 9;
        const DEFENDER = 1 << 10;
        const CONFIRM = 1 << 11;
        const UNVERIFIED = 1 << 12;
        const DOC_VOICE = 1 << 13;
        const ATTEMPT = 1 << 14;
        /// A third party's forces: neither side.
        const THIRD = 1 << 15;
        /// "avert", "prevent": what follows has not happened.
        const PREVENT = 1 << 16;
        /// "ordered", "urged": what they send someone "to" do has not
        /// happened.
        const DIRECT = 1 << 17;
        /// "at its peak": history unless the sentence is about the
        /// evacuation.
        const PEAK = 1 << 18;
        /// "within hours of each other": holds a modal phrase, means none.
        const MODAL_PSEUDO = 1 << 19;
    }
}

bitflags! {
    /// Deployment words.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct Dep: u64 {
        const VERB = 1;
        const EVAC = 1 << 1;
        const TROOPS = 1 << 2;
        const ASSET = 1 << 3;
        const CIVILIAN = 1 << 4;
        const NOT_SENDER = 1 << 5;
        const ADDITIONAL = 1 << 6;
        const TOTAL = 1 << 7;
        const PREVIOUS = 1 << 8;
        const WITHDRAW = 1 << 9;
        const HEDGE = 1 << 10;
        const ELSEWHERE = 1 << 11;
        /// "number", "stand at": a standing count follows.
        const COUNT = 1 << 12;
        const COMBAT = 1 << 13;
        /// "British nationals", "the US embassy": the evacuees' country.
        const BENEFICIARY = 1 << 14;
        /// "at the airport", "there": where a force stands, no sending.
        const PRESENCE = 1 << 15;
    }
}

bitflags! {
    /// Tally words.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct Tal: u64 {
        const NOUN = 1;
        const ORD_NOUN = 1 << 1;
        const PARTIAL_AFTER = 1 << 2;
        const DISQUALIFY = 1 << 3;
        const TOTAL = 1 << 4;
        const FALL_WORD = 1 << 5;
        /// A fall word that says who holds ("hold", "in X hands").
        const HOLD = 1 << 6;
    }
}

bitflags! {
    /// Clause breaks.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct Brk: u64 {
        const BREAK = 1;
        /// Opens a clause about another time than the main one.
        const BACKGROUND = 1 << 1;
        /// Partial control: a fall over these words is a battle.
        const PARTIAL = 1 << 2;
    }
}

macro_rules! merge_flags {
    ($($t:ty),*) => {$(
        impl Merge for $t {
            fn merge(self, other: Self) -> Self {
                self | other
            }
        }
    )*};
}
merge_flags!(Cue, Dep, Tal, Brk);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigger_readings_are_per_kind_and_look_alikes_cancel_only_their_kind() {
        let t = Trigger::of(Kind::Fall, Role::Object, Cond::Any)
            .merge(Trigger::of(Kind::Fall, Role::Subject, Cond::Any))
            .merge(Trigger::of(Kind::Contest, Role::Object, Cond::Attacker));
        assert!(t.has(Kind::Fall, Role::Subject, Cond::Any));
        assert!(!t.has(Kind::Fall, Role::Subject, Cond::Attacker));
        assert_eq!(
            t.readings(Kind::Fall).collect::<Vec<_>>(),
            [(Role::Object, Cond::Any), (Role::Subject, Cond::Any)]
        );
        let t = t.merge(Trigger::not(Kind::Fall));
        assert!(!t.any_of(Kind::Fall));
        assert_eq!(t.readings(Kind::Fall).count(), 0);
        assert!(
            t.any_of(Kind::Contest),
            "a fall look-alike leaves the contest reading"
        );
        for k in Kind::ALL {
            assert!(!Trigger::default().any_of(k));
        }
    }

    #[test]
    fn readings_agree_with_a_test_of_every_pair() {
        let mut seed: u64 = 11;
        for _ in 0..2_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let t = Trigger(u128::from(seed) << 64 | u128::from(seed.rotate_left(17)));
            for kind in Kind::ALL {
                let every: Vec<(Role, Cond)> = ROLES
                    .into_iter()
                    .flat_map(|r| CONDS.into_iter().map(move |c| (r, c)))
                    .filter(|&(r, c)| !t.is_not(kind) && t.has(kind, r, c))
                    .collect();
                assert_eq!(t.readings(kind).collect::<Vec<_>>(), every);
            }
        }
    }
}

#[cfg(test)]
mod order_tests {
    use super::*;

    #[test]
    fn roles_and_conditions_are_declared_in_the_order_of_their_lists() {
        for (i, r) in ROLES.iter().enumerate() {
            assert_eq!(*r as usize, i);
        }
        for (i, c) in CONDS.iter().enumerate() {
            assert_eq!(*c as usize, i);
        }
    }
}
