//! The integration tests, one binary with a module per theme (linked once).
//!
//! The default tier (`cargo test`) runs on the seeds and the small
//! evaluation sets of `../shared`; tests that index whole corpora or run
//! every topic of a set are `#[ignore]`d and run by `.ci/run` with
//! `--include-ignored`. A test that needs `../shared` fails when it is
//! missing, unless `NEWSEARCH_SKIP_SHARED=1` says to skip it.

mod common;

mod cli_analyze;
mod cli_archive;
mod cli_index;
mod cli_query;
mod highlight_analyzers;
mod ingest_bad_input;
mod ingest_corpora;
mod ingest_props;
mod passage_split;
mod query_syntax;
mod ranking_languages;
mod ranking_lead;
mod ranking_mixed;
mod ranking_names;
mod ranking_questions;
mod ranking_segments;
mod ranking_verbs;
mod relevance;
mod robust_concurrency;
mod robust_crash;
mod robust_damage;
mod robust_disk;
mod robust_index_files;
mod robust_inputs;
mod robust_query;
mod robust_rebuild;
mod robust_removal;
mod robust_signals;
mod robust_terminal;
mod search_archive;
mod search_duplicates;
mod search_limits;
mod search_rerank;
mod search_reuse;
mod search_scores;
mod search_spelling;
mod search_translate;
#[cfg(feature = "serve")]
mod serve_api;
#[cfg(feature = "serve")]
mod serve_browser;
