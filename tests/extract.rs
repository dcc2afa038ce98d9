//! One test per phenomenon of LABELING.md, on sentences written for the
//! test (not taken from the corpora). Each would fail without its rule.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use sitmon::config::Scenario;
use sitmon::model::Certainty;
use sitmon::state::{Status, Store};

mod common;
use common::article;

#[derive(Debug, Default, PartialEq)]
struct View {
    fallen: BTreeSet<String>,
    claimed: BTreeSet<String>,
    contested: BTreeSet<String>,
    deployments: BTreeMap<String, Option<u32>>,
    reported: Option<u32>,
}

/// The state after reading the articles in order.
fn state(articles: &[&str]) -> View {
    let scenario = Arc::new(Scenario::builtin());
    let mut store = Store::new(scenario.clone());
    for (i, a) in articles.iter().enumerate() {
        store.upsert(article(&format!("{i:03}.txt"), a));
    }
    let st = store.state();
    let mut v = View::default();
    for (p, c) in scenario.places.iter().zip(&st.capitals) {
        match c.status {
            Status::Fallen => {
                v.fallen.insert(p.name.clone());
                if c.certainty == Some(Certainty::Claimed) {
                    v.claimed.insert(p.name.clone());
                }
            }
            Status::Contested => {
                v.contested.insert(p.name.clone());
            }
            Status::Held => {}
        }
    }
    for d in st.deployments.values() {
        v.deployments.insert(
            scenario.countries[d.country as usize].name.clone(),
            d.troops,
        );
    }
    v.reported = st.reported_fallen;
    v
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn one(text: &str) -> View {
    state(&[text])
}

// --- falls, claims and confirmations ------------------------------------

#[test]
fn plain_report_of_a_fall_is_confirmed() {
    let v = one("Insurgents overran Ghazni on Thursday after a night of shelling.");
    assert_eq!(v.fallen, set(&["Ghazni"]));
    assert!(v.claimed.is_empty());
}

#[test]
fn attacker_statement_is_only_a_claim() {
    let v = one("A Taliban spokesman said their fighters had captured Farah on Tuesday.");
    assert_eq!(v.claimed, set(&["Farah"]));
}

#[test]
fn confirmation_by_an_official_lifts_the_claim() {
    let v = state(&[
        "The Taliban said they had seized Maimana. The claim could not be verified.",
        "A provincial council member confirmed that Maimana had been surrendered.",
    ]);
    assert_eq!(v.fallen, set(&["Maimana"]));
    assert!(v.claimed.is_empty());
}

#[test]
fn a_later_claim_does_not_undo_a_confirmation() {
    let v = state(&[
        "Officials said Gardez fell to the insurgents overnight.",
        "The Taliban claimed to have captured Gardez.",
    ]);
    assert!(v.claimed.is_empty());
    assert_eq!(v.fallen, set(&["Gardez"]));
}

#[test]
fn reported_speech_keeps_its_speaker_across_and_that() {
    let v = one("The insurgents say they have taken the governor's office and that Khost is under their control.");
    assert_eq!(v.claimed, set(&["Khost"]));
}

/// A curly quote right before a speaker's name with an appositive: the
/// search for the name's start once cut inside the quote's bytes (a
/// panic that took a whole feed down).
#[test]
fn a_curly_quote_before_an_appositive_speaker_is_read() {
    let v = one("“The governor left the city in the morning and the elders negotiated with the Taliban,” said Sefatullah Samangani, the deputy governor, adding that the insurgents had taken over Aybak.");
    assert_eq!(v.fallen, set(&["Aybak"]));
}

#[test]
fn denial_changes_nothing() {
    let v = one("A defence ministry spokesman denied that Qalat had changed hands.");
    assert!(v.fallen.is_empty());
}

#[test]
fn negation_changes_nothing() {
    let v =
        one("Officials insist that Gardez has not fallen and that there is no fighting in Khost.");
    assert!(v.fallen.is_empty() && v.contested.is_empty());
}

// --- modality, history, recaps ------------------------------------------

#[test]
fn forecasts_and_fears_change_nothing() {
    let v = one(
        "Analysts fear Jalalabad could fall within days, and its capture would isolate the east.",
    );
    assert!(v.fallen.is_empty());
    let v = one("Mazar-i-Sharif is next in the crosshairs.");
    assert_eq!(v, View::default());
}

#[test]
fn history_changes_nothing() {
    let v = one("The movement first took Herat in 1995 and entered Kabul a year later.");
    assert_eq!(v, View::default());
    let v = one("Kunduz has changed hands before.");
    assert_eq!(v, View::default());
}

#[test]
fn a_fall_is_sticky_against_recaps_of_fighting() {
    let v = state(&[
        "Lashkar Gah fell to the Taliban on Friday, officials said.",
        "Heavy fighting continued in Lashkar Gah on Thursday, residents recalled.",
    ]);
    assert_eq!(v.fallen, set(&["Lashkar Gah"]));
    assert!(v.contested.is_empty());
}

#[test]
fn explicit_recapture_reverses_a_fall_and_fighting_makes_it_contested() {
    let v = state(&[
        "The Taliban seized Charikar on Sunday.",
        "Charikar, which the militants took two days ago, has been retaken by resistance forces, a commander said. Clashes went on at the edge of the city.",
    ]);
    assert!(v.fallen.is_empty());
    assert_eq!(v.contested, set(&["Charikar"]));
}

#[test]
fn clearing_some_sites_is_not_a_recapture() {
    let v = state(&[
        "Kunduz fell to the Taliban on Sunday.",
        "Commandos said they had retaken a number of buildings in the city.",
    ]);
    assert_eq!(v.fallen, set(&["Kunduz"]));
}

// --- battles ---------------------------------------------------------------

#[test]
fn entering_or_besieging_a_city_is_a_battle() {
    let v =
        one("Taliban fighters entered Faizabad on Monday. Insurgents have also encircled Taloqan.");
    assert_eq!(v.contested, set(&["Faizabad", "Taloqan"]));
}

#[test]
fn a_repelled_attack_ends_the_battle() {
    let v = state(&[
        "Fighting raged inside Pul-i-Khumri overnight.",
        "Government troops repelled the assault on Pul-i-Khumri and drove the attackers back.",
    ]);
    assert!(v.contested.is_empty());
}

#[test]
fn trying_to_push_them_back_is_still_a_battle() {
    let v = one("Militants entered Kandahar, but the army was fighting to push them back.");
    assert_eq!(v.contested, set(&["Kandahar"]));
}

#[test]
fn landmarks_are_not_the_place_of_the_event() {
    let v = one("Insurgents seized a district centre close to Kabul and fighting raged on the road to Ghazni.");
    assert_eq!(v, View::default());
}

#[test]
fn being_surrounded_by_held_districts_is_no_battle() {
    let v = one(
        "The government still holds Gardez and Khost, both surrounded by Taliban-held districts.",
    );
    assert_eq!(v, View::default());
}

// --- coreference -----------------------------------------------------------

#[test]
fn rank_descriptions_name_cities() {
    let v = one("Afghanistan's fourth-largest city fell to the insurgents on Saturday.");
    assert_eq!(v.fallen, set(&["Mazar-i-Sharif"]));
    let v = one("The militants captured the nation's second and third largest cities.");
    assert_eq!(v.fallen, set(&["Kandahar", "Herat"]));
}

#[test]
fn capital_of_a_province_names_its_capital() {
    let v = one("The capital of Logar province fell on Saturday, a lawmaker said.");
    assert_eq!(v.fallen, set(&["Pul-i-Alam"]));
    let v = one("Taliban units stormed the Ghor provincial capital on Friday.");
    assert_eq!(v.contested, set(&["Feroz Koh"]));
}

#[test]
fn a_province_alone_names_no_capital() {
    let v = one("The Taliban now control most of Helmand and fighting spread across Balkh.");
    assert_eq!(v, View::default());
}

#[test]
fn the_city_points_back_to_the_last_city_taking_part() {
    let v = one("Officials in Nili said the governor had left the city before dawn and the insurgents walked in.");
    assert_eq!(v.fallen, set(&["Nili"]));
    let v = one("KABUL — Residents of Bamyan said the governor had fled. The city was taken without a fight on Sunday.");
    assert_eq!(v.fallen, set(&["Bamyan"]));
}

#[test]
fn relative_clauses_carry_their_own_facts() {
    let v = one("Sharana, which elders said was handed over on Saturday, is quiet.");
    assert_eq!(v.fallen, set(&["Sharana"]));
}

#[test]
fn aliases_are_understood() {
    let v = one("Fighters seized Pol-e Khomri and Shiberghan, and laid siege to Chaghcharan.");
    assert_eq!(v.fallen, set(&["Pul-i-Khumri", "Sheberghan"]));
    assert_eq!(v.contested, set(&["Feroz Koh"]));
}

// --- deployments -------------------------------------------------------------

#[test]
fn figures_in_words_and_totals() {
    let v = one(
        "The Pentagon is sending two thousand troops to secure the airport for the evacuation.",
    );
    assert_eq!(v.deployments.get("United States"), Some(&Some(2000)));
}

#[test]
fn additional_adds_and_a_stated_total_wins() {
    let v = state(&[
        "Britain will send about 700 soldiers to help evacuate its nationals.",
        "London is deploying an additional 100 troops.",
    ]);
    assert_eq!(v.deployments.get("United Kingdom"), Some(&Some(800)));
    let v = state(&[
        "Britain will send about 700 soldiers to help evacuate its nationals.",
        "Britain is sending a further 150 troops, bringing the total deployed for the airlift to 1,000.",
    ]);
    assert_eq!(v.deployments.get("United Kingdom"), Some(&Some(1000)));
}

#[test]
fn a_vague_mention_keeps_the_figure() {
    let v = state(&[
        "Denmark is sending 100 soldiers to evacuate its embassy.",
        "Hundreds of Danish troops are being sent to support the evacuation.",
    ]);
    assert_eq!(v.deployments.get("Denmark"), Some(&Some(100)));
}

#[test]
fn aircraft_without_a_figure_is_a_deployment_with_no_number() {
    let v = one(
        "Norway said it had dispatched a military transport aircraft to fly out its diplomats.",
    );
    assert_eq!(v.deployments.get("Norway"), Some(&None));
}

#[test]
fn non_deployments() {
    // civilian flights, head-counts, withdrawals, evacuees, negation
    let v = one("A chartered passenger flight carried 150 Swedish citizens out of Kabul.");
    assert!(v.deployments.is_empty(), "{v:?}");
    let v = one("The embassy employs some 1,200 staff including 300 Australians.");
    assert!(v.deployments.is_empty(), "{v:?}");
    let v = one("Biden defended withdrawing US troops from the country.");
    assert!(v.deployments.is_empty(), "{v:?}");
    let v = one("Neither Paris nor Rome said it was sending soldiers.");
    assert!(v.deployments.is_empty(), "{v:?}");
    let v = one("Afghan troops retreated to the airport to evacuate the wounded.");
    assert!(v.deployments.is_empty(), "{v:?}");
}

#[test]
fn an_earlier_figure_referred_to_is_not_a_new_one() {
    let v = state(&[
        "Washington said it would send 3,000 troops to evacuate embassy staff.",
        "The president authorised about 5,000 US troops in all, up from the 3,000 announced on Thursday.",
    ]);
    assert_eq!(v.deployments.get("United States"), Some(&Some(5000)));
}

// --- reported tally ------------------------------------------------------------

#[test]
fn tallies_take_the_highest_total() {
    let v = state(&[
        "The insurgents have taken 14 of the country's 34 provincial capitals.",
        "Gardez is the ninth provincial capital to fall, by one outlet's older count.",
    ]);
    assert_eq!(v.reported, Some(14));
    let v = one("The militants now hold about a dozen provincial capitals.");
    assert_eq!(v.reported, Some(12));
    let v = one("Sheberghan became the 16th provincial capital to fall.");
    assert_eq!(v.reported, Some(16));
}

#[test]
fn partial_counts_are_not_totals() {
    let v = one("Three more provincial capitals fell on Friday, and four other provincial capitals were captured in the north.");
    assert_eq!(v.reported, None);
    let v = one("Three provincial capitals have fallen today.");
    assert_eq!(v.reported, None);
    let v = one("An envoy put the number of provincial capitals captured or under threat at 20.");
    assert_eq!(v.reported, None);
}

// --- live blogs ------------------------------------------------------------------

#[test]
fn live_blog_updates_apply_in_order() {
    let v = one(
        "10:05\nFighting is under way inside Taloqan, a lawmaker says.\n\
         11:40\nThe Taliban say their fighters have captured Taloqan.\n\
         13:15\nA council member confirms Taloqan is in Taliban hands.\n",
    );
    assert_eq!(v.fallen, set(&["Taloqan"]));
    assert!(v.claimed.is_empty() && v.contested.is_empty());
}

/// Scraped text carries odd characters anywhere: no-break and wide spaces,
/// curly quotes, dashes, emoji. Every corpus article with its spaces and
/// word ends salted with them must extract without a panic, and no-break
/// spaces alone must change nothing.
#[test]
fn unusual_characters_anywhere_never_panic() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora");
    let mut texts = Vec::new();
    for corpus in ["seeds", "dev", "heldout"] {
        for e in std::fs::read_dir(root.join(corpus)).expect("corpus") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "txt") {
                texts.push(std::fs::read_to_string(&p).expect("text"));
            }
        }
    }
    assert!(texts.len() > 20);
    const SPACES: [char; 4] = [' ', '\u{a0}', '\u{2003}', '\u{3000}'];
    const EXTRA: [&str; 6] = ["’", "é", "—", "🙂", "\u{200b}", "\u{a0}\u{a0}"];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for text in &texts {
        let salted: String = text
            .chars()
            .flat_map(|c| {
                let r = next();
                let mut out = String::new();
                if c == ' ' {
                    out.push(SPACES[(r % 4) as usize]);
                } else {
                    out.push(c);
                }
                if r % 29 == 0 {
                    out.push_str(EXTRA[((r >> 8) % 6) as usize]);
                }
                out.chars().collect::<Vec<_>>()
            })
            .collect();
        let _ = state(&[&salted]);
    }
    // Read as a file is, no-break spaces are plain spaces.
    let reader = sitmon::ingest::Reader::new(&Scenario::builtin());
    let read = |t: &str| {
        let (a, _) = reader
            .read_bytes(
                std::path::Path::new("a.txt"),
                "a.txt",
                t.as_bytes().to_vec(),
            )
            .expect("readable")
            .expect("an article");
        a.text
    };
    for text in texts.iter().take(5) {
        let nbsp = text.replace(' ', "\u{a0}");
        assert_eq!(
            state(&[&read(&nbsp)]),
            state(&[&read(text)]),
            "no-break spaces read as spaces"
        );
    }
}
