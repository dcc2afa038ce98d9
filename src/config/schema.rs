//! The on-disk shape of `config/*.toml`. Every scenario word lives here,
//! never in code. See `config/README.md` for the meaning of each field.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `scenario.toml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub name: String,
    /// Years before this one are history ("in 1996 the rebels took Arden").
    pub year: i32,
    /// Names of the country the conflict is in; its own troops are never an
    /// evacuation deployment, and "Ruritania's third-largest city" ranks in it.
    pub host_names: Vec<String>,
    /// How many provincial capitals there are ("11 of 34").
    pub total_capitals: u32,
    /// The language of the articles: `language.toml` in the scenario's
    /// folder, else `../language/NAME.toml`, else the built-in one.
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub ingest: IngestFile,
    #[serde(default)]
    pub figures: FiguresFile,
    #[serde(default)]
    pub names: NamesFile,
}

/// `[names]`: how the place names of the conflict's language are written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamesFile {
    /// Articles that may be joined to any place name by a hyphen ("al-"):
    /// every name also matches with each of them in front.
    #[serde(default)]
    pub articles: Vec<String>,
    /// Articles that take the sound of the name's first consonant ("az-"
    /// before a Z, "ash-" before Sh): a name matches with each whose
    /// letters after the first begin it.
    #[serde(default)]
    pub assimilated_articles: Vec<String>,
}

impl NamesFile {
    /// The article forms a name may be written with ("az-zarden" for
    /// "Zarden"), lower case, hyphen included.
    pub fn articled(&self, name: &str) -> Vec<String> {
        let lower = name.to_lowercase();
        let starts_with_article = self
            .articles
            .iter()
            .chain(&self.assimilated_articles)
            .any(|a| {
                lower
                    .strip_prefix(a.as_str())
                    .is_some_and(|rest| rest.starts_with(['-', ' ']))
            });
        if starts_with_article {
            return Vec::new();
        }
        let assimilated = self.assimilated_articles.iter().filter(|a| {
            let mut chars = a.chars();
            chars.next();
            let sound = chars.as_str();
            !sound.is_empty() && lower.starts_with(sound)
        });
        self.articles
            .iter()
            .chain(assimilated)
            .map(|a| format!("{a}-{lower}"))
            .collect()
    }
}

/// `[figures]`: what a reported figure may be before it is taken as a count.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiguresFile {
    /// Troop figures above this are not counts (a typo, a garbled page, a
    /// budget in dollars): the deployment is kept without a figure, with a
    /// warning.
    #[serde(default = "default_max_troops")]
    pub max_troops: u32,
}

fn default_language() -> String {
    "english".to_string()
}

fn default_max_troops() -> u32 {
    1_000_000
}

impl Default for FiguresFile {
    fn default() -> Self {
        FiguresFile {
            max_troops: default_max_troops(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestFile {
    /// Files larger than this are skipped with a warning.
    #[serde(default = "default_max_bytes")]
    pub max_file_bytes: u64,
}

fn default_max_bytes() -> u64 {
    4 * 1024 * 1024
}

impl Default for IngestFile {
    fn default() -> Self {
        IngestFile {
            max_file_bytes: default_max_bytes(),
        }
    }
}

/// `places.toml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacesFile {
    #[serde(rename = "capital")]
    pub capitals: Vec<CapitalEntry>,
    /// Places the monitor does not track (towns, bases, crossings, capitals
    /// outside the story): the text can name them, and "the town" after one
    /// means it, but nothing that happens there changes the state.
    #[serde(rename = "place", default)]
    pub untracked: Vec<PlaceEntry>,
}

/// Where a tracked place stands before the first article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Initial {
    #[default]
    Held,
    Contested,
    Fallen,
}

/// An untracked place.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceEntry {
    pub name: String,
    /// What it is ("town", "air base", "border crossing"), for explanations.
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The province it is the capital of, for a provincial capital the
    /// story leaves out: "the capital of Westmarch province" names it.
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub province_aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapitalEntry {
    pub name: String,
    pub province: String,
    /// Other spellings of the city.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Other spellings of the province.
    #[serde(default)]
    pub province_aliases: Vec<String>,
    pub lat: f64,
    pub lon: f64,
    /// Size rank in the country: 2 makes "the second-largest city" name it.
    #[serde(default)]
    pub rank: Option<u32>,
    /// The national capital: "the capital", "the Ruritanian capital" name it.
    #[serde(default)]
    pub national_capital: bool,
    /// Other phrases that name it ("the biggest city in the north").
    #[serde(default)]
    pub descriptions: Vec<String>,
    /// Where it stands before the first article (default held).
    #[serde(default)]
    pub initial: Initial,
    /// For a place that starts fallen: the attacking group holding it
    /// (default: the generic attacker).
    #[serde(default)]
    pub controller: Option<String>,
}

/// `countries.toml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountriesFile {
    #[serde(rename = "country")]
    pub countries: Vec<CountryEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryEntry {
    /// Short English name, as reported in snapshots.
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// "British", "German".
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Capitals, ministries, armed forces and leaders that stand for the
    /// government: "the White House", "Whitehall", "the Elysee".
    #[serde(default)]
    pub metonyms: Vec<String>,
}

/// `actors.toml`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorsFile {
    /// Words that name the defending government and its forces.
    pub defender: Vec<String>,
    /// The attacking groups; one of them (the only one, or the one marked
    /// `generic`) is the attacking side in general.
    pub attacker: Vec<AttackerEntry>,
    /// Others with forces in the country, whose moves are never falls.
    #[serde(default)]
    pub third_party: Vec<ThirdPartyEntry>,
}

/// One attacking group.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttackerEntry {
    /// As reported as a fallen place's controller.
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Words that name the group, its fighters or its spokesmen.
    pub names: Vec<String>,
    /// Its words name the attacking side without naming a group
    /// ("rebels"); it is the controller when the text names no group.
    #[serde(default)]
    pub generic: bool,
}

