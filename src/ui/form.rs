//! The correction form: what an analyst can set on the selected item, and
//! the journal entry it makes. Typing goes to the figure or the note.

use crate::corrections::{Entry, Figure, SentenceRef};
use crate::state::Standing;

/// What is being corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Capital {
        name: String,
        now: Standing,
        corrected: bool,
    },
    Deployment {
        country: String,
        troops: Option<u32>,
        corrected: bool,
    },
    Sentence {
        file: String,
        start: usize,
        end: usize,
        sentence: String,
        dismissed: bool,
    },
}

/// The fields, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Choice,
    Figure,
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub target: Target,
    pub choice: usize,
    pub figure: String,
    pub note: String,
    pub field: Field,
    /// Why the last save was refused.
    pub error: Option<String>,
}

/// One choice of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Status(Standing),
    Figure,
    NoFigure,
    Dismiss,
    Clear,
}

impl Choice {
    pub fn label(self) -> String {
        match self {
            Choice::Status(s) => format!("{} {}", s.symbol(), s.word()),
            Choice::Figure => "troop figure:".to_string(),
            Choice::NoFigure => "deployed, no figure".to_string(),
            Choice::Dismiss => "dismiss this sentence (its facts no longer count)".to_string(),
            Choice::Clear => "remove the correction".to_string(),
        }
    }
}

impl Form {
    pub fn new(target: Target) -> Form {
        let (choice, figure) = match &target {
            Target::Capital { now, .. } => (
                Standing::ALL.iter().position(|s| s == now).unwrap_or(0),
                String::new(),
            ),
            Target::Deployment { troops, .. } => {
                (0, troops.map(|n| n.to_string()).unwrap_or_default())
            }
            Target::Sentence { .. } => (0, String::new()),
        };
        Form {
            target,
            choice,
            figure,
            note: String::new(),
            field: Field::Choice,
            error: None,
        }
    }

    pub fn choices(&self) -> Vec<Choice> {
        let mut v: Vec<Choice> = match &self.target {
            Target::Capital { .. } => Standing::ALL.iter().map(|&s| Choice::Status(s)).collect(),
            Target::Deployment { .. } => vec![Choice::Figure, Choice::NoFigure],
            Target::Sentence { dismissed, .. } => {
                if *dismissed {
                    Vec::new()
                } else {
                    vec![Choice::Dismiss]
                }
            }
        };
        let corrected = match &self.target {
            Target::Capital { corrected, .. } | Target::Deployment { corrected, .. } => *corrected,
            Target::Sentence { dismissed, .. } => *dismissed,
        };
        if corrected {
            v.push(Choice::Clear);
        }
        v
    }

    pub fn chosen(&self) -> Choice {
        let c = self.choices();
        c[self.choice.min(c.len().saturating_sub(1))]
    }

    pub fn fields(&self) -> Vec<Field> {
        if matches!(self.target, Target::Deployment { .. }) {
            vec![Field::Choice, Field::Figure, Field::Note]
        } else {
            vec![Field::Choice, Field::Note]
        }
    }

    pub fn next_field(&mut self) {
        let f = self.fields();
        let i = f.iter().position(|&x| x == self.field).unwrap_or(0);
        self.field = f[(i + 1) % f.len()];
    }

    /// ↑/↓ on the choice.
    pub fn choose(&mut self, delta: isize) {
        let n = self.choices().len() as isize;
        if n > 0 {
            self.choice = (self.choice as isize + delta).rem_euclid(n) as usize;
        }
    }

    pub fn type_char(&mut self, c: char) {
        match self.field {
            Field::Figure if c.is_ascii_digit() || c == ',' => self.figure.push(c),
            Field::Figure => {}
            // Typing a note from the choice moves to the note.
            Field::Choice | Field::Note => {
                self.field = Field::Note;
                self.note.push(c);
            }
        }
        self.error = None;
    }

    pub fn backspace(&mut self) {
        match self.field {
            Field::Figure => {
                self.figure.pop();
            }
            _ => {
                self.note.pop();
            }
        }
    }

    /// The journal entry for what is filled in, by `by` via `via`.
    pub fn entry(&self, by: &str, via: &str) -> Result<Entry, String> {
        let mut e = Entry::now(by, via);
        let note = self.note.trim();
        e.note = (!note.is_empty()).then(|| note.to_string());
        let choice = self.chosen();
        match &self.target {
            Target::Capital { name, .. } => {
                e.capital = Some(name.clone());
                match choice {
                    Choice::Status(s) => e.status = Some(s),
                    _ => e.clear = true,
                }
            }
            Target::Deployment { country, .. } => {
                e.country = Some(country.clone());
                match choice {
                    Choice::Figure => {
                        let f = Figure::parse(&self.figure)?;
                        e.troops = Some(f);
                    }
                    Choice::NoFigure => e.troops = Figure::parse("unspecified").ok(),
                    _ => e.clear = true,
                }
            }
            Target::Sentence {
                file,
                start,
                end,
                sentence,
                ..
            } => {
                e.dismiss = Some(SentenceRef {
                    file: file.clone(),
                    start: *start,
                    end: *end,
                    sentence: Some(sentence.clone()),
                });
                e.clear = choice == Choice::Clear;
            }
        }
        Ok(e)
    }

    /// The form's title.
    pub fn title(&self) -> String {
        match &self.target {
            Target::Capital { name, .. } => format!("Correct {name}"),
            Target::Deployment { country, .. } => format!("Correct the {country} deployment"),
            Target::Sentence { file, .. } => format!("Dismiss a sentence of {file}"),
        }
    }
}
