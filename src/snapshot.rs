//! The JSON view of the state (see `shared/eval/CONTRACT.md`).
