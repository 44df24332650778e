//! The analyzers' integration tests, one binary with a module per theme.
//! The corpus-scale test is `#[ignore]`d and run by `.ci/run` with
//! `--include-ignored`.

mod common;

mod corpora;
mod must_show;
mod properties;
mod translate;
