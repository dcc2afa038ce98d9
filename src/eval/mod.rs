//! Scoring against a labelled corpus (`gold.json`), exactly as
//! `shared/eval/score.py` does.
