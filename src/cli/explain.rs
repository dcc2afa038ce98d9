//! `sitmon explain`: how each sentence of an article was read, for whoever
//! tunes a scenario's config.

use std::io::Write;
use std::path::PathBuf;

use sitmon::config::Scenario;
use sitmon::extract::Extractor;
use sitmon::ingest::Reader;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Article files to explain.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(args: Args, scenario: &Scenario) -> anyhow::Result<()> {
    let reader = Reader::new(scenario);
    let extractor = Extractor::new(scenario);
    let mut out = std::io::stdout().lock();
    for path in &args.files {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().to_string(),
        );
        let article = match reader.read(path, &name) {
            Ok(Some((a, _))) => a,
            Ok(None) => anyhow::bail!(
                "{}: not an article file (hidden, temporary or unknown type)",
                path.display()
            ),
            Err(e) => anyhow::bail!("{}: {e}", path.display()),
        };
        let (obs, trace) = extractor.explain(&article);
        writeln!(out, "== {name}")?;
        for t in &trace {
            writeln!(out, "\n{}", t.text)?;
            for c in &t.clauses {
                writeln!(out, "  clause   {c}")?;
            }
            for p in &t.places {
                writeln!(out, "  place    {p}")?;
            }
            for x in &t.triggers {
                writeln!(out, "  trigger  {x}")?;
            }
            for x in &t.cues {
                writeln!(out, "  cue      {x}")?;
            }
            for x in &t.facts {
                writeln!(out, "  => {x}")?;
            }
            for x in &t.dropped {
                writeln!(out, "  dropped  {x}")?;
            }
        }
        writeln!(out, "\n{} observation(s):", obs.len())?;
        for o in &obs {
            writeln!(
                out,
                "  {} [{}] {:?}",
                extractor.describe(&o.fact),
                o.evidence.rule,
                truncate(&o.evidence.sentence, 100)
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

fn truncate(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
