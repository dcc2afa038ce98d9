//! `sitmon snapshot`: the state of a feeds folder as one JSON object (see
//! `shared/eval/CONTRACT.md`), warnings on stderr.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context};

use sitmon::ingest::Reader;
use sitmon::snapshot::snapshot_stream;

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Folder of article files, read in file-name order [default: feeds].
    #[arg(long, value_name = "DIR")]
    pub feeds: Option<PathBuf>,

    /// One line of JSON instead of indented.
    #[arg(long)]
    pub compact: bool,

    /// The state from the articles published up to this time (RFC 3339,
    /// or YYYY-MM-DD for the end of that day, UTC).
    #[arg(long, value_name = "TIME", value_parser = super::parse_as_of)]
    pub as_of: Option<chrono::DateTime<chrono::Utc>>,

    /// Read symlinks to files outside the feeds folder too (by default
    /// they are skipped with a warning).
    #[arg(long)]
    pub follow_symlinks: bool,
}

/// `default_feeds` is the top-level `--feeds`, used when the command has
/// none of its own.
pub fn run(args: Args, default_feeds: &Path, config: super::Setup) -> anyhow::Result<()> {
    let scenario = Arc::new(super::scenario(config)?);
    let feeds = args.feeds.as_deref().unwrap_or(default_feeds);
    if !feeds.exists() {
        bail!("feeds folder {} does not exist", feeds.display());
    }
    if !feeds.is_dir() {
        bail!("feeds folder {} is not a folder", feeds.display());
    }
    let reader = Reader::new(&scenario).follow_symlinks(args.follow_symlinks);
    let (snapshot, warnings) = snapshot_stream(feeds, scenario, &reader, args.as_of)
        .with_context(|| format!("cannot read feeds folder {}", feeds.display()))?;
    super::print_warnings(&warnings);

    // Written as it is made: with a month of articles the JSON runs to
    // hundreds of megabytes.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.compact {
        serde_json::to_writer(&mut out, &snapshot)?;
    } else {
        serde_json::to_writer_pretty(&mut out, &snapshot)?;
    }
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}
