//! Measures an analyzer by retrieval quality (BM25 on tantivy) on the
//! `shared/eval` sets, writing a TREC run to score with `score.py`.
//!
//! ```text
//! cargo run --release -p newsearch-analyzers --example eval_bm25 -- \
//!     ar-wiki-qa ar run.txt
//! python3 ../shared/eval/score.py run.txt ../shared/eval/ar-wiki-qa/qrels.txt
//! ```
//!
//! Arguments: the set name (a folder of `shared/eval`), the analyzer name
//! (one of `newsearch_analyzers::NAMES`, or `tantivy-ar`/`tantivy-fr` for
//! tantivy's Snowball chains, `default` for tantivy's default analyzer),
//! the output run file. QA sets index `title + text` of `corpus.jsonl`; news
//! sets index `text` of the corpus named in `corpus_spec.json`. Each topic is
//! an OR of its analyzed terms (a repeated term counts again, as in Lucene's
//! query parser). `EVAL_ROOT` overrides the eval folder
//! (default `../shared/eval` from the repo root).

use std::error::Error;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, TokenStream,
};
use tantivy::{doc, Index, TantivyDocument, Term};

fn analyzer(name: &str) -> Option<TextAnalyzer> {
    let snowball = |lang| {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(lang))
            .build()
    };
    match name {
        "tantivy-ar" => Some(snowball(Language::Arabic)),
        "tantivy-fr" => Some(snowball(Language::French)),
        "default" => Some(
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .build(),
        ),
        _ => newsearch_analyzers::analyzer(name),
    }
}

/// Reads `(id, text)` documents of a set.
fn documents(root: &Path, set: &str) -> Result<Vec<(String, String)>, Box<dyn Error>> {
    let dir = root.join(set);
    let qa = dir.join("corpus.jsonl");
    let mut docs = Vec::new();
    if qa.exists() {
        for line in BufReader::new(File::open(qa)?).lines() {
            let v: serde_json::Value = serde_json::from_str(&line?)?;
            let field = |k: &str| v[k].as_str().unwrap_or("").to_string();
            docs.push((
                field("id"),
                format!("{}\n{}", field("title"), field("text")),
            ));
        }
        return Ok(docs);
    }
    let spec: serde_json::Value =
        serde_json::from_reader(File::open(dir.join("corpus_spec.json"))?)?;
    let files = spec["corpus_files"].as_array().cloned().unwrap_or_default();
    for f in files {
        let path = root.join("../corpora").join(f.as_str().unwrap_or(""));
        let gz = flate2::read::GzDecoder::new(File::open(path)?);
        for line in BufReader::new(gz).lines() {
            let v: serde_json::Value = serde_json::from_str(&line?)?;
            let field = |k: &str| v[k].as_str().unwrap_or("").to_string();
            docs.push((field("id"), field("text")));
        }
    }
    Ok(docs)
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [set, name, out] = args.as_slice() else {
        return Err("usage: eval_bm25 SET ANALYZER RUN_FILE".into());
    };
    let root = PathBuf::from(std::env::var("EVAL_ROOT").unwrap_or("../shared/eval".into()));
    let mut query_analyzer = analyzer(name).ok_or("unknown analyzer")?;

    let mut schema = Schema::builder();
    let id = schema.add_text_field("id", STRING | STORED);
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("eval")
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let body = schema.add_text_field(
        "body",
        TextOptions::default().set_indexing_options(indexing),
    );
    let index = Index::create_in_ram(schema.build());
    index
        .tokenizers()
        .register("eval", analyzer(name).ok_or("unknown analyzer")?);
    let mut writer = index.writer_with_num_threads(1, 400_000_000)?;
    for (doc_id, text) in documents(&root, set)? {
        writer.add_document(doc!(id => doc_id, body => text))?;
    }
    writer.commit()?;
    let searcher = index.reader()?.searcher();

    let mut run = BufWriter::new(File::create(out)?);
    for line in BufReader::new(File::open(root.join(set).join("topics.tsv"))?).lines() {
        let line = line?;
        let Some((qid, query)) = line.split_once('\t') else {
            continue;
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut stream = query_analyzer.token_stream(query);
        while let Some(token) = stream.next() {
            let term = Term::from_field_text(body, &token.text);
            clauses.push((
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
            ));
        }
        let hits = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(100).order_by_score(),
        )?;
        for (rank, (score, address)) in hits.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(address)?;
            let doc_id = doc.get_first(id).and_then(|v| v.as_str()).unwrap_or("");
            writeln!(run, "{qid} Q0 {doc_id} {} {score} {name}", rank + 1)?;
        }
    }
    Ok(())
}