/// A third party: a state or force that is neither side.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThirdPartyEntry {
    pub name: String,
    /// Words that name its forces ("Israeli troops"), not the country
    /// alone: those are in countries.toml.
    pub names: Vec<String>,
}

/// `lexicon.toml`: every trigger and cue word, grouped by what it does.
/// Keys ending in `verbs` (and `verbs`, `intransitive`) list verbs by their
/// base form; the other forms are generated (see `language.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    pub fall: EventWords,
    pub seats: Seats,
    pub contest: EventWords,
    pub partial: Partial,
    pub repel: EventWords,
    pub recapture: EventWords,
    pub liberate: EventWords,
    pub concede: EventWords,
    pub cues: Cues,
    pub context: Context,
    pub deployment: DeploymentWords,
    pub tally: TallyWords,
}

/// The seats of power whose capture is the city's fall.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seats {
    /// Groups of seats: the attacker taking one seat of every group in a
    /// clause is the city's fall (the governor's office and the police
    /// headquarters).
    pub city: Vec<Vec<String>>,
    /// The seat of government: alone, the national capital's fall.
    #[serde(default)]
    pub national: Vec<String>,
}

/// Partial control ("most of X") while fighting goes on: a battle.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partial {
    pub phrases: Vec<String>,
    /// Parts of a city after its possessive: "9 of the city's 10 police
    /// districts", "X's northern suburbs" are part of it.
    #[serde(default)]
    pub possessed: Vec<String>,
    /// Quantifiers before a part: with each of `possessed` and "of" they
    /// make a partial phrase ("several quarters of X", "some districts of").
    #[serde(default)]
    pub quantifiers: Vec<String>,
}

