//! `sitmon brief`: a Markdown situation brief of a feeds folder, now or as
//! of a time.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context};

use sitmon::snapshot::live_folder;

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Folder of article files [default: feeds].
    #[arg(long, value_name = "DIR")]
    pub feeds: Option<PathBuf>,

    /// The brief as of this time (RFC 3339, or YYYY-MM-DD for the end of
    /// that day, UTC) [default: now].
    #[arg(long, value_name = "TIME", value_parser = super::parse_as_of)]
    pub as_of: Option<chrono::DateTime<chrono::Utc>>,

    /// Write it to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args, default_feeds: &Path, config: super::Setup) -> anyhow::Result<()> {
    let scenario = Arc::new(super::scenario(config)?);
    let feeds = args.feeds.as_deref().unwrap_or(default_feeds);
    if !feeds.is_dir() {
        bail!(
            "feeds folder {} does not exist or is not a folder",
            feeds.display()
        );
    }
    let reader = sitmon::ingest::Reader::new(&scenario);
    let (live, warnings) = live_folder(feeds, scenario, &reader, args.as_of)
        .with_context(|| format!("cannot read feeds folder {}", feeds.display()))?;
    super::print_warnings(&warnings);
    let text = sitmon::brief::render(&live, chrono::Utc::now());
    match &args.output {
        Some(path) => {
            std::fs::write(path, &text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let _ = writeln!(std::io::stderr(), "brief written to {}", path.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}
