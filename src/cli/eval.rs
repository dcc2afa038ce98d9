//! `sitmon eval`: score against a labelled corpus, printing exactly what
//! `shared/eval/score.py` prints for the same corpus and flags.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use sitmon::eval::evaluate;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder with gold.json and the articles it lists.
    #[arg(value_name = "CORPUS_DIR")]
    pub corpus: PathBuf,

    /// Print what differs at each checkpoint.
    #[arg(long)]
    pub verbose: bool,

    /// Also print the figures as one JSON line.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, config: super::Setup) -> anyhow::Result<()> {
    let scenario = Arc::new(super::scenario(config)?);
    let report = evaluate(&args.corpus, scenario)?;
    super::print_warnings(&report.warnings);
    let mut out = std::io::stdout().lock();
    out.write_all(report.render(args.verbose, args.json).as_bytes())?;
    out.flush()?;
    Ok(())
}
