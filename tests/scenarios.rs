//! Scenarios by configuration (issue 10): the shipped ones, several sides,
//! a starting state, untracked places, and scenarios that do not leak into
//! each other. Each test would fail without the feature it names.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use sitmon::config::{ConfigError, Scenario, FILES};
use sitmon::eval::evaluate;
use sitmon::model::Certainty;
use sitmon::snapshot::{snapshot_folder, Snapshot};
use sitmon::state::{State, Status, Store};

mod common;
use common::article;

const BIN: &str = env!("CARGO_BIN_EXE_sitmon");

fn manifest(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn libya() -> Scenario {
    Scenario::load(&manifest("config/libya-2011")).unwrap_or_else(|e| panic!("{e}"))
}

fn yemen() -> Scenario {
    Scenario::load(&manifest("config/yemen-2015")).unwrap_or_else(|e| panic!("{e}"))
}

fn iraq() -> Scenario {
    Scenario::load(&manifest("config/iraq-2014")).unwrap_or_else(|e| panic!("{e}"))
}

fn sudan() -> Scenario {
    Scenario::load(&manifest("config/sudan-2023")).unwrap_or_else(|e| panic!("{e}"))
}

fn syria() -> Scenario {
    Scenario::load(&manifest("config/syria-2024")).unwrap_or_else(|e| panic!("{e}"))
}

fn afghan() -> Scenario {
    Scenario::load(&manifest("config/afghanistan-2021")).unwrap_or_else(|e| panic!("{e}"))
}

/// The state after the articles, in order, beside its scenario.
fn fold(s: Scenario, articles: &[&str]) -> (Arc<Scenario>, State) {
    let s = Arc::new(s);
    let mut store = Store::new(s.clone());
    for (i, a) in articles.iter().enumerate() {
        store.upsert(article(&format!("{i:03}.txt"), a));
    }
    let st = store.state();
    (s, st)
}

/// The countries one article finds deploying, by name.
fn senders(s: Scenario, text: &str) -> Vec<String> {
    let (s, st) = fold(s, &[text]);
    st.deployments
        .keys()
        .map(|&c| s.countries[c as usize].name.clone())
        .collect()
}

/// Each capital's standing and controller after the articles, in order.
fn read(s: Scenario, articles: &[&str]) -> BTreeMap<String, (String, Option<String>)> {
    let (s, st) = fold(s, articles);
    s.places
        .iter()
        .zip(&st.capitals)
        .map(|(p, c)| {
            let word = match (c.status, c.certainty) {
                (Status::Fallen, Some(Certainty::Claimed)) => "claimed",
                (Status::Fallen, _) => "fallen",
                (Status::Contested, _) => "contested",
                (Status::Held, _) => "held",
            };
            let ctl = (c.status == Status::Fallen)
                .then(|| s.actors.controller(c.controller).name.clone());
            (p.name.clone(), (word.to_string(), ctl))
        })
        .collect()
}

fn standing(v: &BTreeMap<String, (String, Option<String>)>, place: &str) -> String {
    v[place].0.clone()
}

/// A copy of a shipped scenario folder in a temp dir, `edit` applied to
/// the text of each file.
fn scenario_copy(name: &str, edit: impl Fn(&str, String) -> String) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_scenario(name, tmp.path(), edit);
    tmp
}

fn copy_scenario(name: &str, to: &Path, edit: impl Fn(&str, String) -> String) {
    fs::create_dir_all(to).unwrap();
    for f in FILES {
        let text = fs::read_to_string(manifest("config").join(name).join(f)).unwrap();
        fs::write(to.join(f), edit(f, text)).unwrap();
    }
}

// ---- the shipped scenarios ----------------------------------------------

#[test]
fn shipped_scenarios_load_without_warnings_and_match_the_built_in_copies() {
    let listed: Vec<String> = Scenario::list().into_iter().map(|l| l.id).collect();
    assert!(
        listed.contains(&"afghanistan-2021".to_string())
            && listed.contains(&"syria-2024".to_string()),
        "{listed:?}"
    );
    for name in ["afghanistan-2021", "syria-2024"] {
        let mut disk = Scenario::load(&manifest("config").join(name)).unwrap();
        assert!(disk.warnings.is_empty(), "{name}: {:?}", disk.warnings);
        let built = Scenario::builtin_named(name).unwrap().unwrap();
        disk.dir = None;
        assert_eq!(
            format!("{built:?}"),
            format!("{disk:?}"),
            "{name}: stale built-in copy"
        );
    }
    assert_eq!(Scenario::builtin().id, "afghanistan-2021");
}

#[test]
fn the_syria_scenario_tracks_the_ten_capitals_held_at_the_start() {
    let s = syria();
    let names: Vec<&str> = s.places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Damascus",
            "Aleppo",
            "Homs",
            "Hama",
            "Latakia",
            "Tartus",
            "Deir ez-Zor",
            "Daraa",
            "As-Suwayda",
            "Quneitra"
        ]
    );
    for out in ["Idlib", "Raqqa", "Al-Hasakah"] {
        assert!(
            s.untracked.iter().any(|u| u.name == out),
            "{out} is declared"
        );
        assert!(s.place_index(out).is_none(), "{out} is not tracked");
    }
    assert!(s.actors.groups.len() >= 5);
}

