//! French light stemming.
//!
//! Jacques Savoy's light French stemmer (*Report on CLEF-2001 experiments*,
//! 2002), as implemented in Lucene's `FrenchLightStemmer`: it removes
//! plural and feminine marks and conflates a few common derivational
//! endings (-ement, -ateur/-atrice, -ation, -ique, ...), then tidies the
//! ending (doubled letters, final -r, -e, -ie). One step is added, for
//! the verbs, which Savoy leaves alone (`verb_ending`): the endings of the
//! first-group verbs' simple past, imperfect, future and conditional, and
//! the infinitive and participle of the verbs in -ndre and -rdre. It runs
//! on folded words (no accents), so the rules that Lucene writes with
//! accents (-ère, -ète, -ième) are written here without them. Words with
//! letters outside ASCII after folding (Greek, Cyrillic, ...) are left
//! alone.

/// Light-stems a folded French word (see [`super::normalize`]).
///
/// ```
/// use newsearch_analyzers::french::{normalize, stem};
/// assert_eq!(stem(&normalize("négociations")), stem(&normalize("négociation")));
/// assert_eq!(stem(&normalize("américaine")), "americain");
/// ```
pub fn stem(folded: &str) -> String {
    let mut s = folded.to_owned();
    stem_in_place(&mut s);
    s
}

/// Replaces the last `n` bytes of `s` with `with`.
fn replace_end(s: &mut String, n: usize, with: &str) {
    s.truncate(s.len() - n);
    s.push_str(with);
}

/// Light-stems `s` in place (no allocation).
pub fn stem_in_place(s: &mut String) {
    if !s.is_ascii() {
        return;
    }
    // Plurals: -aux → -al (chevaux → cheval), but -eaux → -eau; final -x, -s.
    if s.len() > 5 && s.ends_with('x') {
        if s.ends_with("aux") && !s.ends_with("eaux") {
            replace_end(s, 3, "al");
        } else {
            s.pop();
        }
    }
    if s.len() > 3 && s.ends_with('x') {
        s.pop();
    }
    if s.len() > 3 && s.ends_with('s') {
        s.pop();
    }
    let len = s.len();
    // Derivational endings, each conflated with its base word.
    if len > 9 && s.ends_with("issement") {
        // établissement → établir
        replace_end(s, 7, "r");
        return norm(s);
    }
    if len > 8 && s.ends_with("issant") {
        // finissant → finir
        replace_end(s, 5, "r");
        return norm(s);
    }
    if len > 6 && s.ends_with("ement") {
        // lentement → lent; (in)tensivement → tensif
        s.truncate(len - 4);
        if s.len() > 3 && s.ends_with("ive") {
            replace_end(s, 2, "f");
        }
        return norm(s);
    }
    if len > 11 && s.ends_with("ficatrice") {
        // vérificatrice → vérifier
        replace_end(s, 7, "er");
        return norm(s);
    }
    if len > 10 && s.ends_with("ficateur") {
        replace_end(s, 6, "er");
        return norm(s);
    }
    if len > 9 && s.ends_with("catrice") {
        // communicatrice → communiquer
        replace_end(s, 7, "quer");
        return norm(s);
    }
    if len > 8 && s.ends_with("cateur") {
        replace_end(s, 6, "quer");
        return norm(s);
    }
    if len > 8 && s.ends_with("atrice") {
        // administratrice → administrer
        replace_end(s, 6, "er");
        return norm(s);
    }
    if len > 7 && s.ends_with("ateur") {
        replace_end(s, 5, "er");
        return norm(s);
    }
    if len > 6 && s.ends_with("trice") {
        // directrice → directeur
        replace_end(s, 5, "teur");
    }
    let len = s.len();
    if len > 5 && s.ends_with("ieme") {
        // deuxième → deux
        s.truncate(len - 4);
        return norm(s);
    }
    if len > 7 && s.ends_with("teuse") {
        replace_end(s, 5, "ter");
        return norm(s);
    }
    if len > 6 && s.ends_with("teur") {
        replace_end(s, 4, "ter");
        return norm(s);
    }
    if len > 5 && s.ends_with("euse") {
        // heureuse → heureu(x)
        s.truncate(len - 2);
        return norm(s);
    }
    if len > 8 && s.ends_with("ere") {
        // frontière → frontier
        s.truncate(len - 1);
        return norm(s);
    }
    if len > 7 && s.ends_with("ive") {
        // active → actif
        replace_end(s, 2, "f");
        return norm(s);
    }
    if len > 4 && (s.ends_with("folle") || s.ends_with("molle")) {
        replace_end(s, 3, "u");
        return norm(s);
    }
    if len > 9 && s.ends_with("nnelle") {
        // traditionnelle → tradition
        s.truncate(len - 5);
        return norm(s);
    }
    if len > 9 && s.ends_with("nnel") {
        s.truncate(len - 3);
        return norm(s);
    }
    if len > 4 && s.ends_with("ete") {
        // complète → complet
        s.truncate(len - 1);
    }
    let len = s.len();
    if len > 8 && s.ends_with("ique") {
        // politique → polit (politiques, politiquement)
        s.truncate(len - 4);
    }
    let len = s.len();
    if len > 8 && s.ends_with("esse") {
        // faiblesse → faible
        s.truncate(len - 3);
        return norm(s);
    }
    if len > 7 && s.ends_with("inage") {
        s.truncate(len - 3);
        return norm(s);
    }
    if len > 9 && s.ends_with("isation") {
        // normalisation → normal
        s.truncate(len - 7);
        if s.len() > 5 && s.ends_with("ual") {
            replace_end(s, 2, "el");
        }
        return norm(s);
    }
    if len > 9 && s.ends_with("isateur") {
        s.truncate(len - 7);
        return norm(s);
    }
    if len > 8 && (s.ends_with("ation") || s.ends_with("ition")) {
        // négociation → négoci, définition → défin
        s.truncate(len - 5);
        return norm(s);
    }
    verb_ending(s);
    norm(s)
}

