//! `newsearch query`: one query, or a batch of topics as a TREC run.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use newsearch::{escape, write_hits, write_json, write_json_summary, write_summary, write_trec};
use newsearch::{Day, Error, Index, Lang, SearchOptions, Sort, Style, TopicLine};

use super::{ColorChoice, IndexLocation};

#[derive(Debug, Args)]
#[command(
    after_help = "Query syntax: words are optional and rank by how many and how rare \
the matched words are; +word requires a word, -word excludes it, \"a phrase\" (or « … ») \
matches the words in order.\n\nWithout colour (not a terminal, --color never, or NO_COLOR set), \
matched words are marked as [word] and … shows where a passage was cut.\n\n\
Exit status: 0 when something matched, 1 when nothing did, 2 on an error.\n\n\
Examples:\n  \
newsearch query \"Burns Caire\"\n  \
newsearch query Macron --sort date --limit 20 --offset 20\n  \
newsearch query القاهرة --source okaz --since 2015-07-01 --until 2015-07-31 --facets\n  \
newsearch query \"+Gaza -Hamas\" --lang fr --json\n  \
newsearch query --topics topics.tsv > run.trec"
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
    /// Skip this many results first: `--offset 10` shows the second page of 10.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=1_000_000))]
    offset: u64,
    /// Order: best match first (score), latest first (date-desc, or date),
    /// or earliest first (date-asc); undated articles last.
    #[arg(long, value_name = "ORDER", default_value = "score", value_parser = sort_parser())]
    sort: Sort,
    /// Only articles from this source (repeat for several; case is ignored).
    #[arg(long = "source", value_name = "NAME")]
    sources: Vec<String>,
    /// Also count the matching articles by source, language and month.
    #[arg(long, conflicts_with = "topics")]
    facets: bool,
    /// Only passages in this language.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Only articles dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    since: Option<Day>,
    /// Only articles dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    until: Option<Day>,
    /// List every matching passage, not one entry per article.
    #[arg(long)]
    passages: bool,
    /// Search the query's own words only, not their translations and
    /// spellings in the other language.
    #[arg(long)]
    no_translate: bool,
    /// Print one JSON object per hit (JSON Lines), then one with the total.
    #[arg(long, conflicts_with = "topics")]
    json: bool,
    /// Colour matches and metadata.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Batch mode: a file of `qid<TAB>query` lines; prints a TREC run.
    #[arg(long, value_name = "FILE")]
    topics: Option<PathBuf>,
    /// Output format of batch mode (TREC, the only one).
    #[arg(long, value_enum, requires = "topics")]
    format: Option<BatchFormat>,
    /// Run tag, the last column of TREC lines.
    #[arg(long, default_value = "newsearch")]
    run_tag: String,
    /// Threads that run the topics of batch mode (default: one per core).
    #[arg(long, value_name = "N", requires = "topics", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
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

/// The names of [`Sort`], as the server takes them too, and `date`.
fn sort_parser() -> impl TypedValueParser<Value = Sort> {
    let names = Sort::ALL.map(Sort::name).into_iter().chain(["date"]);
    PossibleValuesParser::new(names).try_map(|name| name.parse::<Sort>())
}

fn parse_day(value: &str) -> Result<Day, String> {
    value.parse().map_err(|err: Error| err.to_string())
}

pub fn run(args: QueryArgs) -> anyhow::Result<ExitCode> {
    if args.format.is_some() && args.topics.is_none() {
        anyhow::bail!("--format is the output format of --topics batch runs; add --topics FILE or leave out --format");
    }
    let index = Index::open(&args.index.path())?;
    let options = SearchOptions::default()
        .limit(usize::try_from(args.limit).unwrap_or(usize::MAX))
        .offset(usize::try_from(args.offset).unwrap_or(usize::MAX))
        .sort(args.sort)
        .lang(args.lang.map(|lang| match lang {
            LangArg::Ar => Lang::Ar,
            LangArg::Fr => Lang::Fr,
        }))
        .since(args.since)
        .until(args.until)
        .sources(args.sources.clone())
        .facets(args.facets)
        .all_passages(args.passages)
        .translate(!args.no_translate);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if let Some(topics) = &args.topics {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(args.threads.map_or(0, usize::from))
            .build()?;
        let found = run_topics(&index, &pool, topics, &args.run_tag, options, &mut out)?;
        out.flush()?;
        return Ok(exit_code(found));
    }
    let query = args.query.as_deref().unwrap_or_default();
    let mut searcher = index.searcher();
    let results = searcher.results(query, &options)?;
    for respelling in searcher.respelled() {
        eprintln!(
            "newsearch: note: {:?} is not in the index; searched {:?} instead",
            respelling.word, respelling.searched
        );
    }
    for translation in searcher.translated() {
        eprintln!(
            "newsearch: note: translated {}",
            translation_note(translation)
        );
    }
    if args.json {
        write_json(&mut out, &results.hits)?;
        write_json_summary(&mut out, &results, options.offset)?;
    } else {
        if results.hits.is_empty() {
            eprintln!("no results for '{query}'");
        }
        let style = style(args.color);
        write_hits(&mut out, &results.hits, style)?;
        write_summary(&mut out, &results, options.offset, style)?;
    }
    out.flush()?;
    Ok(exit_code(!results.hits.is_empty()))
}

/// As grep: 0 when something was found, 1 when nothing was.
fn exit_code(found: bool) -> ExitCode {
    if found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `Caire → القاهرة, قاهرة`: the words and what they were searched as,
/// escaped as all archive text is (the alternatives may come from the index).
fn translation_note(translation: &newsearch::Translation) -> String {
    let into: Vec<String> = translation
        .into
        .iter()
        .map(|t| escape(t).into_owned())
        .collect();
    format!("{} → {}", escape(&translation.words), into.join(", "))
}

/// Topics searched together, on the threads of the pool, before their runs
/// are written in order.
const TOPICS_PER_ROUND: usize = 1024;

/// The index is opened once; topics are read a round at a time, so a batch
/// of any size runs in bounded memory.
fn run_topics(
    index: &Index,
    pool: &rayon::ThreadPool,
    topics: &Path,
    tag: &str,
    options: SearchOptions,
    out: &mut impl Write,
) -> anyhow::Result<bool> {
    let options = options.details(false);
    let mut found = false;
    let mut lines = newsearch::topic_lines(topics)?;
    loop {
        let mut round = Vec::with_capacity(TOPICS_PER_ROUND);
        for line in lines.by_ref() {
            match line? {
                TopicLine::Topic(topic) => round.push(topic),
                TopicLine::Skipped { number, reason } => eprintln!(
                    "newsearch: warning: {}:{number}: {reason}; line skipped",
                    topics.display()
                ),
                _ => {}
            }
            if round.len() == TOPICS_PER_ROUND {
                break;
            }
        }
        if round.is_empty() {
            return Ok(found);
        }
        let queries: Vec<&str> = round.iter().map(|topic| topic.query.as_str()).collect();
        let results = pool.install(|| index.search_batch(&queries, &options));
        for (topic, result) in round.iter().zip(results) {
            match result {
                Ok(hits) => {
                    found |= !hits.is_empty();
                    write_trec(out, &topic.qid, &hits, tag)?;
                }
                // A topic of stopwords only retrieves nothing, which scores 0.
                Err(Error::NoSearchableWords(_)) => {}
                Err(err @ Error::QueryTooLong(_)) => {
                    eprintln!(
                        "newsearch: warning: {}: topic {}: {err}; skipped",
                        topics.display(),
                        escape(&topic.qid)
                    );
                }
                Err(err) => return Err(err.into()),
            }
        }
    }
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