#[test]
fn scenarios_lists_a_line_each_and_scenario_picks_one() {
    let out = Command::new(BIN)
        .arg("scenarios")
        .current_dir(manifest(""))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(
        lines[0].starts_with("afghanistan-2021 (default)\t"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("iraq-2014\t") && lines[1].contains("Islamic State"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("libya-2011\t") && lines[2].contains("Rebels"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("sudan-2023\t") && lines[3].contains("RSF"),
        "{text}"
    );
    assert!(
        lines[4].starts_with("syria-2024\t") && lines[4].contains("HTS"),
        "{text}"
    );
    assert!(
        lines[5].starts_with("yemen-2015\t") && lines[5].contains("Saleh loyalists"),
        "{text}"
    );

    // --scenario NAME and --config DIR are the same scenario, from anywhere
    let tmp = tempfile::tempdir().unwrap();
    let snap = |args: &[&str]| -> serde_json::Value {
        let out = Command::new(BIN)
            .args(["snapshot", "--feeds"])
            .arg(manifest("samples/syria-2024"))
            .args(args)
            .current_dir(tmp.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let by_name = snap(&["--scenario", "syria-2024"]);
    let dir = manifest("config/syria-2024");
    let by_dir = snap(&["--config", dir.to_str().unwrap()]);
    assert_eq!(by_name["counts"], by_dir["counts"]);
    assert_eq!(by_name["counts"]["fallen"], 6, "{}", by_name["counts"]);
}

#[test]
fn a_folder_of_scenarios_or_an_unknown_name_is_explained() {
    let run = |args: &[&str]| {
        let out = Command::new(BIN)
            .args(["snapshot", "--feeds", "feeds"])
            .args(args)
            .current_dir(manifest(""))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stderr).unwrap()
    };
    let err = run(&["--config", "config"]);
    assert!(
        err.contains("holds scenarios") && err.contains("syria-2024") && err.contains("--scenario"),
        "{err}"
    );
    let err = run(&["--scenario", "ruritania-1900"]);
    assert!(
        err.contains("afghanistan-2021, iraq-2014, libya-2011, sudan-2023, syria-2024, yemen-2015"),
        "{err}"
    );
}

#[test]
fn scenarios_checks_the_one_given_and_prints_every_problem() {
    // a new scenario in ./config with two mistakes
    let cwd = tempfile::tempdir().unwrap();
    copy_scenario(
        "syria-2024",
        &cwd.path().join("config/new-war"),
        |f, t| match f {
            "scenario.toml" => t.replace("year = 2024\n", "year = 2024\nyear = 2025\n"),
            "places.toml" => t.replacen("rank = 4\n", "rank = 3\n", 1),
            _ => t,
        },
    );
    let run = |args: &[&str]| {
        let out = Command::new(BIN)
            .arg("scenarios")
            .args(args)
            .current_dir(cwd.path())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    // the list: a line each, the broken one says how many more problems
    let (code, out, _) = run(&[]);
    assert_eq!(code, Some(0));
    let line = out.lines().find(|l| l.starts_with("new-war\t")).unwrap();
    assert!(
        line.contains("does not load: config/new-war/scenario.toml:6:1: duplicate key `year`")
            && line.contains("(and 1 more: `sitmon scenarios --scenario new-war` lists them)"),
        "{out}"
    );
    // the one given, by name or folder: every problem, status 2
    for args in [
        &["--scenario", "new-war"][..],
        &["--config", "config/new-war"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, Some(2), "{args:?}");
        assert!(out.is_empty(), "{out}");
        let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
        assert_eq!(errors.len(), 2, "{err}");
        assert!(
            errors[1].contains("places.toml:") && errors[1].contains("rank 3"),
            "{err}"
        );
    }
    // a good one: its line only
    let (code, out, err) = run(&["--scenario", "syria-2024"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("syria-2024\tbuilt-in\t"), "{out}");
}

// ---- several sides --------------------------------------------------------

#[test]
fn the_controller_is_the_group_named_and_a_hand_over_changes_only_it() {
    let took = "Fighters of the Kurdish-led SDF took control of Deir ez-Zor on Friday after government troops withdrew, residents said.";
    let handed = "Fighters of Hayat Tahrir al-Sham took control of Deir ez-Zor on Wednesday after the SDF withdrew, residents said.";
    let v = read(syria(), &[took]);
    assert_eq!(v["Deir ez-Zor"], ("fallen".into(), Some("SDF".into())));
    let v = read(syria(), &[took, handed]);
    assert_eq!(
        v["Deir ez-Zor"],
        ("fallen".into(), Some("HTS".into())),
        "a hand-over keeps the fall"
    );
    // a fall that names no group: the generic attacker
    let v = read(
        syria(),
        &["Rebels captured Hama on Thursday, residents said."],
    );
    assert_eq!(v["Hama"], ("fallen".into(), Some("Opposition".into())));
    // the defender retaking it is a recapture, and nobody controls it
    let v = read(
        syria(),
        &[
            took,
            "Government forces recaptured Deir ez-Zor on Sunday, the army said.",
        ],
    );
    assert_eq!(v["Deir ez-Zor"], ("held".into(), None));
}

#[test]
fn third_parties_moves_are_never_falls() {
    let v = read(
        syria(),
        &[
            "Israeli troops entered Quneitra on Sunday and took control of the governorate building, Israel's military said.",
            "Russian forces withdrew from Tartus on Monday, satellite images showed.",
        ],
    );
    assert_eq!(standing(&v, "Quneitra"), "held");
    assert_eq!(standing(&v, "Tartus"), "held");
    // the same moves by a side do count
    let v = read(
        syria(),
        &["Rebels entered Quneitra on Sunday, residents said."],
    );
    assert_eq!(standing(&v, "Quneitra"), "contested");
}

/// A third party's attack at a city is no battle for it, though its
/// target is the defender's; the attacker's is.
#[test]
fn a_third_partys_attack_on_the_defender_is_no_battle() {
    let v = read(
        sudan(),
        &["In South Kordofan, the SPLM-North faction led by Abdelaziz al-Hilu has attacked army positions on the outskirts of Kadugli."],
    );
    assert_eq!(standing(&v, "Kadugli"), "held");
    let v = read(
        sudan(),
        &["SPLM-North said the RSF had attacked army positions on the outskirts of Kadugli."],
    );
    assert_eq!(standing(&v, "Kadugli"), "contested");
}

/// A place name written with its language's article joined by a hyphen
/// ("az-Zawiyah", "al-Bayda") is the place, the article assimilated to the
/// name's first consonant; an article that does not match it is no name.
#[test]
fn names_take_their_languages_article() {
    let v = read(
        libya(),
        &["Residents said rebels took control of az-Zawiyah on Thursday and that al-Bayda was calm."],
    );
    assert_eq!(standing(&v, "Zawiya"), "fallen");
    let v = read(
        libya(),
        &["Residents said rebels took control of ad-Zawiyah on Thursday."],
    );
    assert_eq!(standing(&v, "Zawiya"), "held");
    // a scenario without articles reads none
    let v = read(
        afghan(),
        &["Residents said the Taliban took control of al-Kunduz on Thursday."],
    );
    assert_eq!(standing(&v, "Kunduz"), "held");
}

/// A fighting word that opens its clause after a label or a semicolon is
/// no imperative, in every scenario: the base verbs are the heads of the
/// lexicon's verbs, not every word of their phrases ("fighting spread
/// deeper into" once made "fighting" a bare verb).
#[test]
fn fighting_after_a_label_or_a_semicolon_is_no_imperative() {
    let v = read(
        sudan(),
        &["16/04 11:48 - Witnesses: fighting has broken out in Nyala between the army and RSF forces."],
    );
    assert_eq!(standing(&v, "Nyala"), "contested");
    let v = read(
        libya(),
        &["The army holds the barracks in Brega; fighting has spread to Ajdabiya."],
    );
    assert_eq!(standing(&v, "Ajdabiya"), "contested");
    // a verb in its base form at a clause's head still tells no event
    let v = read(
        sudan(),
        &["Take Nyala, for example: the army still holds it."],
    );
    assert_eq!(standing(&v, "Nyala"), "held");
}

#[test]
fn a_defender_pull_out_concedes_a_city_contested_in_an_earlier_article() {
    let entered = "Rebels stormed Hama at dawn and street fighting is taking place in several neighbourhoods, a monitor said.";
    let redeployed =
        "The army command said its units had redeployed and taken up positions outside Hama.";
    let v = read(syria(), &[entered, redeployed]);
    assert_eq!(standing(&v, "Hama"), "fallen");
    // with nobody inside, a pull-out changes nothing
    let v = read(syria(), &[redeployed]);
    assert_eq!(standing(&v, "Hama"), "held");
    // nor does anyone else's pull-out from a contested city
    let v = read(
        syria(),
        &[
            entered,
            "Lebanon pulled out its diplomats from Hama last week.",
        ],
    );
    assert_eq!(standing(&v, "Hama"), "contested");
}

// ---- places ---------------------------------------------------------------

#[test]
fn the_town_after_an_untracked_town_is_that_town() {
    let text = "Government troops in Hama said the city was calm on Saturday.\n\
                Rebels entered Salamiyah, east of Hama, on Saturday. Heavy fighting raged inside the town.";
    let v = read(syria(), &[text]);
    assert_eq!(standing(&v, "Hama"), "held", "{v:?}");
    // without the declaration "the town" falls back to the last capital
    let tmp = scenario_copy("syria-2024", |f, t| {
        if f == "places.toml" {
            t.replace("name = \"Salamiyah\"", "name = \"Salamiyah-not-declared\"")
                .replace("aliases = [\"Salamiyeh\", \"Salamiya\"]\n", "")
        } else {
            t
        }
    });
    let v = read(Scenario::load(tmp.path()).unwrap(), &[text]);
    assert_eq!(standing(&v, "Hama"), "contested", "{v:?}");
}

#[test]
fn places_start_where_the_scenario_says() {
    let tmp = scenario_copy("syria-2024", |f, t| {
        if f == "places.toml" {
            t.replace(
                "name = \"Daraa\"\nprovince = \"Daraa\"\n",
                "name = \"Daraa\"\nprovince = \"Daraa\"\ninitial = \"fallen\"\ncontroller = \"Southern factions\"\n",
            )
            .replace(
                "name = \"Homs\"\nprovince = \"Homs\"\n",
                "name = \"Homs\"\nprovince = \"Homs\"\ninitial = \"contested\"\n",
            )
        } else {
            t
        }
    });
    let s = Scenario::load(tmp.path()).unwrap();
    let v = read(s.clone(), &[]);
    assert_eq!(
        v["Daraa"],
        ("fallen".into(), Some("Southern factions".into()))
    );
    assert_eq!(standing(&v, "Homs"), "contested");
    assert_eq!(standing(&v, "Hama"), "held");
    // a battle going on at the start ends as any other
    let v = read(
        s,
        &["Government forces repelled the attack on Homs, the army said."],
    );
    assert_eq!(standing(&v, "Homs"), "held");
}

#[test]
fn ranks_belong_to_their_country() {
    // the first line makes the article one about Syria
    let about = "Officials in Damascus spoke on Friday.\n";
    let home =
        format!("{about}Fighting raged on Friday in Syria's third-largest city, residents said.");
    let abroad =
        format!("{about}Fighting raged on Friday in France's third-largest city, residents said.");
    let abroad2 = format!(
        "{about}Fighting raged on Friday in the third-largest city in France, residents said."
    );
    assert_eq!(standing(&read(syria(), &[&home]), "Homs"), "contested");
    assert_eq!(standing(&read(syria(), &[&abroad]), "Homs"), "held");
    assert_eq!(standing(&read(syria(), &[&abroad2]), "Homs"), "held");
}

#[test]
fn the_seat_rule_is_configured() {
    let text =
        "Rebels took over the town hall and the fire station in Hama on Friday, residents said.";
    assert_eq!(standing(&read(syria(), &[text]), "Hama"), "held");
    let tmp = scenario_copy("syria-2024", |f, t| {
        if f == "lexicon.toml" {
            let start = t.find("city = [\n  # the governor").unwrap();
            let end = t[start..].find("\n]\n").unwrap() + start + 3;
            format!(
                "{}city = [[\"town hall\"], [\"fire station\"]]\n{}",
                &t[..start],
                &t[end..]
            )
        } else {
            t
        }
    });
    let s = Scenario::load(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(standing(&read(s, &[text]), "Hama"), "fallen");
}

#[test]
fn every_trigger_key_counts_in_every_event_table() {
    // `object_if_defender` under [contest]: used, not accepted and ignored
    let text = "Officials said the army was still defending Hama on Friday.";
    assert_eq!(standing(&read(syria(), &[text]), "Hama"), "held");
    let tmp = scenario_copy("syria-2024", |f, t| {
        if f == "lexicon.toml" {
            t.replacen(
                "[contest]\n",
                "[contest]\nobject_if_defender = [\"was still defending\"]\n",
                1,
            )
        } else {
            t
        }
    });
    let s = Scenario::load(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(standing(&read(s, &[text]), "Hama"), "contested");
}

// ---- no leaks -------------------------------------------------------------

/// No fallen or contested capital and no tally (deployments are a
/// government's, named alike in any conflict).
fn nothing_happens(snap: &Snapshot, what: &str) {
    assert_eq!(snap.counts.fallen, 0, "{what}: {:?}", snap.capitals);
    assert_eq!(snap.counts.contested, 0, "{what}");
    assert_eq!(snap.reported_fallen, None, "{what}");
}

#[test]
fn scenarios_do_not_leak_into_each_other() {
    let syria = Arc::new(syria());
    let afghan = Arc::new(afghan());
    let afghan_corpora = [
        "dev", "heldout", "seeds", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8",
    ]
    .map(|c| format!("tests/corpora/{c}"));
    for corpus in afghan_corpora.iter().map(String::as_str).chain(["feeds"]) {
        let (snap, _) = snapshot_folder(&manifest(corpus), syria.clone()).unwrap();
        assert!(snap.articles > 4, "{corpus}");
        nothing_happens(&snap, &format!("{corpus} under the Syria scenario"));
    }
    for corpus in ["tests/corpora/syria", "samples/syria-2024"] {
        let (snap, _) = snapshot_folder(&manifest(corpus), afghan.clone()).unwrap();
        assert!(snap.articles > 4, "{corpus}");
        nothing_happens(&snap, &format!("{corpus} under the Afghan scenario"));
    }
}

#[test]
fn the_syrian_sample_feed_reads_as_documented() {
    let s = Arc::new(syria());
    let (snap, warnings) = snapshot_folder(&manifest("samples/syria-2024"), s).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let by: BTreeMap<&str, (String, Option<&str>)> = snap
        .capitals
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                (c.standing().word().to_string(), c.controller.as_deref()),
            )
        })
        .collect();
    assert_eq!(by["Aleppo"], ("fallen".into(), Some("HTS")));
    assert_eq!(by["Daraa"], ("fallen".into(), Some("Southern factions")));
    assert_eq!(
        by["Deir ez-Zor"],
        ("fallen".into(), Some("HTS")),
        "handed over by the SDF"
    );
    for held in ["Quneitra", "Tartus", "Latakia", "As-Suwayda"] {
        assert_eq!(
            by[held].0, "held",
            "{held}: third parties' moves are no falls"
        );
    }
    assert_eq!(snap.reported_fallen, Some(2));
    // before the hand-over, the SDF held it
    let tmp = tempfile::tempdir().unwrap();
    for f in ["01_aleppo.txt", "02_hama.txt", "03_south_east.txt"] {
        fs::copy(manifest("samples/syria-2024").join(f), tmp.path().join(f)).unwrap();
    }
    let (snap, _) = snapshot_folder(tmp.path(), Arc::new(syria())).unwrap();
    let deir = snap
        .capitals
        .iter()
        .find(|c| c.name == "Deir ez-Zor")
        .unwrap();
    assert_eq!(deir.controller.as_deref(), Some("SDF"));
}

/// A corpus scored under `scenario`: its checkpoints all there and its
/// score at least `floor`.
fn corpus_holds(name: &str, scenario: Scenario, checkpoints: usize, floor: f64) {
    let r = evaluate(
        &manifest(&format!("tests/corpora/{name}")),
        Arc::new(scenario),
    )
    .unwrap();
    eprintln!("{}", r.render(true, false));
    assert_eq!(r.checkpoints.len(), checkpoints, "{name}");
    assert!(r.score() >= floor, "{name}: {}", r.score_line());
}

#[test]
fn the_syria_corpus_scores_at_least_095() {
    corpus_holds("syria", syria(), 23, 0.95);
}

/// Written blind under the Syria scenario (first run 0.727 in
/// tests/corpora/README.md); must not drop below today's figure.
#[test]
fn the_blind_syria_corpus_does_not_drop() {
    corpus_holds("syria2", syria(), 17, 0.99);
}

/// The third blind corpus under the Syria scenario (first run 0.660 in
/// tests/corpora/README.md); must not drop below today's figure.
#[test]
fn the_third_syria_corpus_does_not_drop() {
    corpus_holds("syria3", syria(), 16, 0.98);
}

/// The third conflict's three blind corpora, scored under the scenario
/// written from their brief before the first was seen (first runs 0.653,
/// 0.724 and 0.601, tests/corpora/README.md); must not drop below today's figures.
#[test]
fn the_libya_corpora_do_not_drop() {
    corpus_holds("libya1", libya(), 16, 0.77);
    corpus_holds("libya2", libya(), 16, 0.80);
    corpus_holds("libya3", libya(), 16, 0.66);
}

// ---- validation -----------------------------------------------------------

fn load_err(edit: impl Fn(&str, String) -> String) -> ConfigError {
    let tmp = scenario_copy("syria-2024", edit);
    Scenario::load(tmp.path()).expect_err("an error")
}

fn messages(e: &ConfigError) -> Vec<String> {
    e.all().map(|x| x.to_string()).collect()
}

#[test]
fn every_mistake_is_reported_in_one_run_at_its_line() {
    let e = load_err(|f, t| match f {
        // a duplicate key and an unknown key in one file, a wrong type in another
        "scenario.toml" => t.replace("year = 2024\n", "year = 2024\nyear = 2025\n"),
        "places.toml" => t.replacen("rank = 4\n", "rank = 4\ncolour = \"red\"\n", 1),
        "countries.toml" => t.replacen(
            "name = \"Lebanon\"\n",
            "name = \"Lebanon\"\naliases = 7\n",
            1,
        ),
        _ => t,
    });
    let all = messages(&e);
    assert_eq!(all.len(), 3, "{all:#?}");
    assert!(
        all[0].contains("scenario.toml:6:1: duplicate key `year`"),
        "{all:#?}"
    );
    assert!(
        all.iter()
            .any(|m| m.contains("places.toml:") && m.contains("unknown key `colour`")),
        "{all:#?}"
    );
    assert!(
        all.iter()
            .any(|m| m.contains("countries.toml:") && m.contains("invalid type")),
        "{all:#?}"
    );
    // the command line prints each on a line of its own
    let shown = format!("error: {e}");
    assert_eq!(
        shown.lines().filter(|l| l.starts_with("error: ")).count(),
        3,
        "{shown}"
    );
}

#[test]
fn overlaps_across_files_are_all_reported_at_their_line_and_column() {
    let e = load_err(|f, t| match f {
        // a word of two groups, and a controller that is no group: the
        // first must not hide the second
        "actors.toml" => t.replacen(
            "\"SDF\", \"Kurdish-led SDF\"",
            "\"SDF\", \"HTS\", \"Kurdish-led SDF\"",
            1,
        ),
        "places.toml" => t
            .replacen(
                "name = \"Tartus\"\n",
                "name = \"Tartus\"\ninitial = \"fallen\"\ncontroller = \"ISIS\"\n",
                1,
            )
            .replacen(
                "aliases = [\"Halab\", \"Aleppo city\"]",
                "aliases = [\"Halab\", \"Aleppo city\", \"Hama\"]",
                1,
            ),
        "countries.toml" => t.replacen(
            "name = \"Lebanon\"\n",
            "name = \"Lebanon\"\nmetonyms = [\"Syria\"]\n",
            1,
        ),
        _ => t,
    });
    let all: Vec<&ConfigError> = e.all().collect();
    let want = [
        (
            "actors.toml",
            "\"HTS\" names both attacker \"HTS\" and attacker \"SDF\"",
        ),
        (
            "places.toml",
            "Tartus: controller \"ISIS\" is no attacking group",
        ),
        ("places.toml", "\"Hama\" names both Aleppo and Hama"),
        ("countries.toml", "is a name of the host country"),
    ];
    for (file, what) in want {
        let m = all
            .iter()
            .find(|m| m.message.contains(what))
            .unwrap_or_else(|| panic!("{what:?} in {all:#?}"));
        assert!(m.file.ends_with(file), "{m:?}");
        assert!(m.line > Some(1) && m.col >= Some(1), "{m:?}");
    }
    assert_eq!(all.len(), want.len(), "{all:#?}");

    // a places.toml that does not parse hides nothing of countries.toml
    let e = load_err(|f, t| match f {
        "places.toml" => t.replacen("lat = 33.51", "lat = ", 1),
        "countries.toml" => t.replacen(
            "name = \"Lebanon\"\n",
            "name = \"Lebanon\"\nmetonyms = [\"Syria\"]\n",
            1,
        ),
        _ => t,
    });
    let all = messages(&e);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(
        all[1].contains("countries.toml:") && all[1].contains("host country"),
        "{all:#?}"
    );
}

#[test]
fn silent_acceptances_are_errors_now() {
    let cases: [(&str, &str, &str, &str); 7] = [
        (
            "actors.toml",
            "  \"government\", \"Syrian government\",",
            "  \"government\", \"rebels\", \"Syrian government\",",
            "names both",
        ),
        (
            "places.toml",
            "rank = 4\n",
            "rank = 3\n",
            "rank 3 is given to both Homs and Hama",
        ),
        (
            "places.toml",
            "aliases = [\"Dimashq\"]",
            "aliases = [\"Dimashq\", \"Syria\"]",
            "name of the host country",
        ),
        (
            "places.toml",
            "rank = 2\n",
            "rank = 2\nnational_capital = true\n",
            "two national capitals",
        ),
        ("actors.toml", "name = \"SNA\"", "name = \"\"", "empty name"),
        (
            "scenario.toml",
            "total_capitals = 14",
            "total_capitals = 15",
            "total_capitals is 15",
        ),
        (
            "lexicon.toml",
            "not = [\n",
            "not = [\n  \"fall to the {attacker} of\",\n",
            "would never fire",
        ),
    ];
    for (file, from, to, want) in cases {
        let e = load_err(|f, t| {
            if f == file {
                assert!(t.contains(from), "{file} holds {from:?}");
                t.replacen(from, to, 1)
            } else {
                t
            }
        });
        let all = messages(&e);
        assert!(
            all.iter().any(|m| m.contains(file) && m.contains(want)),
            "{file}: want {want:?} in {all:#?}"
        );
        assert!(e.line.is_some(), "{e}: a line");
    }
}

// ---- no scenario in src/ --------------------------------------------------

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn src_names_no_place_side_or_host_of_a_shipped_scenario() {
    let mut words: Vec<String> = Vec::new();
    for s in [afghan(), syria()] {
        for p in &s.places {
            words.push(p.name.clone());
            words.extend(p.aliases.iter().cloned());
        }
        words.extend(s.untracked.iter().map(|u| u.name.clone()));
        words.extend(s.actors.groups.iter().map(|g| g.name.clone()));
        words.extend(s.actors.third_parties.iter().map(|g| g.name.clone()));
        words.extend(
            s.actors
                .attacker
                .iter()
                .filter(|w| w.starts_with(char::is_uppercase))
                .cloned(),
        );
        words.extend(
            s.scenario
                .host_names
                .iter()
                .filter(|h| h.starts_with(char::is_uppercase))
                .cloned(),
        );
    }
    words.retain(|w| w.len() >= 3);
    let mut files = Vec::new();
    rust_files(&manifest("src"), &mut files);
    let mut found = Vec::new();
    // score.py's own country table, mirrored
    files.retain(|f| !f.ends_with("eval/names.rs"));
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        // code only: a module's tests, and comments, may name anything
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or("");
            let lower = line.to_lowercase();
            for w in &words {
                let w = w.to_lowercase();
                let hit = lower.match_indices(&w).any(|(i, _)| {
                    let before = lower[..i].chars().next_back();
                    let after = lower[i + w.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                });
                if hit {
                    found.push(format!("{}:{}: {w}", f.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

// ---- docs -----------------------------------------------------------------

/// The keys of `v`, not looking inside tables of words (`skip`).
fn keys_of(v: &toml::Value, skip: &[&str], out: &mut Vec<String>) {
    match v {
        toml::Value::Table(t) => {
            for (k, v) in t {
                out.push(k.clone());
                if !skip.contains(&k.as_str()) {
                    keys_of(v, skip, out);
                }
            }
        }
        toml::Value::Array(a) => a.iter().for_each(|v| keys_of(v, skip, out)),
        _ => {}
    }
}

/// Every key the shipped files use is documented in config/README.md (an
/// inline table's keys are words, not settings: `irregular`, `units`...).
#[test]
fn config_readme_documents_every_key() {
    let readme = fs::read_to_string(manifest("config/README.md")).unwrap();
    let mut files: Vec<PathBuf> = vec![
        manifest("config/language/english.toml"),
        manifest("config/ui.toml"),
        manifest("config/serve.toml"),
    ];
    for s in ["afghanistan-2021", "syria-2024"] {
        files.extend(FILES.iter().map(|f| manifest("config").join(s).join(f)));
    }
    let word_tables = [
        "irregular",
        "units",
        "scales",
        "ordinals",
        "collective",
        "fractions",
        "colors",
        "keys",
    ];
    let documented =
        |k: &str| readme.contains(&format!("{k}`")) || readme.contains(&format!("[{k}]"));
    let mut missing = Vec::new();
    for f in files {
        let v: toml::Value = toml::from_str(&fs::read_to_string(&f).unwrap()).unwrap();
        let mut keys = Vec::new();
        keys_of(&v, &word_tables, &mut keys);
        for k in keys.into_iter().filter(|k| !documented(k)) {
            missing.push(format!("{}: {k}", f.display()));
        }
    }
    // and every key the loader accepts, shipped or not
    let mut accepted = 0;
    for f in [
        "src/config/schema.rs",
        "src/ui/config.rs",
        "src/ssh/config.rs",
    ] {
        for (owner, k) in deserialized_fields(&fs::read_to_string(manifest(f)).unwrap()) {
            accepted += 1;
            if !documented(&k) {
                missing.push(format!("{f}: {owner}.{k}"));
            }
        }
    }
    assert!(
        accepted > 200,
        "{accepted} keys found in the loader's structs"
    );
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "undocumented: {missing:#?}");
}

/// (struct, key) for each field of the structs that derive `Deserialize`
/// in `src`: the keys a config file may hold (`#[serde(rename)]` applied).
fn deserialized_fields(src: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut derives = false;
    let mut owner: Option<String> = None;
    let mut rename: Option<String> = None;
    for line in src.lines() {
        let t = line.trim();
        if let Some(name) = &owner {
            if line == "}" {
                owner = None;
            } else if let Some(r) = t.strip_prefix("#[serde(rename = \"") {
                rename = r.split('"').next().map(str::to_string);
            } else if let Some((field, _)) = t.trim_start_matches("pub ").split_once(':') {
                if !t.starts_with("//") && field.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                {
                    out.push((
                        name.clone(),
                        rename.take().unwrap_or_else(|| field.to_string()),
                    ));
                }
            }
        } else if t.starts_with("#[derive(") {
            derives = t.contains("Deserialize");
        } else if let Some(rest) = t
            .strip_prefix("pub struct ")
            .or_else(|| t.strip_prefix("struct "))
        {
            if derives && t.ends_with('{') {
                owner = rest.split_whitespace().next().map(str::to_string);
            }
            derives = false;
        }
    }
    out
}

/// The Houthi media call their side "the army and the popular committees":
/// in the attacker's words that is the attacker, and "the army" alone is
/// still the government's.
#[test]
fn the_army_and_the_popular_committees_are_the_houthi_side() {
    let claim = "Al-Masirah announced that \"the army and the popular committees have liberated the city of al-Houta\" on Wednesday.";
    let v = read(yemen(), &[claim]);
    assert_eq!(standing(&v, "Houta"), "claimed");
    let v = read(
        yemen(),
        &["Government troops have liberated the city of al-Houta, officials said."],
    );
    assert_eq!(standing(&v, "Houta"), "held");
}

/// Yemen's seats of a governorate capital: its offices and the Central
/// Security camp.
#[test]
fn the_governorate_offices_and_the_security_camp_are_the_seats() {
    let took = "Houthi committees took over the governorate offices and the central security camp in al-Mahwit city on Tuesday, residents said.";
    let v = read(yemen(), &[took]);
    assert_eq!(standing(&v, "Mahwit"), "fallen");
    // one seat alone is not the city
    let v = read(
        yemen(),
        &["Houthi fighters took over the central security camp in al-Mahwit city on Tuesday, residents said."],
    );
    assert_ne!(standing(&v, "Mahwit"), "fallen");
}

/// A navy's ships sent to take people out are a deployment; a chartered
/// ferry sends nobody.
#[test]
fn a_navys_ships_are_a_deployment() {
    let deployed = |text: &str| senders(yemen(), text);
    assert_eq!(
        deployed("Ships of the Indian Navy evacuated diplomats from Aden on Sunday."),
        ["India"]
    );
    assert_eq!(
        deployed("Two Indian naval ships evacuated 300 citizens from Aden on Sunday."),
        ["India"]
    );
    assert!(deployed(
        "A ferry chartered by the Indian embassy evacuated 300 citizens from Aden on Sunday."
    )
    .is_empty());
}

#[test]
fn the_yemen_corpus_does_not_drop() {
    corpus_holds("yemen1", yemen(), 18, 0.85);
}

/// A second blind corpus on the fourth conflict (first run 0.846 in
/// tests/corpora/README.md); must not drop below today's figure.
#[test]
fn the_second_yemen_corpus_does_not_drop() {
    corpus_holds("yemen2", yemen(), 16, 0.97);
}

/// The fifth conflict's blind corpus, scored under config/sudan-2023
/// (written from the corpus's brief before it was seen; first run 0.673 in
/// tests/corpora/README.md); must not drop below today's figure.
#[test]
fn the_sudan_corpus_does_not_drop() {
    corpus_holds("sudan1", sudan(), 17, 0.98);
}

/// A second blind corpus on the fifth conflict (first run 0.796 in
/// tests/corpora/README.md); must not drop below today's figure.
#[test]
fn the_second_sudan_corpus_does_not_drop() {
    corpus_holds("sudan2", sudan(), 17, 0.82);
}

/// A third blind corpus on the fifth conflict (first run 0.797 in
/// tests/corpora/README.md); must not drop below today's figure.
#[test]
fn the_third_sudan_corpus_does_not_drop() {
    corpus_holds("sudan3", sudan(), 18, 0.95);
}

/// A fourth blind corpus on the Houthi advance (first run 0.617 in
/// tests/corpora/README.md); must not drop below today's figure.
#[test]
fn the_fourth_yemen_corpus_does_not_drop() {
    corpus_holds("yemen4", yemen(), 18, 0.82);
}

/// A fourth blind corpus on the Libyan uprising (first run 0.572 in
/// tests/corpora/README.md); must not drop below today's figure.
#[test]
fn the_fourth_libya_corpus_does_not_drop() {
    corpus_holds("libya4", libya(), 18, 0.70);
}

/// A blind corpus on a sixth conflict, scored under a scenario a user
/// wrote from config/README.md alone (first run 0.562 in
/// tests/corpora/README.md); must not drop below today's figure.
#[test]
fn the_first_iraq_corpus_does_not_drop() {
    corpus_holds("iraq1", iraq(), 16, 0.72);
}

/// A second blind corpus on the Iraq scenario, the real reporting of June
/// to August 2014 outlet by outlet (first run 0.814 in
/// tests/corpora/README.md).
#[test]
fn the_second_iraq_corpus_does_not_drop() {
    corpus_holds("iraq2", iraq(), 15, 0.90);
}

/// A third blind corpus on the Iraq scenario, outlets the first two had not
/// used (first run 0.551 in tests/corpora/README.md).
#[test]
fn the_third_iraq_corpus_does_not_drop() {
    corpus_holds("iraq3", iraq(), 17, 0.55);
}

/// Where a person arrives is the scene of what the person reports next,
/// past an untracked place on the way; the attackers reaching a city stop
/// short of it.
#[test]
fn where_a_reporter_arrives_is_the_town_reported_on() {
    let v = read(
        libya(),
        &["Our correspondent crossed into Libya from Egypt at Salloum overnight and has reached Tobruk. He reports that the town is in the hands of the protesters."],
    );
    assert_eq!(standing(&v, "Tobruk"), "fallen");
    let v = read(
        libya(),
        &["Rebel fighters crossed the desert from Brega overnight and have reached Ajdabiya. Residents say the town is in the hands of the protesters."],
    );
    assert_ne!(standing(&v, "Ajdabiya"), "fallen");
}

/// A purpose phrase of fighting whose object is the evacuation serves it:
/// "to support the evacuation of its nationals" sends a force to
/// evacuate; "to support the rebels" does not.
#[test]
fn a_force_sent_to_support_the_evacuation_is_a_deployment() {
    let deployed = |text: &str| senders(libya(), text);
    assert_eq!(
        deployed("South Korea has dispatched the destroyer Choi Young to the waters off Libya to support the evacuation of Korean nationals."),
        ["South Korea"]
    );
    assert_eq!(
        deployed("Canada is sending 20 military personnel to reinforce the air bridge between Malta and Tripoli."),
        ["Canada"]
    );
    assert!(
        deployed("Qatar is sending 20 military personnel to support the rebels in Benghazi.")
            .is_empty()
    );
}

/// A place in a list of a force's members says where part of it is, not
/// where the force goes: the force still serves the evacuation.
#[test]
fn a_place_among_a_forces_members_sends_it_nowhere_else() {
    let deployed = |text: &str| senders(libya(), text);
    assert_eq!(
        deployed("Some 430 British Service personnel, including around 120 RAF aircrew and ground crew at Malta and the crews of HMS Cumberland and HMS York, are now engaged in the evacuation operation."),
        ["United Kingdom"]
    );
    assert!(
        deployed("Britain has sent 430 personnel to Malta, including 120 RAF aircrew.").is_empty()
    );
}

/// "to reinforce security at the embassy": a purpose of fighting whose
/// object, a few words on, is the embassy protects it; one whose object
/// is the army fights.
#[test]
fn reinforcing_security_at_the_embassy_protects_it() {
    let deployed = |text: &str| senders(iraq(), text);
    assert_eq!(
        deployed("Update\n\nThe Pentagon said it was sending an additional 200 troops to Baghdad to reinforce security at the U.S. Embassy."),
        ["United States"]
    );
    assert!(deployed(
        "Update\n\nThe Pentagon said it was sending 200 troops to reinforce Iraqi army units fighting north of Baghdad."
    )
    .is_empty());
}

/// "Taking X is quite another": an act named as the subject of a present
/// "be" states no fall; "within striking distance of the outskirts of X"
/// is near X, no battle at it.
#[test]
fn an_act_named_or_a_distance_changes_nothing() {
    let (s, st) = fold(
        iraq(),
        &["Update\n\n\"Taking Baghdad, a city of seven million, is quite another,\" one diplomat said. The militants now stand within striking distance of the outskirts of Baghdad."],
    );
    for (p, c) in s.places.iter().zip(&st.capitals) {
        assert_eq!(c.status, Status::Held, "{}", p.name);
    }
}
