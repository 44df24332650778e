//! `newsearch query`: one query, or a batch of topics as a TREC run.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use newsearch::{escape, Error, Index, Lang, SearchOptions, TopicLine};
use newsearch::{write_hits, write_json, write_trec, Style};

use super::{ColorChoice, IndexLocation};

#[derive(Debug, Args)]
#[command(
    after_help = "Query syntax: words are optional and rank by how many and how rare \
the matched words are; +word requires a word, -word excludes it, \"a phrase\" (or « … ») \
matches the words in order.\n\nWithout colour (not a terminal, --color never, or NO_COLOR set), \
matched words are marked as [word] and … shows where a passage was cut."
)]
pub struct QueryArgs {
    /// The query (not with --topics).
    #[arg(required_unless_present = "topics", conflicts_with = "topics")]
    query: Option<String>,
    #[command(flatten)]
    index: IndexLocation,
    /// Number of results (articles; passages with --passages).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    limit: u64,
    /// Only passages in this language.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Only articles dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<String>,
    /// Only articles dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<String>,
    /// List every matching passage, not one entry per article.
    #[arg(long)]
    passages: bool,
    /// Print one JSON object per hit (JSON Lines).
    #[arg(long, conflicts_with = "topics")]
    json: bool,
    /// Colour matches and metadata.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Batch mode: a file of `qid<TAB>query` lines.
    #[arg(long, value_name = "FILE", requires = "format")]
    topics: Option<PathBuf>,
    /// Output format of batch mode.
    #[arg(long, value_enum, requires = "topics")]
    format: Option<BatchFormat>,
    /// Run tag, the last column of TREC lines.
    #[arg(long, default_value = "newsearch")]
    run_tag: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Ar,
    Fr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum BatchFormat {
    /// `qid Q0 article_id rank score tag`.
    Trec,
}

fn parse_date(value: &str) -> Result<String, String> {
    match newsearch::parse_day(value) {
        Some(_) => Ok(value.to_string()),
        None => Err(format!("{value:?} is not a date; write it as YYYY-MM-DD")),
    }
}

pub fn run(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let index = Index::open(&args.index.path())?;
    let options = SearchOptions {
        limit: usize::try_from(args.limit).unwrap_or(usize::MAX),
        lang: args.lang.map(|lang| match lang {
            LangArg::Ar => Lang::Ar,
            LangArg::Fr => Lang::Fr,
        }),
        since: args.since.clone(),
        until: args.until.clone(),
        all_passages: args.passages,
        ..SearchOptions::default()
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if let Some(topics) = &args.topics {
        run_topics(&index, topics, &args.run_tag, options, &mut out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let query = args.query.as_deref().unwrap_or_default();
    let mut searcher = index.searcher();
    let hits = match searcher.search(query, &options) {
        Ok(hits) => hits,
        // Nothing to search is nothing found (exit 1), not an error (2).
        Err(err @ Error::NoSearchableWords(_)) => {
            eprintln!("newsearch: {err}");
            return Ok(ExitCode::from(1));
        }
        Err(err) => return Err(err.into()),
    };
    for respelling in searcher.respelled() {
        eprintln!(
            "newsearch: note: {:?} is not in the index; searched {:?} instead",
            respelling.word, respelling.searched
        );
    }
    if args.json {
        write_json(&mut out, &hits)?;
    } else {
        if hits.is_empty() {
            eprintln!("no results for {query:?}");
        }
        write_hits(&mut out, &hits, style(args.color))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One searcher for the whole batch: the index is opened once.
fn run_topics(
    index: &Index,
    topics: &Path,
    tag: &str,
    options: SearchOptions,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let options = SearchOptions {
        details: false,
        ..options
    };
    let mut searcher = index.searcher();
    // One line at a time: a batch of any size runs in bounded memory.
    for line in newsearch::topic_lines(topics)? {
        let topic = match line? {
            TopicLine::Topic(topic) => topic,
            TopicLine::Skipped { number, reason } => {
                eprintln!(
                    "newsearch: warning: {}:{number}: {reason}; line skipped",
                    topics.display()
                );
                continue;
            }
            _ => continue,
        };
        let (qid, query) = (&topic.qid, &topic.query);
        match searcher.search(query, &options) {
            Ok(hits) => write_trec(out, qid, &hits, tag)?,
            // A topic of stopwords only retrieves nothing, which scores 0.
            Err(Error::NoSearchableWords(_)) => {}
            Err(err @ Error::QueryTooLong(_)) => {
                eprintln!(
                    "newsearch: warning: {}: topic {}: {err}; skipped",
                    topics.display(),
                    escape(qid)
                );
            }
            Err(err) => return Err(err.into()),
        }
    }
    Ok(())
}

fn style(choice: ColorChoice) -> Style {
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    if color {
        Style::Color
    } else {
        Style::Plain
    }
}