/// The nouns and adjectives in -ait, compounds of fait and trait (the
/// participles of faire and traire) and souhait: not verb forms.
const AIT_WORDS: &[&str] = &[
    "abstrait",
    "attrait",
    "bienfait",
    "contrefait",
    "distrait",
    "extrait",
    "forfait",
    "imparfait",
    "insatisfait",
    "parfait",
    "portrait",
    "retrait",
    "satisfait",
    "souhait",
    "soustrait",
];

/// The simple past, imperfect, future and conditional endings of the
/// first-group verbs (infinitive in -er, nine French verbs in ten), which
/// Savoy's stemmer leaves alone: écrasa, écrasait, écrasaient, écrasèrent,
/// écraserai, écrasera meet écraser and écrasé (and the future and
/// conditional of the other verbs meet each other: pourra, pourrait). A
/// final -a counts after a consonant only, on words of six letters or more
/// (not Maria, not opéra); the nouns and adjectives in -ait and -érent
/// that are no verb forms are left alone. The verbs whose stem ends in -er
/// once folded (récupérer, considérer) are not joined with their
/// infinitive: récupéra and récupérer stay apart, since a future such as
/// exposera ends the same way and wins the tidying's final -er.
///
/// The third-group verbs in -ndre and -rdre (rendre, attendre, défendre,
/// répondre, perdre) lose the -re of their infinitive and the -u of their
/// participle (rendu, rendue), which then meet the present (rend), the
/// imperfect, the future and the conditional (rendait, rendra) as the
/// endings above leave them. Their present participle stays apart: pendant
/// and cependant end the same way.
fn verb_ending(s: &mut String) {
    let len = s.len();
    if len >= 8 && s.ends_with("aient") {
        s.truncate(len - 5);
    } else if len >= 7 && s.ends_with("ait") && !AIT_WORDS.contains(&s.as_str()) {
        s.truncate(len - 3);
    } else if len >= 9 && s.ends_with("erent") && !is_adjective_in_erent(s) {
        s.truncate(len - 5);
    } else if len >= 7 && s.ends_with("erai") {
        s.truncate(len - 2);
    } else if let Some(cut) = ndre_verb_ending(s) {
        s.truncate(len - cut);
    } else if len >= 6 && s.ends_with('a') {
        let before = s.as_bytes()[len - 2];
        if before.is_ascii_alphabetic() && !b"aeiouy".contains(&before) {
            s.truncate(len - 1);
        }
    }
}

/// The endings of the infinitive and the participle of the verbs in -ndre
/// and -rdre, with how many letters go and the word's least length.
const NDRE_ENDINGS: &[(&str, usize, usize)] = &[
    ("ndre", 2, 6),
    ("rdre", 2, 6),
    ("ndue", 2, 6),
    ("rdue", 2, 6),
    ("ndu", 1, 5),
    ("rdu", 1, 5),
];

