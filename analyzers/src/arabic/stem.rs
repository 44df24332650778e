//! Arabic light stemming.
//!
//! Light stemming strips the clitics and affixes that attach to an Arabic
//! word without touching its pattern: the article and the conjunctions and
//! prepositions written before it, and the plural, dual, feminine and pronoun
//! suffixes after it. It starts from Larkey, Ballesteros and Connell's
//! *light10* (2007) and Lucene's `ArabicStemmer`, with changes measured on
//! `shared/eval` (see `analyzers/NOTES.md`). The stem is always a slice of
//! the normalized word, so stemming allocates nothing.

/// The definite article with the proclitics that may precede it, longest
/// first so that `وبال` is tried before `بال` and `ال`. `لل` is `ل` + `ال`
/// (the article's alef is dropped after the preposition li-).
const ARTICLES: &[&str] = &[
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
];

/// Letters a stem must keep after the article is removed (light10: 2), so
/// `الم` (pain, ألم) or `اله` keep their first letters.
const MIN_AFTER_ARTICLE: usize = 2;

/// Letters a word must keep after removing a lone conjunction و (light10: 3),
/// so short words such as `وقت` or `وجه` keep their first root letter.
const MIN_AFTER_CONJUNCTION: usize = 3;

/// Suffixes removed in this order, each at most once, as in light10: the
/// feminine plural ات, the masculine plural ون/ين, the dual ان, the nisba
/// ية/يه, the pronoun ها and the ta marbuta/pronoun ه, the nisba or
/// first-person ي. ة is already ه after normalization.
const SUFFIXES: &[&str] = &["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/// Letters a stem must keep after removing a suffix: 3, the length of an
/// Arabic root (light10 uses 2; 3 measured slightly better on both Arabic
/// sets, see `analyzers/NOTES.md`), so `امه` or `ابنه` are not cut to 2
/// letters that collide with unrelated words.
const MIN_AFTER_SUFFIX: usize = 3;

/// Attached pronouns removed before the light10 suffixes (they come last in
/// the word: مفاوضاتهم = مفاوضات + هم), at most one.
const PRONOUNS: &[&str] = &["هما", "كما", "هم", "هن", "كم", "كن", "نا"];

/// Letters a stem must keep after removing an attached pronoun.
const MIN_AFTER_PRONOUN: usize = 3;

/// Letters a stem must keep after removing a final alef (done after the
/// attached pronoun, before the light10 suffixes; in neither light10 nor
/// Lucene). That alef is mostly the seat of the accusative tanwin (ـًا, the
/// mark usually omitted): adverbs and objects such as رسميًا, حاليًا,
/// عامًا, جديدًا otherwise never meet their other case forms (الرسمي, عام,
/// جديد). It is also the dual ending of verbs (اتفقا, قالا). Country names
/// in ـا (سوريا, روسيا, أمريكا, كندا) then share the stem of their
/// adjectives (السوري, الروسية, الأمريكية, الكندية), which suits search.
/// Measured on both Arabic sets (`EVALUATION.md`).
const MIN_AFTER_ALEF: usize = 3;

/// Light-stems a normalized Arabic word (see [`super::normalize`]).
///
/// ```
/// use newsearch_analyzers::arabic::{normalize, stem};
/// assert_eq!(stem(&normalize("والمفاوضات")), "مفاوض");
/// assert_eq!(stem(&normalize("القاهرة")), "قاهر");
/// ```
pub fn stem(normalized: &str) -> &str {
    stem_with(normalized, false)
}

#[inline]
fn letters(s: &str) -> usize {
    s.chars().count()
}

/// Light stemming with one fact about the original spelling:
/// `hamza_initial` says the word began with a hamza on alef (أ إ آ), whose
/// ال, if any, is then part of the word (ألم, ألعاب, ألمانيا), not the
/// article: the article's alef never carries a hamza.
pub(crate) fn stem_with(normalized: &str, hamza_initial: bool) -> &str {
    let mut w = normalized;
    if !hamza_initial {
        let mut article = false;
        for prefix in ARTICLES {
            if let Some(rest) = w.strip_prefix(prefix) {
                if letters(rest) >= MIN_AFTER_ARTICLE {
                    w = rest;
                    article = true;
                    break;
                }
            }
        }
        if !article {
            if let Some(rest) = w.strip_prefix('و') {
                if letters(rest) >= MIN_AFTER_CONJUNCTION {
                    w = rest;
                }
            }
        }
    }
    for suffix in PRONOUNS {
        if let Some(rest) = w.strip_suffix(suffix) {
            if letters(rest) >= MIN_AFTER_PRONOUN {
                w = rest;
            }
            break;
        }
    }
    // The accusative or dual alef (see MIN_AFTER_ALEF); ها is the pronoun
    // suffix, left to SUFFIXES.
    if let Some(rest) = w.strip_suffix('ا') {
        if !w.ends_with("ها") && letters(rest) >= MIN_AFTER_ALEF {
            w = rest;
        }
    }
    for suffix in SUFFIXES {
        if let Some(rest) = w.strip_suffix(suffix) {
            if letters(rest) >= MIN_AFTER_SUFFIX {
                w = rest;
            }
        }
    }
    w
}

/// Looks at the original spelling of a word for proclitics written before a
/// hamza on alef: `[وف]?[لب]?[أإآ]` (لإسرائيل, وإسرائيل, بأمريكا, ولأن).
/// Returns how many leading letters are proclitics and whether the word
/// proper starts with a hamza on alef. A root ل or ب is never directly
/// followed by أ/إ/آ at the start of a word in practice, while the
/// prepositions li- and bi- and the conjunctions wa- and fa- are, so the
/// hamza is the evidence the normalized text no longer has. كـ is left out:
/// كأس (cup) is a common word whose ك is a root letter.
pub(crate) fn hamza_clitics(original: &str) -> (usize, bool) {
    let mut first = ['\0'; 3];
    let mut n = 0;
    for c in original.chars() {
        if c == '\u{0640}' || crate::script::is_arabic_mark(c) || crate::script::is_invisible(c) {
            continue;
        }
        first[n] = c;
        n += 1;
        if n == 3 {
            break;
        }
    }
    let hamza = |c: char| matches!(c, 'أ' | 'إ' | 'آ');
    let conj = |c: char| matches!(c, 'و' | 'ف');
    let prep = |c: char| matches!(c, 'ل' | 'ب');
    match first {
        [a, ..] if hamza(a) => (0, true),
        [a, b, _] if (conj(a) || prep(a)) && hamza(b) => (1, true),
        [a, b, c] if conj(a) && prep(b) && hamza(c) => (2, true),
        _ => (0, false),
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize;
    use super::{hamza_clitics, stem};

    #[test]
    fn stem_table() {
        let cases = [
            // The article and its proclitics go, never leaving under 2 letters.
            ("القاهرة", "قاهر"),
            ("بالقاهرة", "قاهر"),
            ("والقاهرة", "قاهر"),
            ("للسلام", "سلام"),
            ("وبالسلام", "سلام"),
            ("الم", "الم"),
            // A lone conjunction و goes if 3 letters remain.
            ("وسلام", "سلام"),
            ("وقت", "وقت"),
            // Plural, dual, feminine and pronoun suffixes.
            ("المفاوضات", "مفاوض"),
            ("مفاوضات", "مفاوض"),
            ("اللاعبون", "لاعب"),
            ("اللاعبين", "لاعب"),
            ("الأمريكية", "امريك"),
            ("كتابها", "كتاب"),
            // The accusative or dual alef goes if 3 letters remain.
            ("رسميًا", "رسم"),
            ("الرسمي", "رسم"),
            ("عامًا", "عام"),
            ("سوريا", "سور"),
            ("السورية", "سور"),
            ("اتفقا", "اتفق"),
            ("دعا", "دعا"),
            ("بلادنا", "بلاد"),
            // Short words survive.
            ("ابن", "ابن"),
            ("هو", "هو"),
        ];
        for (input, expected) in cases {
            assert_eq!(stem(&normalize(input)), expected, "{input}");
        }
    }

    #[test]
    fn hamza_clitics_table() {
        let cases = [
            ("إسرائيل", (0, true)),
            ("لإسرائيل", (1, true)),
            ("وإسرائيل", (1, true)),
            ("بأمريكا", (1, true)),
            ("ولإسرائيل", (2, true)),
            ("لِإِسْرائيل", (1, true)),
            ("كأس", (0, false)),
            ("لبنان", (0, false)),
            ("القاهرة", (0, false)),
            ("", (0, false)),
        ];
        for (input, expected) in cases {
            assert_eq!(hamza_clitics(input), expected, "{input}");
        }
    }
}
