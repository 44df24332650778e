//! Command-line arguments and the dispatch to one file per subcommand.

mod analyze;
mod completions;
mod index;
mod inspect;
mod query;
#[cfg(feature = "serve")]
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Full-text search for multilingual news, Arabic and French first.
#[derive(Debug, Parser)]
#[command(
    name = "newsearch",
    version,
    about,
    long_about = None,
    after_help = "Exit status, as grep: 0 when something was found, 1 when nothing was, 2 on an error.\n\n\
Examples:\n  newsearch index articles.jsonl.gz --index news\n  \
newsearch query \"Burns Caire\" --index news\n  \
newsearch stats --index news"
)]
pub(crate) struct Cli {
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
    /// Count what the index holds: articles, passages, languages, sources, dates, size.
    Stats(inspect::StatsArgs),
    /// List the indexed articles, one per line, sorted by id.
    List(inspect::ListArgs),
    /// Print one article whole, as indexed.
    Show(inspect::ShowArgs),
    /// Remove one article from the index.
    Remove(inspect::RemoveArgs),
    /// Print a shell completion script.
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff).
    Man(completions::ManArgs),
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
        Command::Stats(args) => inspect::stats(args),
        Command::List(args) => inspect::list(args),
        Command::Show(args) => inspect::show(args),
        Command::Remove(args) => inspect::remove(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args),
    }
}