/// How many letters of `s` are the -re of an infinitive in -ndre or
/// -rdre or the -u, -ue of its participle.
fn ndre_verb_ending(s: &str) -> Option<usize> {
    NDRE_ENDINGS
        .iter()
        .find(|(ending, _, min_len)| s.len() >= *min_len && s.ends_with(ending))
        .map(|&(_, cut, _)| cut)
}

/// The adjectives in -férent and -hérent (différent, cohérent, adhérent),
/// whose ending is no simple past; marchèrent and touchèrent are.
fn is_adjective_in_erent(s: &str) -> bool {
    s.ends_with("ferent") || (s.ends_with("herent") && !s.ends_with("cherent"))
}

/// Savoy's final tidying: doubled letters are written once (`annee`,
/// `traditionnel`), then -ie, and one final -r, then up to two -e, then a
/// doubled final letter go, on words longer than 4 letters, so that
/// masculine and feminine (américain/américaine) and verb/noun pairs meet.
fn norm(s: &mut String) {
    if s.len() > 4 {
        let mut prev = '\0';
        s.retain(|c| {
            let keep = c != prev || !c.is_ascii_alphabetic();
            prev = c;
            keep
        });
    }
    if s.len() > 4 && s.ends_with("ie") {
        s.truncate(s.len() - 2);
    }
    if s.len() > 4 {
        if s.ends_with('r') {
            s.pop();
        }
        if s.ends_with('e') {
            s.pop();
        }
        if s.ends_with('e') {
            s.pop();
        }
        let b = s.as_bytes();
        if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] && b[b.len() - 1].is_ascii_alphabetic()
        {
            s.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize;
    use super::stem;

    fn st(w: &str) -> String {
        stem(&normalize(w))
    }

    #[test]
    fn stem_table() {
        let cases = [
            // Plurals.
            ("accords", "acord"),
            ("chevaux", "cheval"),
            ("bateaux", "bateau"),
            // Feminine and plural meet the masculine singular.
            ("américains", "americain"),
            ("américaine", "americain"),
            ("américain", "americain"),
            ("américaines", "americain"),
            // Derivational endings.
            ("négociations", "negoci"),
            ("négociation", "negoci"),
            ("lentement", "lent"),
            ("directrice", "direct"),
            ("directeur", "direct"),
            ("active", "activ"),
            ("offensive", "ofensif"),
            ("politique", "polit"),
            // First-group verbs: simple past, imperfect, future and
            // conditional meet the infinitive and the participle.
            ("écraser", "ecras"),
            ("écrasée", "ecras"),
            ("écrasa", "ecras"),
            ("écrasait", "ecras"),
            ("écrasaient", "ecras"),
            ("écrasèrent", "ecras"),
            ("écraserai", "ecras"),
            ("exposera", "expos"),
            ("exposerait", "expos"),
            // Verbs in -ndre and -rdre: the infinitive and the participle
            // meet the present, imperfect, future and conditional.
            ("rendre", "rend"),
            ("rendu", "rend"),
            ("rendue", "rend"),
            ("rendus", "rend"),
            ("rend", "rend"),
            ("rendra", "rend"),
            ("rendait", "rend"),
            ("perdu", "perd"),
            ("perdre", "perd"),
            ("attendues", "atend"),
            ("attendre", "atend"),
            ("défendu", "defend"),
            ("défend", "defend"),
            // Not their present participle: pendant and cependant are
            // no verb forms.
            ("pendant", "pendant"),
            // Not verb forms: names and nouns in -a after a vowel, the
            // compounds of fait and trait, adjectives in -férent, -hérent.
            ("Maria", "maria"),
            ("Victoria", "victoria"),
            ("parfait", "parfait"),
            ("parfaite", "parfait"),
            ("portraits", "portrait"),
            ("différent", "diferent"),
            ("différente", "diferent"),
            ("cohérent", "coherent"),
            // Short words are left alone.
            ("paix", "pai"),
            ("gaz", "gaz"),
            ("mer", "mer"),
            ("Israël", "israel"),
            ("Israel", "israel"),
        ];
        for (input, expected) in cases {
            assert_eq!(st(input), expected, "{input}");
        }
    }
}
