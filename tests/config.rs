//! The shipped scenario, the compiled-in copy, and validation errors.

use std::fs;
use std::path::{Path, PathBuf};

use sitmon::config::{Scenario, FILES};

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("config/afghanistan-2021")
}

#[test]
fn shipped_config_loads() {
    let s = Scenario::load(&shipped()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.places.len(), s.scenario.total_capitals as usize);
    assert!(!s.countries.is_empty());
    assert_eq!(s.dir.as_deref(), Some(shipped().as_path()));
}

#[test]
fn builtin_equals_shipped() {
    let builtin = Scenario::builtin();
    let mut loaded = Scenario::load(&shipped()).unwrap();
    assert_eq!(builtin.dir, None);
    let names = |s: &Scenario| -> Vec<String> { s.places.iter().map(|p| p.name.clone()).collect() };
    let countries =
        |s: &Scenario| -> Vec<String> { s.countries.iter().map(|c| c.name.clone()).collect() };
    assert_eq!(names(&builtin), names(&loaded));
    assert_eq!(countries(&builtin), countries(&loaded));
    // Everything else too: the binary must not run a stale copy.
    loaded.dir = None;
    assert_eq!(format!("{builtin:?}"), format!("{loaded:?}"));
}

#[test]
fn duplicated_alias_is_rejected_with_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    for f in FILES {
        fs::copy(shipped().join(f), tmp.path().join(f)).unwrap();
    }
    let places = tmp.path().join("places.toml");
    let mut text = fs::read_to_string(&places).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let first = text.lines().count() + 1;
    // The two spellings differ but fold to the same key.
    text.push_str(concat!(
        "\n[[capital]]\nname = \"Alphaville\"\nprovince = \"Alpha\"\n",
        "aliases = [\"Twin Town\"]\nlat = 1.0\nlon = 1.0\n",
        "\n[[capital]]\nname = \"Betaville\"\nprovince = \"Beta\"\n",
        "aliases = [\"twin-town\"]\nlat = 2.0\nlon = 2.0\n",
    ));
    fs::write(&places, text).unwrap();

    let e = Scenario::load(tmp.path()).expect_err("a shared alias is an error");
    assert!(e.file.ends_with("places.toml"), "{e}");
    let beta_aliases = first + 11;
    assert_eq!(e.line, Some(beta_aliases), "{e}");
    let shown = e.to_string();
    assert!(
        shown.starts_with(&format!("{}:{beta_aliases}:", places.display())),
        "{shown}"
    );
    assert!(
        shown.contains("Alphaville") && shown.contains("Betaville"),
        "{shown}"
    );
}

#[test]
fn missing_folder_is_named() {
    let e = Scenario::load(Path::new("no/such/scenario")).unwrap_err();
    assert!(e.to_string().contains("no/such/scenario"), "{e}");
}