/// Trigger words for one kind of event, by where the place stands.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventWords {
    /// Transitive verbs (base forms): the place is the object ("captured
    /// X"), or the subject of the passive ("X was captured").
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Intransitive verbs (base forms): the place is the subject ("X fell").
    #[serde(default)]
    pub intransitive: Vec<String>,
    /// Intransitive verbs counted only bare: with nothing after them but a
    /// time or the clause's end ("X went on Friday", "X has gone", not "X
    /// went on fighting").
    #[serde(default)]
    pub intransitive_bare: Vec<String>,
    /// Event nouns: "the fall of X", "X's fall".
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Literal phrases; the place follows: "fighting in X".
    #[serde(default)]
    pub object: Vec<String>,
    /// Literal phrases; the place precedes: "X is in rebel hands".
    #[serde(default)]
    pub subject: Vec<String>,
    /// Literal phrases; the place is the nearest on either side.
    #[serde(default)]
    pub either: Vec<String>,
    /// Status phrases after a label: "Arden: rebel control", a table row
    /// "Arden | rebel control | 12 May". Only between a separator after a
    /// place and the end of the cell.
    #[serde(default)]
    pub label: Vec<String>,
    /// Verbs counted only when the attacker is named in the clause: "the
    /// rebels hold X" but not "the government still holds X".
    #[serde(default)]
    pub verbs_if_attacker: Vec<String>,
    /// Verbs whose place follows a locative preposition after their
    /// object ("fought running battles with the rebels in X"), counted
    /// only when the attacker is named in the clause.
    #[serde(default)]
    pub locative_verbs: Vec<String>,
    #[serde(default)]
    pub object_if_attacker: Vec<String>,
    #[serde(default)]
    pub subject_if_attacker: Vec<String>,
    /// Verbs counted only when the defender is named before them
    /// ("officials left the city", not "a flight that left Arden").
    #[serde(default)]
    pub verbs_if_defender: Vec<String>,
    #[serde(default)]
    pub object_if_defender: Vec<String>,
    /// Look-alikes that are never triggers: verbs ("fall silent") and
    /// literal phrases.
    #[serde(default)]
    pub not_verbs: Vec<String>,
    #[serde(default)]
    pub not: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    /// Reported speech: the speaker is the source of what is said.
    pub speech_verbs: Vec<String>,
    pub speech: Vec<String>,
    /// Speech cues whose speaker follows: "according to X".
    pub speech_speaker_after: Vec<String>,
    /// Claim words: a fact reported with these is only a claim.
    pub claim_verbs: Vec<String>,
    pub claim: Vec<String>,
    /// The outlet could not verify: claims in the article stay claims.
    pub unverified: Vec<String>,
    /// Speech words that confirm: a non-attacker who "confirmed" or
    /// "acknowledged" a fall makes it confirmed, whatever else is said.
    pub confirm_verbs: Vec<String>,
    pub confirm: Vec<String>,
    /// Denial words: the clause they govern changes nothing.
    pub deny_verbs: Vec<String>,
    pub deny: Vec<String>,
    /// Negation within a clause.
    pub negation: Vec<String>,
    /// Words that cancel a following negation cue ("not only").
    pub negation_pseudo: Vec<String>,
    /// Phrases that hold a modality phrase and mean no forecast ("within
    /// hours of each other": a span between past events).
    #[serde(default)]
    pub modality_pseudo: Vec<String>,
    /// Hedges, forecasts, conditions and fears.
    pub modality_verbs: Vec<String>,
    /// Verbs of prevention (base forms): what they govern, right after
    /// them, has not happened ("to avert an assault on X").
    #[serde(default)]
    pub prevention_verbs: Vec<String>,
    /// Verbs of command (base forms): what they send someone "to" do has
    /// not happened ("ordered its fighters to remain at the gates of X").
    #[serde(default)]
    pub directive_verbs: Vec<String>,
    pub modality: Vec<String>,
    /// Placed right before a trigger, make it an attempt ("trying to force
    /// them out", "in an effort to dislodge").
    pub attempt: Vec<String>,
    /// History markers beyond old years ("has changed hands before").
    pub history: Vec<String>,
    /// A force's peak ("at its height"): history unless the sentence is
    /// about the evacuation ("at its peak the force at the airport numbered").
    #[serde(default)]
    pub peak: Vec<String>,
    /// Phrases after which a year is not history ("since 2001").
    pub history_pseudo: Vec<String>,
    /// Openings that make a whole document one side's voice ("Statement of
    /// the Islamic Emirate").
    pub document_voice: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// Prepositions that make the place that follows a landmark, not a
    /// participant ("near Arden", "south of Arden", "road to Calder").
    pub landmark_before: Vec<String>,
    /// Nouns after a place that make it a modifier ("Dunmore airport").
    pub landmark_after: Vec<String>,
    /// People and bodies: "officials in Arden" locate a speaker.
    pub people: Vec<String>,
    /// Words that may stand between a trigger and its object place
    /// ("captured the key southern city of X").
    pub object_gap: Vec<String>,
    /// Adverbials that may also stand there ("took without a shot on
    /// Tuesday X").
    pub adverbial_gap: Vec<String>,
    /// Extra words that may stand between a fighting word and its place
    /// ("fighting was still going on in the centre of X").
    pub contest_gap: Vec<String>,
    /// Words that may stand between a subject place and its trigger
    /// ("X has now also fallen").
    pub subject_gap: Vec<String>,
    /// Words that may join the places of one list ("X, Y and Z").
    pub list_gap: Vec<String>,
    /// Definite descriptions that point back to the last city named.
    pub city_anaphora: Vec<String>,
    /// One of these may follow the determiner of a city anaphor ("the
    /// entire city").
    #[serde(default)]
    pub anaphor_modifiers: Vec<String>,
    /// Plural descriptions that point back to the places of one list
    /// ("both cities", "the two towns").
    #[serde(default)]
    pub plural_anaphora: Vec<String>,
    /// Pronouns that point back to a city named in this or the last sentence.
    pub pronouns: Vec<String>,
    /// Possessive pronouns that do so ("its fall"); never an object.
    pub possessive_pronouns: Vec<String>,
    /// Words between a description and the name it describes ("the
    /// capital, also called Calder").
    pub apposition: Vec<String>,
    /// "capital of", "the capitals of": followed by a province (or a list
    /// of them), they name its capital.
    pub capital_of: Vec<String>,
    /// Like `capital_of`, but only before a province named as one ("the
    /// centre of Eastmarch province").
    pub seat_of: Vec<String>,
    /// After a province: "Northmarch provincial capital", "Eastmarch's provincial centre".
    pub province_capital_suffix: Vec<String>,
    /// Words before a province name that make it the province, not the city.
    pub province_words: Vec<String>,
    /// Size words for ranks ("largest", "biggest").
    pub size_words: Vec<String>,
    /// Nouns for a city in rank phrases ("city", "cities").
    pub city_nouns: Vec<String>,
    /// Phrases that name the national capital ("the capital", "the {host}
    /// capital").
    pub national_capital: Vec<String>,
    /// Of those, the bare ones that after a province set as the scene
    /// ("In Westmarch, the rebels took the capital") name its capital.
    #[serde(default)]
    pub scene_capital: Vec<String>,
    /// Nouns that introduce a place's name ("the town of X").
    pub place_nouns: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploymentWords {
    /// Sending verbs: "send", "deploy", "dispatch", "authorise".
    pub verbs: Vec<String>,
    /// Literal sending phrases ("deployment", "took off").
    pub sending: Vec<String>,
    /// Evacuation words: "evacuate", "airlift", "fly out".
    pub evacuation: Vec<String>,
    /// Military people that carry a troop count.
    pub troops: Vec<String>,
    /// Military assets without a count: "special forces", "military aircraft"
    /// (each also with "s": "C-17s").
    pub assets: Vec<String>,
    /// Civilian transport: never a deployment.
    pub civilian: Vec<String>,
    /// Nouns after a country that make it the evacuees' country or a
    /// landmark, not the sender ("British nationals", "US embassy").
    pub not_sender_after: Vec<String>,
    /// Of those, the nouns that name the evacuees or their mission ("British
    /// nationals", "US embassy"): with no sender named, their country is
    /// the one evacuating them.
    pub beneficiary_after: Vec<String>,
    /// Words before a country that make it a place, not the sender.
    pub not_sender_before: Vec<String>,
    /// Words before a country that make it where the troops go.
    pub destination_before: Vec<String>,
    /// Words a few words before a destination word that make the place an
    /// origin: "from its base in Y" is where a force comes from.
    #[serde(default)]
    pub origin_before: Vec<String>,
    /// Nouns naming a country's place right before the name ("the Freedonian
    /// capital Lorvik"): the word before them decides whether it is a
    /// place.
    #[serde(default)]
    pub place_heads: Vec<String>,
    /// Phrases that make a force where it stands a garrison ("for years"):
    /// its figure is no evacuation force.
    #[serde(default)]
    pub standing: Vec<String>,
    /// Verbs of keeping a force where it is ("keep", "remain"), by base
    /// form: away from any tracked place and with no evacuation said, the
    /// force serves another mission.
    #[serde(default)]
    pub standing_verbs: Vec<String>,
    /// Long spans ("years", "decades") after one of `standing_prepositions`
    /// ("for", "since") within a few words: "for many years", "since
    /// years" make a force a garrison, as `standing` does.
    #[serde(default)]
    pub standing_spans: Vec<String>,
    #[serde(default)]
    pub standing_prepositions: Vec<String>,
    /// Military exercises ("joint exercises", "drills"): anywhere in a
    /// sentence, its troops are no evacuation force.
    #[serde(default)]
    pub exercises: Vec<String>,
    /// Modals of permission ("may", "can") among `hedges`: beside one of
    /// `authorisations` ("mandate", "approved") they hedge nothing ("the
    /// mandate: up to 600 soldiers may be deployed").
    #[serde(default)]
    pub permission_modals: Vec<String>,
    #[serde(default)]
    pub authorisations: Vec<String>,
    /// Nouns for a unit of a force ("group", "team", "detachment"): "a
    /// group of Ruritanian troops" are their country's, not passengers.
    #[serde(default)]
    pub force_units: Vec<String>,
    /// "additional", "further", "more".
    pub additional: Vec<String>,
    /// Phrases that introduce a stated total: "taking the number to".
    pub total_markers: Vec<String>,
    /// After troops, a standing count ("forces number about 1,000").
    pub count_verbs: Vec<String>,
    /// Phrases before a number that make it an earlier figure ("up from").
    pub previous_markers: Vec<String>,
    /// Withdrawal words: anywhere in a sentence, not a deployment.
    pub withdrawal: Vec<String>,
    /// Withdrawal verbs by their base form, every form of which is a
    /// withdrawal word ("withdraw": "withdrew", "withdrawn", "withdraws").
    #[serde(default)]
    pub withdrawal_verbs: Vec<String>,
    /// Fighting and past service: in a clause, not a deployment.
    pub combat: Vec<String>,
    /// Troops kept or sent elsewhere than the host country ("on standby").
    pub elsewhere: Vec<String>,
    /// Where a force stands, said without a sending ("at the airport",
    /// "there"): its figure updates a country already deploying.
    #[serde(default)]
    pub presence: Vec<String>,
    /// After an `elsewhere` word, a route on the way in ("staging
    /// through", "via"): the force is still the evacuation's.
    #[serde(default)]
    pub route: Vec<String>,
    /// Words before the two ends of a route ("flights between Arden and
    /// Brook"): neither end sends. Also list them in `not_sender_before`.
    #[serde(default)]
    pub between: Vec<String>,
    /// Hedges that make a sending only considered ("could send",
    /// "considering sending").
    pub hedges: Vec<String>,
    /// Words that may stand between a number and its troop noun
    /// ("3,000 additional US troops").
    pub number_gap: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TallyWords {
    /// Nouns counted: "provincial capitals".
    pub nouns: Vec<String>,
    /// Singular nouns for ordinals: "the ninth provincial capital".
    pub ordinal_nouns: Vec<String>,
    /// Words between a count and its noun that make it a partial count
    /// ("nine other", "two more", "three northern").
    pub partial_between: Vec<String>,
    /// Phrases after the noun that make it partial ("today", "alone").
    pub partial_after: Vec<String>,
    /// Phrases in the clause that make it a count of something else
    /// ("under threat").
    pub disqualifiers: Vec<String>,
    /// Nouns after "N of 34" that count something else ("provinces").
    pub other_nouns: Vec<String>,
    /// Phrases that introduce a total: "bringing the number to", "at".
    pub total_markers: Vec<String>,
    /// Total markers by the lemma of their verb: "bring the number" also
    /// gives "brings", "brought" and "bringing the number".
    #[serde(default)]
    pub total_verbs: Vec<String>,
    /// Words that tie a count to falling: "fallen", "taken", "lost".
    pub fall_words: Vec<String>,
    /// Fall words that say who holds: a count the defender holds ("the
    /// government still held all 34 capitals") counts no fallen ones.
    #[serde(default)]
    pub hold_words: Vec<String>,
    /// Words before the holder that say the capitals left its hands:
    /// "out of the government's hands", "taken from the government".
    #[serde(default)]
    pub lost_from: Vec<String>,
}

/// `language.toml`: the language of the articles, apart from any conflict.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageFile {
    pub inflection: Inflection,
    pub words: FunctionWords,
    pub numbers: NumberWords,
    pub sentences: SentenceWords,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inflection {
    /// base = [past tense, past participle]
    pub irregular: BTreeMap<String, [String; 2]>,
    /// Verbs beyond one syllable that double their last consonant.
    pub doubled: Vec<String>,
    /// Prefixes that make a verb of a verb and keep its doubling
    /// ("over" + "run": "overrunning").
    #[serde(default)]
    pub verb_prefixes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionWords {
    pub determiners: Vec<String>,
    pub definite: Vec<String>,
    /// Indefinite articles that count one before a scale ("a thousand").
    pub indefinite: Vec<String>,
    /// "that province": a demonstrative points back to the last province.
    pub demonstratives: Vec<String>,
    pub possessives: Vec<String>,
    /// Endings that make a word possessive ("France's", "the rebels'").
    pub possessive_suffixes: Vec<String>,
    /// Words with a possessive's ending that are none ("that's", "it's").
    #[serde(default)]
    pub contractions: Vec<String>,
    /// Adjectives of force a noun of attack may take ("under renewed
    /// attack"): what a lexicon phrase's `{intensity}` stands for.
    #[serde(default)]
    pub intensifiers: Vec<String>,
    /// Auxiliaries of "do"-support: "if X does not send" acts by "send".
    #[serde(default)]
    pub do_support: Vec<String>,
    /// Verbs of forcing a way forward, by lemma ("push", "press", "pour"):
    /// what a lexicon phrase's `{advance}` stands for ("{advance} into").
    #[serde(default)]
    pub advance_verbs: Vec<String>,
    /// Verbs, by lemma, whose participle after a comma tells what the
    /// clause before it leads to ("..., leaving X encircled"): the
    /// participle shares that clause's hedge.
    #[serde(default)]
    pub consequence_verbs: Vec<String>,
    /// What, right after a verb's object, makes the verb an idiom ("had
    /// taken X by surprise", "took X for granted"): no event for X.
    #[serde(default)]
    pub object_idioms: Vec<String>,
    /// Nouns of fighting ("battles", "clashes"): the side a few words
    /// after one is who the fight is with, not who acts.
    #[serde(default)]
    pub fight_nouns: Vec<String>,
    /// First-person plural words ("we", "our"): a document that names its
    /// own side with them ("our forces of the X") speaks for that side.
    #[serde(default)]
    pub first_person: Vec<String>,
    /// Words that may follow a bare-only verb ("X went overnight"); "on",
    /// "by" and the like count before a date word.
    #[serde(default)]
    pub bare_after: Vec<String>,
    #[serde(default)]
    pub bare_date_prepositions: Vec<String>,
    /// Labels a fact check puts before what it checks ("CLAIM:"): no
    /// deployment is read from the line.
    #[serde(default)]
    pub claim_labels: Vec<String>,
    /// Conjunctions of time and condition ("until", "once"): a clause they
    /// open with its verb in the present tells what is to come.
    #[serde(default)]
    pub condition_openers: Vec<String>,
    /// Verbs of seeing for oneself, by lemma ("find", "see"): like a speech
    /// verb, they tie "the town" to the place of the one who saw it ("our
    /// correspondent, who reached X, found the town in rebel hands").
    #[serde(default)]
    pub witness_verbs: Vec<String>,
    /// Verbs of arriving, by lemma ("reach", "arrive in"): a place a
    /// person arrives at, a landmark after the attackers' "reached", is
    /// the scene of what the person reports next ("our correspondent has
    /// reached X. He says the town is calm").
    #[serde(default)]
    pub arrival_verbs: Vec<String>,
    /// Joined to a side's names, they name the same side: "-linked",
    /// "-run" after ("Rebel-linked accounts"), "pro-" before
    /// ("pro-government militias").
    #[serde(default)]
    pub affiliation_suffixes: Vec<String>,
    #[serde(default)]
    pub affiliation_prefixes: Vec<String>,
    /// Words after "the city" that set it against its parts just named
    /// ("the X airport is still held; the city itself fell"): "itself",
    /// "proper".
    #[serde(default)]
    pub intensives: Vec<String>,
    /// What a confirming verb takes for the claim just told ("officials
    /// confirmed it", "said the claim was true"): "it", "this", "the
    /// claim".
    #[serde(default)]
    pub claim_anaphora: Vec<String>,
    /// Words that say a claim holds ("true", "correct").
    #[serde(default)]
    pub truth_words: Vec<String>,
    /// Words that take a province whole ("full control of X province"):
    /// its capital falls with it.
    #[serde(default)]
    pub whole_markers: Vec<String>,
    /// Present forms of "be" ("is", "are"): "until X is free".
    #[serde(default)]
    pub present_be: Vec<String>,
    /// Verbs of checking a report, by lemma ("verify", "corroborate"):
    /// what a lexicon phrase's `{check}` stands for, in every form.
    #[serde(default)]
    pub check_verbs: Vec<String>,
    /// Prepositions that place an event in the part of a place that
    /// follows them ("clashes on the city's northern edge"): the place
    /// takes part, whatever a landmark preposition would say.
    #[serde(default)]
    pub part_prepositions: Vec<String>,
    /// Words between a place noun and its name ("the town of X").
    pub name_of: Vec<String>,
    /// Prepositions that place one place inside another ("X in Y").
    pub locative: Vec<String>,
    pub place_adjectives: Vec<String>,
    /// Verbs of entering a state: "X is under rebel control" is also "X
    /// passed under rebel control".
    #[serde(default)]
    pub change_verbs: Vec<String>,
    /// Quantifiers that take part of a list ("several of these cities").
    #[serde(default)]
    pub partitives: Vec<String>,
    /// News nouns whose preposition names the place reported on ("an
    /// update on Arden"), not a landmark.
    #[serde(default)]
    pub topic_nouns: Vec<String>,
    /// Prepositions that open a sentence to name its topic before a comma
    /// ("On X, our understanding is that the city ..."): X is no landmark.
    #[serde(default)]
    pub topic_frames: Vec<String>,
    /// Nouns of an audience or occasion of speech: a place right after
    /// "told a news conference in", "said at a briefing in" is where the
    /// speaker spoke, no landmark of the news.
    #[serde(default)]
    pub speech_settings: Vec<String>,
    /// Nouns of holding: the place after their preposition is the one held
    /// ("their hold on X", "its grip over X"), no landmark.
    #[serde(default)]
    pub hold_nouns: Vec<String>,
    /// Auxiliaries that open a condition by inversion ("Had X fallen, ...").
    #[serde(default)]
    pub inversion_openers: Vec<String>,
    /// Verbs of casualties, by lemma: every form is fighting, so the troops
    /// a clause counts with one are no sending ("killing 13 service members").
    #[serde(default)]
    pub casualty_verbs: Vec<String>,
    /// Particles a verb's object may take before the rest of its phrase
    /// ("drove the rebels back out of X").
    #[serde(default)]
    pub object_particles: Vec<String>,
    /// Reciprocals after "one" and a subordinator: "one after another"
    /// tells a succession, and opens no clause.
    #[serde(default)]
    pub reciprocals: Vec<String>,
    /// Directions and regions: "in the northwest", "in the north of the
    /// country" after a place leave it the subject.
    #[serde(default)]
    pub compass: Vec<String>,
    /// Quantifiers that stand for the list before them: "X and Y have
    /// gone, both surrendered in the night".
    #[serde(default)]
    pub resumptive: Vec<String>,
    /// Verbs that link a subject to its description: "X became the
    /// second capital to fall".
    #[serde(default)]
    pub copulas: Vec<String>,
    /// Words that set what follows apart: "all of X except the governor's
    /// compound".
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// Defenders shut in what follows: "the enemy is besieged inside the
    /// governor's compound" has not lost the seats.
    #[serde(default)]
    pub holdouts: Vec<String>,
    /// Titles whose holder's surrender is the city's: "the governor
    /// surrendered to the rebels".
    #[serde(default)]
    pub governors: Vec<String>,
    pub speaker_prepositions: Vec<String>,
    pub anchor_prepositions: Vec<String>,
    pub comparatives: Vec<String>,
    pub person_pronouns: Vec<String>,
    /// Pronouns for what a verb carries: "fly them to Y" takes the people
    /// flown there, not the force.
    #[serde(default)]
    pub object_pronouns: Vec<String>,
    /// The generic "you" ("once you lose X, ..."): no report of an event.
    #[serde(default)]
    pub generic_subjects: Vec<String>,
    pub trigger_prepositions: Vec<String>,
    pub complementizers: Vec<String>,
    pub of_words: Vec<String>,
    /// Between a force and its owner: "soldiers of the Ruritanian army",
    /// "120 troops from the Marine Brigade".
    #[serde(default)]
    pub force_owner_words: Vec<String>,
    /// The last word of an outlet's name: a side's name before it names
    /// the side's own outlet ("Free Arden Radio", "Rebel Media
    /// Office"), which speaks for it.
    #[serde(default)]
    pub outlet_nouns: Vec<String>,
    /// Endings of demonyms whose plural adds an "s" and names the people
    /// or their government ("the Americans have 5,800 troops there").
    #[serde(default)]
    pub demonym_plural_endings: Vec<String>,
    /// Before the side a place is given to: "handed X to the rebels".
    #[serde(default)]
    pub recipient_words: Vec<String>,
    /// Things passed around with no author ("post", "video", "rumour"):
    /// as a speech verb's subject, hearsay that reports nothing.
    #[serde(default)]
    pub hearsay_nouns: Vec<String>,
    /// People who see what happens where they are ("witnesses",
    /// "residents"): "witnesses in X said clashes broke out" places the
    /// clashes in X when their words place them nowhere else.
    #[serde(default)]
    pub eyewitnesses: Vec<String>,
    /// Nouns of where something happens ("scene", "site"): "X has been the
    /// scene of heavy fighting" is fighting in X.
    #[serde(default)]
    pub scene_nouns: Vec<String>,
    /// Relative pronouns of place ("where"): "X, where clashes were
    /// reported near the police headquarters" is fighting in X.
    #[serde(default)]
    pub locative_relatives: Vec<String>,
    /// Nouns of land ("districts", "territory"): a city "surrounded by
    /// districts the rebels hold" is ringed by land, not under attack.
    #[serde(default)]
    pub territory_nouns: Vec<String>,
    /// Navies' ship prefixes ("INS", "HMS"), matched in capitals before a
    /// capitalised name: "sent INS Sumitra to Arden" sends an asset.
    #[serde(default)]
    pub ship_prefixes: Vec<String>,
    /// Before a force, the two sides' forces rather than a country's
    /// ("both forces deployed in the streets"): no sender is carried to it.
    #[serde(default)]
    pub side_pair_words: Vec<String>,
    pub conjunctions: Vec<String>,
    pub to_words: Vec<String>,
    /// Words after which a list names members of what went before
    /// ("citizens of several countries including X and Y").
    #[serde(default)]
    pub members: Vec<String>,
    /// Plural nouns for countries: before a colon they open a list of
    /// members ("citizens of ten countries: X, Y and Z").
    #[serde(default)]
    pub country_nouns: Vec<String>,
    /// The infinitive's marker ("ordered them to stay").
    #[serde(default)]
    pub infinitive_words: Vec<String>,
    pub since_words: Vec<String>,
    /// Before "since" and an old year, they make the year a baseline of a
    /// comparison ("the first time since 2001"); without one, the year is
    /// when a lasting state began ("stationed there since 2002").
    #[serde(default)]
    pub since_baselines: Vec<String>,
    /// Month and weekday names: with day numbers, a date between a verb
    /// and its object ("seized on August 10 and held").
    #[serde(default)]
    pub date_words: Vec<String>,
    /// Spans of time: "after five hours of fighting" is a phrase, not a
    /// clause opened by "after".
    #[serde(default)]
    pub durations: Vec<String>,
    /// Opening an elliptic clause that repeats the event before it: "X
    /// fell, as did Y".
    #[serde(default)]
    pub ellipsis_words: Vec<String>,
    /// Before a span of time: "five capitals in three days".
    #[serde(default)]
    pub span_prepositions: Vec<String>,
    pub perfect_aux: Vec<String>,
    pub passive_aux: Vec<String>,
    pub passive_by: Vec<String>,
    /// Adverbs that stand anywhere without changing a role ("is once
    /// again in their hands"), beside the words ending in `adverb_suffixes`.
    pub adverbs: Vec<String>,
    pub adverb_suffixes: Vec<String>,
    /// Words with an adverb's ending that are not adverbs ("family").
    pub not_adverbs: Vec<String>,
    /// Prepositions: after a participle they open a phrase, not an object
    /// ("liberated from the enemy").
    pub prepositions: Vec<String>,
    /// Words tying a role to its side ("a spokesman for the group").
    pub affiliation: Vec<String>,
    /// Verbs of fighting's own spread, as base forms: after a fighting
    /// word they take the place fought over ("fighting reached X").
    #[serde(default)]
    pub spread_verbs: Vec<String>,
    /// Verbs of past service with a force, as base forms: the force after
    /// them is whom the evacuees worked for, not one sent ("Ruritanians
    /// who worked with our troops").
    #[serde(default)]
    pub served_with: Vec<String>,
    /// Verbs of giving a place up, as base forms (every form is
    /// generated): their agent loses the place, so the defender as their
    /// agent retakes nothing ("the army lost X", "officials handed X over").
    #[serde(default)]
    pub giving_verbs: Vec<String>,
    /// Prepositions of motion: a place after a pull-back verb and one of
    /// them is where the force went, not the place given up ("fell back
    /// to X").
    #[serde(default)]
    pub motion_prepositions: Vec<String>,
    /// Before a quotation, they make it the name of a work ("a video
    /// titled ..."), which states nothing.
    #[serde(default)]
    pub title_words: Vec<String>,
    /// After a province word, they make it the province named like the
    /// city in question ("the province of the same name").
    #[serde(default)]
    pub same_name: Vec<String>,
    /// Before a province word, the same ("the eponymous province").
    #[serde(default)]
    pub same_name_modifiers: Vec<String>,
    /// Opening and closing quotation marks.
    pub quotes: Vec<[String; 2]>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberWords {
    pub units: BTreeMap<String, u32>,
    pub scales: BTreeMap<String, u32>,
    /// Words that join the parts of a number ("one hundred and fifty").
    pub joiners: Vec<String>,
    pub ordinals: BTreeMap<String, u32>,
    /// Endings of ordinals written in digits ("3rd", "11th").
    pub ordinal_suffixes: Vec<String>,
    /// After a figure and a hyphen, make it a force's size ("a 600-strong
    /// contingent").
    pub size_suffixes: Vec<String>,
    /// Counting nouns: "a dozen" = 12.
    pub collective: BTreeMap<String, u32>,
    /// Fractions of a stated whole: "half of the 34" = 17.
    pub fractions: BTreeMap<String, f64>,
    /// Vague amounts that give no figure: "hundreds", "thousands".
    pub vague: Vec<String>,
    /// Approximators skipped before a number: "about", "some", "at least".
    pub approximators: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentenceWords {
    /// Abbreviations whose period does not end a sentence.
    pub abbreviations: Vec<String>,
    /// Abbreviations only before a number ("No. 5").
    #[serde(default)]
    pub number_abbreviations: Vec<String>,
    /// Words that open a sentence and never continue a name, so an
    /// abbreviation before one ends its sentence ("for the U.N. In Arden, ...").
    #[serde(default)]
    pub sentence_starters: Vec<String>,
    /// Clause boundaries: scope of negation and modality ends here.
    pub clause_breaks: Vec<String>,
    /// Breaks that open a background clause (earlier or later than the
    /// main one).
    pub background_breaks: Vec<String>,
    /// Phrases that contain a break but open no clause: " as well as ".
    #[serde(default)]
    pub not_breaks: Vec<String>,
    /// Relative pronouns whose antecedent is the place just before.
    pub relative_pronouns: Vec<String>,
    /// Of those, the ones for people ("the governor, who left X").
    #[serde(default)]
    pub person_relatives: Vec<String>,
    /// First words of a yes/no question ("has", "did"): with a final "?"
    /// the sentence states nothing.
    #[serde(default)]
    pub question_openers: Vec<String>,
    /// A transcript's labels for a questioner's turn ("Q:").
    #[serde(default)]
    pub question_labels: Vec<String>,
}

/// `boilerplate.toml`: scraped page furniture that never carries facts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoilerplateFile {
    /// Lines starting with one of these (case-insensitive) are dropped.
    pub line_prefixes: Vec<String>,
    /// Regular expressions a whole line must match to be dropped.
    pub line_patterns: Vec<String>,
    /// A line equal to one of these ends the article (comment sections).
    pub end_markers: Vec<String>,
    /// HTML elements whose text is never article prose.
    pub html_drop_tags: Vec<String>,
    /// Class or id fragments of HTML elements that are page furniture.
    pub html_drop_classes: Vec<String>,
}
