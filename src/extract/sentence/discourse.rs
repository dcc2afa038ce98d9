//! What the article so far makes salient, for "the city" and "it".

use crate::model::PlaceId;

/// Places taking part in events rank first; where a speaker is ("officials
/// in Glen say...") counts only within its own sentence; landmarks ("near
/// Arden") never count. Within one sentence a place of the main clause
/// outranks one named later in a clause about something else ("took Arden
/// as the rebels closed in on Brook": "the city" after it is Arden).
#[derive(Debug, Default)]
pub struct Discourse {
    sentence: usize,
    /// Participants named so far: (sentence index, place, named in a
    /// background clause), most recent last.
    recent: Vec<(usize, PlaceId, bool)>,
    /// Speakers' whereabouts: (sentence index, place).
    speakers: Vec<(usize, PlaceId)>,
    /// Places named through one of their parts ("the X airport"), which
    /// are landmarks: (sentence index, place).
    parts: Vec<(usize, PlaceId)>,
}

impl Discourse {
    pub fn next_sentence(&mut self) {
        self.sentence += 1;
    }

    /// A new live-blog entry or section: nothing carries over.
    pub fn reset(&mut self) {
        self.recent.clear();
        self.speakers.clear();
        self.parts.clear();
    }

    /// This sentence's participants, then its speakers' whereabouts, then
    /// participants of the `back` sentences before, then the last
    /// sentence's speakers' whereabouts.
    pub fn salient(&self, back: usize) -> Option<PlaceId> {
        let now = self.sentence;
        let last = |v: &[(usize, PlaceId)], within: usize| {
            v.last().filter(|(s, _)| now - s <= within).map(|&(_, p)| p)
        };
        self.topic(0)
            .or_else(|| self.speaker_now())
            .or_else(|| self.topic(back))
            .or_else(|| last(&self.speakers, 1.min(back)))
    }

    /// The last place that took part in events within `back` sentences:
    /// what the text is about, never where a speaker happens to be.
    pub fn topic(&self, back: usize) -> Option<PlaceId> {
        let &(last, p, _) = self
            .recent
            .last()
            .filter(|(s, _, _)| self.sentence - s <= back)?;
        Some(self.foreground_in(last).unwrap_or(p))
    }

    /// The last place of sentence `sentence` named outside an aside or a
    /// background clause, if it is the latest sentence with places.
    fn foreground_in(&self, sentence: usize) -> Option<PlaceId> {
        self.recent
            .iter()
            .rev()
            .take_while(|(s, _, _)| *s == sentence)
            .find(|(_, _, background)| !background)
            .map(|&(_, p, _)| p)
    }

    /// The place this sentence's main text is about so far, if it named
    /// one outside an aside or a background clause.
    pub fn foreground_now(&self) -> Option<PlaceId> {
        self.foreground_in(self.sentence)
    }

    /// Where a speaker of this sentence is, if one was named.
    pub fn speaker_now(&self) -> Option<PlaceId> {
        self.speakers
            .last()
            .filter(|(s, _)| *s == self.sentence)
            .map(|&(_, p)| p)
    }

    /// The places of the last sentence within `back` that named two or
    /// more participants: what "both cities" points back at.
    pub fn group(&self, back: usize) -> Vec<PlaceId> {
        let Some(&(last, _, _)) = self
            .recent
            .last()
            .filter(|(s, _, _)| self.sentence - s <= back)
        else {
            return Vec::new();
        };
        let mut out: Vec<PlaceId> = Vec::new();
        for &(_, p, _) in self.recent.iter().rev().take_while(|(s, _, _)| *s == last) {
            if !out.contains(&p) {
                out.insert(0, p);
            }
        }
        if out.len() < 2 {
            out.clear();
        }
        out
    }

    pub fn note(&mut self, p: PlaceId, background: bool) {
        remember(&mut self.recent, (self.sentence, p, background));
    }

    /// The place whose part was named last, within `back` sentences: what
    /// "the city itself" sets against that part.
    pub fn part_owner(&self, back: usize) -> Option<PlaceId> {
        self.parts
            .last()
            .filter(|(s, _)| self.sentence - s <= back)
            .map(|&(_, p)| p)
    }

    pub fn note_part(&mut self, p: PlaceId) {
        remember(&mut self.parts, (self.sentence, p));
    }

    pub fn note_speaker(&mut self, p: PlaceId) {
        remember(&mut self.speakers, (self.sentence, p));
    }
}

/// How many entries of each kind the discourse keeps.
const REMEMBERED: usize = 16;

/// Pushes `x`, forgetting the oldest entry past [`REMEMBERED`].
fn remember<T>(v: &mut Vec<T>, x: T) {
    v.push(x);
    if v.len() > REMEMBERED {
        v.remove(0);
    }
}
