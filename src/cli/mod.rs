//! Command-line arguments and the dispatch to one file per subcommand.

mod analyze;
mod index;
mod query;
#[cfg(feature = "serve")]
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Full-text search for multilingual news, Arabic and French first.
#[derive(Debug, Parser)]
#[command(name = "newsearch", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Index files and folders of articles (.txt, .md, .jsonl, .ndjson, and .gz of the last two).
    Index(index::IndexArgs),
    /// Search the index; prints ranked passages with the matched words marked.
    Query(query::QueryArgs),
    /// Print the tokens an analyzer makes of a text, one per line.
    Analyze(analyze::AnalyzeArgs),
    /// Serve the index over HTTP: a JSON API and a search page.
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
}

/// Where the index lives: `--index`, else `NEWSEARCH_INDEX`, else `./index`.
#[derive(Debug, clap::Args)]
struct IndexLocation {
    /// Index folder [env: NEWSEARCH_INDEX] [default: ./index]
    #[arg(
        long = "index",
        value_name = "DIR",
        env = "NEWSEARCH_INDEX",
        hide_env = true
    )]
    path: Option<PathBuf>,
}

impl IndexLocation {
    fn path(&self) -> PathBuf {
        self.path.clone().unwrap_or_else(|| PathBuf::from("index"))
    }
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Index(args) => index::run(args),
        Command::Query(args) => query::run(args),
        Command::Analyze(args) => analyze::run(args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args),
    }
}
