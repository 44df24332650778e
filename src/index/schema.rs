//! The tantivy schema: one document per passage, one per article, and for
//! each language an exact text field (passages; Arabic passages have a
//! stemmed one too, see [`has_stemmed_text`]), a stemmed and an exact
//! title field and a stemmed body field (articles; passages carry their
//! article's title in the stemmed title field too).

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
    STRING,
};

use crate::text::lang::Lang;
use newsearch_analyzers::{Language, TOKEN_LIST};

/// Value of [`Fields::kind`] on passage documents.
pub const KIND_PASSAGE: &str = "passage";
/// Value of [`Fields::kind`] on article documents (one per article, no text).
pub const KIND_ARTICLE: &str = "article";

/// The stemmed and exact text fields of one language.
#[derive(Debug, Clone, Copy)]
pub struct LangFields {
    /// The language these fields hold.
    pub lang: Lang,
    /// Stemmed passage text (indexed, not stored): Arabic only. A French word's stems are matched
    /// in the exact field, through the forms of the stem that it holds (see
    /// `newsearch_analyzers::french::stem_of_form`); languages without a
    /// stemmer have the same terms in both fields.
    pub text_stemmed: Option<Field>,
    /// Exact-form passage text (normalized, unstemmed, with positions for
    /// phrases).
    pub text_exact: Field,
    /// Stemmed title field (article documents and their passages).
    pub title: Field,
    /// Exact-form title field (article documents).
    pub title_exact: Field,
    /// Stemmed text of the whole article (its passages in this language),
    /// on article documents: scores words spread over several passages.
    pub body: Field,
    /// Name of the stemmed analyzer.
    pub analyzer: &'static str,
    /// Name of the exact analyzer.
    pub exact_analyzer: &'static str,
}

impl LangFields {
    /// Each of these fields beside the field of `other` that holds the same
    /// kind of text: passages (stemmed where the language has a stemmer),
    /// exact passages, titles, exact titles, bodies. A word's rarity in one
    /// language's field is counted with its rarity in these.
    pub fn same_kind_as(&self, other: &LangFields) -> [(Option<Field>, Field); 5] {
        [
            (
                self.text_stemmed,
                other.text_stemmed.unwrap_or(other.text_exact),
            ),
            (Some(self.text_exact), other.text_exact),
            (Some(self.title), other.title),
            (Some(self.title_exact), other.title_exact),
            (Some(self.body), other.body),
        ]
    }
}

/// Every field of the schema, resolved once.
#[derive(Debug, Clone)]
pub struct Fields {
    /// `passage` or `article`.
    pub kind: Field,
    /// The article's id, on both kinds (deleting it removes the whole article).
    pub article_id: Field,
    /// Passage number within its article, from 0.
    pub passage_no: Field,
    /// Byte offset of the passage in the article text.
    pub start: Field,
    /// 1 on the lead passage: the first passage of an article of more than
    /// one paragraph. Absent on other documents.
    pub lead: Field,
    /// Passage documents: the passage's text as written, stored for
    /// display (not indexed; see [`LangFields`] for the searched fields).
    pub passage_text: Field,
    /// Article documents: stored title.
    pub title: Field,
    /// Article documents: stored url (or file path).
    pub url: Field,
    /// Article documents: stored source name.
    pub source: Field,
    /// The source name trimmed and lowercased, as one term on both kinds
    /// of document: the source filter and the counts by source.
    pub source_key: Field,
    /// Article documents: stored date as `YYYY-MM-DD`.
    pub date: Field,
    /// Date as the number `YYYYMMDD`, on both kinds of document: range
    /// filters, date order and the counts by month.
    pub date_num: Field,
    /// Language code (`ar`, `fr`, `other`) of the passage or the article;
    /// a fast field for the counts by language.
    pub lang: Field,
    /// Article documents: content hash, for incremental indexing.
    pub hash: Field,
    /// Article documents: hash of the title and text alone, the same for
    /// every copy of an article published under several ids.
    pub text_hash: Field,
    /// Article documents: the file the article was read from.
    pub origin: Field,
    /// Article documents: number of passages.
    pub passages: Field,
    /// Names of the text fields a document has, for per-field statistics.
    pub has: Field,
    /// The language field sets, in the order Arabic, French, other.
    pub langs: [LangFields; 3],
}

impl Fields {
    /// The field set of a language.
    pub fn of(&self, lang: Lang) -> &LangFields {
        &self.langs[lang_index(lang)]
    }

