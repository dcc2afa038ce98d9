//! `sitmon correct`: add an analyst's correction to the journal of a feeds
//! folder (`DIR/.sitmon/corrections.jsonl`), which every running monitor
//! on that folder reads back at once.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;

use sitmon::corrections::{self, Entry, Figure, SentenceRef};
use sitmon::state::Standing;

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Folder of article files [default: feeds].
    #[arg(long, value_name = "DIR")]
    pub feeds: Option<PathBuf>,

    /// The capital to correct (any of its spellings).
    #[arg(long, value_name = "NAME", group = "target")]
    pub capital: Option<String>,

    /// Its status: held, contested, fallen or claimed.
    #[arg(long, value_name = "STATUS", requires = "capital")]
    pub status: Option<Standing>,

    /// The country whose deployment to correct.
    #[arg(long, value_name = "NAME", group = "target")]
    pub country: Option<String>,

    /// Its troop figure, or "unspecified" for a deployment without one.
    #[arg(long, value_name = "N", requires = "country", value_parser = Figure::parse)]
    pub troops: Option<Figure>,

    /// Dismiss an evidence sentence, as its evidence names it:
    /// FILE:START-END (the byte span).
    #[arg(long, value_name = "FILE:START-END", group = "target", value_parser = parse_sentence)]
    pub dismiss: Option<SentenceRef>,

    /// Remove the correction of this capital, country or sentence.
    #[arg(long)]
    pub clear: bool,

    /// Why, for the other analysts.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

fn parse_sentence(s: &str) -> Result<SentenceRef, String> {
    let bad = || format!("{s:?}: use FILE:START-END, as the evidence shows it");
    let (file, span) = s.rsplit_once(':').ok_or_else(bad)?;
    let (a, b) = span.split_once(['-', '–']).ok_or_else(bad)?;
    Ok(SentenceRef {
        file: file.to_string(),
        start: a.trim().parse().map_err(|_| bad())?,
        end: b.trim().parse().map_err(|_| bad())?,
        sentence: None,
    })
}

pub fn run(args: Args, default_feeds: &Path, config: super::Setup) -> anyhow::Result<()> {
    let scenario = super::scenario(config)?;
    let feeds = args.feeds.as_deref().unwrap_or(default_feeds);
    if !feeds.is_dir() {
        bail!(
            "feeds folder {} does not exist or is not a folder",
            feeds.display()
        );
    }
    let mut e = Entry::now(&corrections::local_user(), "cli");
    e.capital = args.capital;
    e.status = args.status;
    e.country = args.country;
    e.troops = args.troops;
    e.dismiss = args.dismiss;
    e.clear = args.clear;
    e.note = args.note;
    if e.capital.is_none() && e.country.is_none() && e.dismiss.is_none() {
        bail!("say what to correct: --capital NAME --status S, --country NAME --troops N, or --dismiss FILE:START-END");
    }
    if !e.clear && e.capital.is_some() && e.status.is_none() {
        bail!("--capital needs --status held|contested|fallen|claimed (or --clear)");
    }
    if !e.clear && e.country.is_some() && e.troops.is_none() {
        bail!("--country needs --troops N|unspecified (or --clear)");
    }
    // Checked as the monitor will read it.
    let c = e.resolve(&scenario).map_err(anyhow::Error::msg)?;
    // The canonical names, so the journal reads well.
    if let sitmon::corrections::Fix::Capital { place, .. } = c.fix {
        e.capital = Some(scenario.places[place as usize].name.clone());
    }
    if let sitmon::corrections::Fix::Troops { country, .. } = c.fix {
        e.country = Some(scenario.countries[country as usize].name.clone());
    }
    let path = corrections::append(feeds, &e)?;
    let _ = writeln!(std::io::stdout(), "✎ {}: {}", path.display(), e.to_line());
    Ok(())
}