    /// Resolves the fields of a schema built by [`build_schema`].
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        let lang_fields = |lang: Lang| -> tantivy::Result<LangFields> {
            let (analyzer, exact_analyzer) = analyzers_of(lang);
            let code = lang.row().field_suffix;
            Ok(LangFields {
                lang,
                text_stemmed: has_stemmed_text(lang)
                    .then(|| f(&format!("text_{code}")))
                    .transpose()?,
                text_exact: f(&format!("text_{code}_exact"))?,
                title: f(&format!("title_{code}"))?,
                title_exact: f(&format!("title_{code}_exact"))?,
                body: f(&format!("body_{code}"))?,
                analyzer,
                exact_analyzer,
            })
        };
        Ok(Fields {
            kind: f("kind")?,
            article_id: f("article_id")?,
            passage_no: f("passage_no")?,
            start: f("start")?,
            lead: f("lead")?,
            passage_text: f("text")?,
            title: f("title")?,
            url: f("url")?,
            source: f("source")?,
            source_key: f("source_key")?,
            date: f("date")?,
            date_num: f("date_num")?,
            lang: f("lang")?,
            hash: f("hash")?,
            text_hash: f("text_hash")?,
            origin: f("origin")?,
            passages: f("passages")?,
            has: f("has")?,
            langs: [
                lang_fields(Lang::ALL[0])?,
                lang_fields(Lang::ALL[1])?,
                lang_fields(Lang::ALL[2])?,
            ],
        })
    }
}

/// Where a language's field set stands in [`Fields::langs`].
pub fn lang_index(lang: Lang) -> usize {
    lang as usize
}

/// The stemmed and exact analyzer names of a language.
pub fn analyzers_of(lang: Lang) -> (&'static str, &'static str) {
    (lang.row().analyzer, lang.row().exact_analyzer)
}

/// The analyzer language of a language's fields: a
/// [`PairedAnalyzer`](newsearch_analyzers::PairedAnalyzer) of it gives the
/// terms of both analyzers of [`analyzers_of`] in one pass.
pub fn analyzer_language(lang: Lang) -> Language {
    lang.row().analyzer_language
}

/// Whether a language's passages have a stemmed field besides the exact
/// one (see `LangRow::stemmed_passages`).
pub fn has_stemmed_text(lang: Lang) -> bool {
    lang.row().stemmed_passages
}

/// Builds the newsearch schema.
pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field("kind", STRING);
    builder.add_text_field("article_id", STRING | STORED | FAST);
    builder.add_u64_field("passage_no", STORED | FAST);
    builder.add_u64_field("start", STORED);
    builder.add_u64_field("lead", FAST);
    builder.add_text_field("text", STORED);
    builder.add_text_field("title", STORED);
    builder.add_text_field("url", STORED);
    builder.add_text_field("source", STORED);
    builder.add_text_field("source_key", STRING | FAST);
    builder.add_text_field("date", STORED);
    builder.add_i64_field(
        "date_num",
        NumericOptions::default().set_indexed().set_fast(),
    );
    builder.add_text_field("lang", STRING | STORED | FAST);
    builder.add_u64_field("hash", STORED | FAST);
    builder.add_u64_field("text_hash", FAST);
    builder.add_text_field("origin", STRING | STORED | FAST);
    builder.add_u64_field("passages", STORED);
    builder.add_text_field("has", STRING);
    for lang in Lang::ALL {
        let code = lang.row().field_suffix;
        // Stemmed fields score single words; phrases run on the exact fields,
        // which alone need positions. Every text field receives token lists
        // from the writer, which analyzes each passage once for its two
        // fields and the body, and the title once for the article and its
        // passages (see `newsearch_analyzers::TokenListTokenizer`); queries
        // and highlights use the analyzers by their names.
        if has_stemmed_text(lang) {
            builder.add_text_field(&format!("text_{code}"), text_options(TOKEN_LIST, false));
        }
        builder.add_text_field(
            &format!("text_{code}_exact"),
            text_options(TOKEN_LIST, true),
        );
        builder.add_text_field(&format!("title_{code}"), text_options(TOKEN_LIST, false));
        builder.add_text_field(
            &format!("title_{code}_exact"),
            text_options(TOKEN_LIST, true),
        );
        builder.add_text_field(&format!("body_{code}"), text_options(TOKEN_LIST, false));
    }
    builder.build()
}

fn text_options(analyzer: &str, positions: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record),
    )
}

/// The positions and terms the analyzer registered as `name` makes of
/// `text`: what the writer's token lists must reproduce.
#[cfg(test)]
pub(crate) fn named_tokens(name: &str, text: &str) -> Vec<(usize, String)> {
    use tantivy::tokenizer::TokenStream;
    let mut analyzer = newsearch_analyzers::analyzer(name).unwrap();
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push((token.position, token.text.clone()));
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paired analysis the writer indexes gives the same terms as the
    /// analyzers that queries and highlights use by name.
    #[test]
    fn paired_analysis_matches_the_named_analyzers() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for entry in std::fs::read_dir(seeds).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for lang in Lang::ALL {
                let (stemmed_name, exact_name) = analyzers_of(lang);
                let (mut exact, mut stemmed) = (Vec::new(), Vec::new());
                newsearch_analyzers::PairedAnalyzer::new(analyzer_language(lang)).analyze(
                    &text,
                    |t| {
                        exact.extend(t.exact.map(|term| (t.position, term.to_string())));
                        stemmed.extend(t.stemmed.map(|term| (t.position, term.to_string())));
                    },
                );
                assert_eq!(exact, named_tokens(exact_name, &text), "{exact_name}");
                assert_eq!(stemmed, named_tokens(stemmed_name, &text), "{stemmed_name}");
            }
        }
    }
}
