//! End-to-end benchmark: newsearch beside plain tantivy on the shared news
//! corpora (see BENCHMARKS.md).
//!
//!     cargo build --release && cargo run --release --example bench_e2e -- [OPTIONS]
//!
//! Options: `--shared DIR` (default `../shared`), `--work DIR` (where the
//! indexes are built, default `target/bench-e2e`), `--runs N` (index runs
//! per engine, best wall time kept, default 3), `--cold N` (whole-process
//! query runs, default 20), `--skip-index` (reuse the indexes of a previous
//! run for the query figures).
//!
//! Indexing and cold-start queries run as child processes (the release
//! `newsearch` binary, and this program itself for the baseline), timed with
//! `wait4`, which gives each child's CPU time and peak RSS. Query latency
//! and batch throughput run in this process over the topics of the four
//! evaluation sets (`shared/eval/*/topics.tsv`).
//!
//! The baseline is plain tantivy with its default tokenizer: one stored
//! TEXT field holding the title and the text, one document per article, an
//! id field (STRING, STORED, FAST), the same writer threads and memory
//! budget as newsearch; its queries go through tantivy's lenient
//! `QueryParser`, with `SnippetGenerator` for highlighting.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/child.rs"]
mod child;
use anyhow::{bail, Context};
use child::{machine, sibling_binary, timed, ChildRun};
use newsearch::{ingest, Index, SearchOptions, Sort};
use newsearch_eval::{read_topics, Topic, EVAL_SETS};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{Schema, Value, FAST, STORED, STRING, TEXT};
use tantivy::snippet::SnippetGenerator;
use tantivy::TantivyDocument;

/// The allocator of the `newsearch` binary, so that the baseline indexer
/// (this program) runs with the same one.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CORPORA: [&str; 2] = ["ar-saudinewsnet.jsonl.gz", "fr-orangesum.jsonl.gz"];
/// Queries timed as whole processes (one French, one Arabic).
const COLD_QUERIES: [&str; 2] = ["réforme des retraites gouvernement", "وزارة الصحة السعودية"];
/// Baseline writer: the same budget and threads as newsearch's writer.
const BASELINE_MEMORY: usize = 256 << 20;
const LIMIT: usize = 10;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("baseline-index") => return baseline_index(&args[1..]),
        Some("baseline-query") => return baseline_query(&args[1..]),
        _ => {}
    }
    let mut config = Config {
        shared: PathBuf::from("../shared"),
        work: PathBuf::from("target/bench-e2e"),
        runs: 3,
        cold: 20,
        skip_index: false,
    };
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().with_context(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--shared" => config.shared = PathBuf::from(value("--shared")?),
            "--work" => config.work = PathBuf::from(value("--work")?),
            "--runs" => config.runs = value("--runs")?.parse()?,
            "--cold" => config.cold = value("--cold")?.parse()?,
            "--skip-index" => config.skip_index = true,
            other => bail!("unknown argument {other:?}"),
        }
    }
    run(&config)
}

struct Config {
    shared: PathBuf,
    work: PathBuf,
    runs: usize,
    cold: usize,
    skip_index: bool,
}

fn run(config: &Config) -> anyhow::Result<()> {
    let newsearch = sibling_binary("newsearch")?;
    let me = std::env::current_exe()?;
    let corpora: Vec<PathBuf> = CORPORA
        .iter()
        .map(|name| config.shared.join("corpora").join(name))
        .collect();
    let (compressed, uncompressed) = input_sizes(&corpora)?;
    let mb = uncompressed as f64 / 1e6;
    std::fs::create_dir_all(&config.work)?;
    let ns_dir = config.work.join("newsearch");
    let base_dir = config.work.join("tantivy");
    println!("# bench_e2e");
    println!("machine: {}", machine());
    println!(
        "input: {} files, {:.1} MB uncompressed JSONL ({:.1} MB gzip)",
        corpora.len(),
        mb,
        compressed as f64 / 1e6
    );
    println!();

    let mut ns_index = None;
    let mut ns_reindex = None;
    let mut base_index = None;
    if !config.skip_index {
        let corpora_args: Vec<String> = corpora.iter().map(|p| p.display().to_string()).collect();
        let index_command = || {
            let mut cmd = Command::new(&newsearch);
            cmd.args(["index", "--quiet", "--index"])
                .arg(&ns_dir)
                .args(&corpora_args);
            cmd
        };
        ns_index = Some(best_of(config.runs, || {
            remove_dir(&ns_dir)?;
            timed(index_command(), Stdio::null())
        })?);
        ns_reindex = Some(best_of(config.runs, || {
            timed(index_command(), Stdio::null())
        })?);
        base_index = Some(best_of(config.runs, || {
            remove_dir(&base_dir)?;
            let mut cmd = Command::new(&me);
            cmd.arg("baseline-index").arg(&base_dir).args(&corpora_args);
            timed(cmd, Stdio::null())
        })?);
    }
    let ns_size = newsearch::folder_size(&ns_dir);
    let base_size = newsearch::folder_size(&base_dir);

    // Queries, in process.
    let mut topics: Vec<Topic> = Vec::new();
    for set in EVAL_SETS {
        topics.extend(read_topics(
            &config.shared.join("eval").join(set).join("topics.tsv"),
        )?);
    }
    let index = Index::open(&ns_dir)?;
    let ns_latency = newsearch_latencies(&index, &topics, true, true)?;
    let ns_untranslated = newsearch_latencies(&index, &topics, true, false)?;
    let ns_batch = newsearch_latencies(&index, &topics, false, true)?;
    let base = BaselineSearcher::open(&base_dir)?;
    let base_latency = base.latencies(&topics, true)?;
    let base_batch = base.latencies(&topics, false)?;
    let ns_parallel = newsearch_parallel(&index, &topics)?;
    let base_parallel = base.parallel(&topics)?;

    // Whole-process queries.
    let mut ns_cold = Vec::new();
    let mut base_cold = Vec::new();
    for query in COLD_QUERIES {
        for round in 0..config.cold + 2 {
            let mut cmd = Command::new(&newsearch);
            cmd.args(["query", "--color", "never", "--index"])
                .arg(&ns_dir)
                .arg(query);
            let ns = timed(cmd, Stdio::null())?;
            let mut cmd = Command::new(&me);
            cmd.arg("baseline-query").arg(&base_dir).arg(query);
            let base = timed(cmd, Stdio::null())?;
            if round >= 2 {
                ns_cold.push(ns.wall);
                base_cold.push(base.wall);
            }
        }
    }

    // The table.
    println!("| measure | newsearch | plain tantivy | ratio |");
    println!("|---|---:|---:|---:|");
    if let (Some(ns), Some(base)) = (&ns_index, &base_index) {
        let (articles, passages) = summary_counts(&ns.stdout);
        let row = |name: &str, a: f64, b: f64, unit: &str| {
            println!(
                "| {name} | {a:.2} {unit} | {b:.2} {unit} | {:.2}× |",
                a / b.max(1e-9)
            );
        };
        row(
            "index from scratch, wall",
            ns.wall.as_secs_f64(),
            base.wall.as_secs_f64(),
            "s",
        );
        row(
            "index from scratch, CPU (user+sys)",
            ns.cpu.as_secs_f64(),
            base.cpu.as_secs_f64(),
            "s",
        );
        row(
            "index peak RSS",
            ns.max_rss_kib as f64 / 1024.0,
            base.max_rss_kib as f64 / 1024.0,
            "MiB",
        );
        row(
            "input MB/s (uncompressed)",
            mb / ns.wall.as_secs_f64(),
            mb / base.wall.as_secs_f64(),
            "MB/s",
        );
        row(
            "articles/s",
            articles as f64 / ns.wall.as_secs_f64(),
            articles as f64 / base.wall.as_secs_f64(),
            "",
        );
        println!(
            "| passages/s | {:.0} ({passages} passages) | – | – |",
            passages as f64 / ns.wall.as_secs_f64()
        );
        if let Some(re) = &ns_reindex {
            println!(
                "| unchanged re-index, wall | {:.2} s ({:.1}% of from scratch) | – | – |",
                re.wall.as_secs_f64(),
                100.0 * re.wall.as_secs_f64() / ns.wall.as_secs_f64()
            );
        }
    }
    println!(
        "| index size on disk | {:.1} MB ({:.2}× input) | {:.1} MB ({:.2}× input) | {:.2}× |",
        ns_size as f64 / 1e6,
        ns_size as f64 / uncompressed as f64,
        base_size as f64 / 1e6,
        base_size as f64 / uncompressed as f64,
        ns_size as f64 / base_size.max(1) as f64
    );
    for (name, p) in [("p50", 0.50), ("p95", 0.95), ("p99", 0.99)] {
        let a = percentile(&ns_latency, p);
        let b = percentile(&base_latency, p);
        println!(
            "| query {name}, highlighted ({} topics) | {:.2} ms | {:.2} ms | {:.2}× |",
            topics.len(),
            a * 1e3,
            b * 1e3,
            a / b.max(1e-12)
        );
    }
    for (name, p) in [("p50", 0.50), ("p99", 0.99)] {
        let a = percentile(&ns_untranslated, p);
        let b = percentile(&base_latency, p);
        println!(
            "| query {name}, highlighted, no translation | {:.2} ms | {:.2} ms | {:.2}× |",
            a * 1e3,
            b * 1e3,
            a / b.max(1e-12)
        );
    }
    let qps = |times: &[f64]| times.len() as f64 / times.iter().sum::<f64>().max(1e-9);
    println!(
        "| batch queries/s (no details) | {:.0} | {:.0} | {:.2}× |",
        qps(&ns_batch),
        qps(&base_batch),
        qps(&ns_batch) / qps(&base_batch).max(1e-9)
    );
    println!(
        "| batch queries/s (no details), {} threads | {ns_parallel:.0} | {base_parallel:.0} | {:.2}× |",
        rayon::current_num_threads(),
        ns_parallel / base_parallel.max(1e-9)
    );
    let (a, b) = (percentile_d(&ns_cold, 0.5), percentile_d(&base_cold, 0.5));
    println!(
        "| one whole query process, median of {} | {:.1} ms | {:.1} ms | {:.2}× |",
        ns_cold.len(),
        a * 1e3,
        b * 1e3,
        a / b.max(1e-12)
    );
    println!();
    archive_rows(&index, &topics, &newsearch, &ns_dir, config.cold)?;
    Ok(())
}

/// The archive views, each over every topic, beside the plain search
/// measured in the same run: the total, date order, a source filter,
/// facets; and `stats`, in process and as a whole process.
fn archive_rows(
    index: &Index,
    topics: &[Topic],
    newsearch: &Path,
    ns_dir: &Path,
    cold: usize,
) -> anyhow::Result<()> {
    let plain = SearchOptions::default().limit(LIMIT);
    let views = [
        (
            "plain search (baseline of these rows)",
            plain.clone(),
            false,
        ),
        ("with the total", plain.clone(), true),
        (
            "date order, latest first",
            plain.clone().sort(Sort::DateDesc),
            true,
        ),
        (
            "one source per corpus (aawsat, orange-actu)",
            plain
                .clone()
                .sources(ARCHIVE_SOURCES.iter().map(|s| s.to_string()).collect()),
            true,
        ),
        (
            "facets (source, language, month)",
            plain.clone().facets(true),
            true,
        ),
    ];
    println!(
        "| archive view, highlighted ({} topics) | p50 | p95 | p99 |",
        topics.len()
    );
    println!("|---|---:|---:|---:|");
    for (name, options, with_total) in views {
        let times = results_latencies(index, topics, &options, with_total)?;
        println!(
            "| {name} | {:.2} ms | {:.2} ms | {:.2} ms |",
            percentile(&times, 0.50) * 1e3,
            percentile(&times, 0.95) * 1e3,
            percentile(&times, 0.99) * 1e3
        );
    }
    let mut in_process = Vec::new();
    for _ in 0..cold.max(1) {
        let started = Instant::now();
        std::hint::black_box(index.stats()?);
        in_process.push(started.elapsed().as_secs_f64());
    }
    let mut whole = Vec::new();
    for _ in 0..cold.max(1) {
        let mut cmd = Command::new(newsearch);
        cmd.args(["stats", "--index"]).arg(ns_dir);
        whole.push(timed(cmd, Stdio::null())?.wall.as_secs_f64());
    }
    println!(
        "| stats, in process (median / max of {}) | {:.1} ms | – | {:.1} ms |",
        in_process.len(),
        percentile(&in_process, 0.5) * 1e3,
        percentile(&in_process, 1.0) * 1e3
    );
    println!(
        "| `newsearch stats`, whole process (median / max of {}) | {:.1} ms | – | {:.1} ms |",
        whole.len(),
        percentile(&whole, 0.5) * 1e3,
        percentile(&whole, 1.0) * 1e3
    );
    Ok(())
}

/// The sources kept by the source-filter row: the largest of the Arabic
/// corpus, and the French corpus's only one.
const ARCHIVE_SOURCES: [&str; 2] = ["aawsat", "orange-actu"];

/// Seconds per query through [`newsearch::Searcher::results`] (or
/// `search`, without the total), after one untimed pass.
fn results_latencies(
    index: &Index,
    topics: &[Topic],
    options: &SearchOptions,
    with_total: bool,
) -> anyhow::Result<Vec<f64>> {
    let mut searcher = index.searcher();
    let mut times = Vec::with_capacity(topics.len());
    for pass in 0..2 {
        for topic in topics {
            let started = Instant::now();
            let result = if with_total {
                searcher.results(&topic.query, options).map(|r| r.hits)
            } else {
                searcher.search(&topic.query, options)
            };
            let elapsed = started.elapsed().as_secs_f64();
            match result {
                Ok(hits) => {
                    std::hint::black_box(hits);
                }
                Err(newsearch::Error::NoSearchableWords(_)) => {}
                Err(err) => return Err(err.into()),
            }
            if pass == 1 {
                times.push(elapsed);
            }
        }
    }
    Ok(times)
}

/// The best (lowest wall time) of `runs` runs; the CPU time and RSS are
/// those of that run.
fn best_of(
    runs: usize,
    mut f: impl FnMut() -> anyhow::Result<ChildRun>,
) -> anyhow::Result<ChildRun> {
    let mut best: Option<ChildRun> = None;
    for _ in 0..runs.max(1) {
        let run = f()?;
        eprintln!(
            "  wall {:.2}s cpu {:.2}s rss {} MiB",
            run.wall.as_secs_f64(),
            run.cpu.as_secs_f64(),
            run.max_rss_kib / 1024
        );
        if best.as_ref().is_none_or(|b| run.wall < b.wall) {
            best = Some(run);
        }
    }
    Ok(best.unwrap_or_default())
}

fn input_sizes(files: &[PathBuf]) -> anyhow::Result<(u64, u64)> {
    let (mut compressed, mut uncompressed) = (0, 0);
    for file in files {
        compressed += std::fs::metadata(file)
            .with_context(|| file.display().to_string())?
            .len();
        let mut decoder = flate2::read::MultiGzDecoder::new(std::fs::File::open(file)?);
        uncompressed += std::io::copy(&mut decoder, &mut std::io::sink())?;
    }
    Ok((compressed, uncompressed))
}

fn remove_dir(dir: &Path) -> anyhow::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err.into()),
        _ => Ok(()),
    }
}

/// Articles added and passages written, from `newsearch index`'s summary.
fn summary_counts(summary: &str) -> (u64, u64) {
    let number_after = |prefix: &str| -> u64 {
        summary
            .lines()
            .find_map(|line| line.strip_prefix(prefix))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (number_after("articles: "), number_after("passages: "))
}

/// Seconds per query, after one untimed pass over all topics, with query
/// translation on or off.
fn newsearch_latencies(
    index: &Index,
    topics: &[Topic],
    details: bool,
    translate: bool,
) -> anyhow::Result<Vec<f64>> {
    let options = SearchOptions::default()
        .limit(LIMIT)
        .details(details)
        .translate(translate);
    results_latencies(index, topics, &options, false)
}

/// Queries per second of the batch run on every core, as `newsearch query
/// --topics` runs it ([`Index::search_batch`]), after one untimed pass.
fn newsearch_parallel(index: &Index, topics: &[Topic]) -> anyhow::Result<f64> {
    let options = SearchOptions::default().limit(LIMIT).details(false);
    let queries: Vec<&str> = topics.iter().map(|topic| topic.query.as_str()).collect();
    let mut started = Instant::now();
    for _ in 0..2 {
        started = Instant::now();
        for result in index.search_batch(&queries, &options) {
            match result {
                Ok(hits) => {
                    std::hint::black_box(hits);
                }
                Err(newsearch::Error::NoSearchableWords(_)) => {}
                Err(err) => return Err(err.into()),
            }
        }
    }
    Ok(queries.len() as f64 / started.elapsed().as_secs_f64())
}

fn percentile(times: &[f64], p: f64) -> f64 {
    if times.is_empty() {
        return 0.0;
    }
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[at]
}

fn percentile_d(times: &[Duration], p: f64) -> f64 {
    let secs: Vec<f64> = times.iter().map(Duration::as_secs_f64).collect();
    percentile(&secs, p)
}

// ---- The plain-tantivy baseline -------------------------------------------

fn baseline_schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field("id", STRING | STORED | FAST);
    builder.add_text_field("text", TEXT | STORED);
    builder.build()
}

/// `baseline-index DIR FILE...`: one document per article, title and text
/// in one TEXT field.
fn baseline_index(args: &[String]) -> anyhow::Result<()> {
    let [dir, files @ ..] = args else {
        bail!("baseline-index DIR FILE...");
    };
    let dir = Path::new(dir);
    std::fs::create_dir_all(dir)?;
    let schema = baseline_schema();
    let id = schema.get_field("id")?;
    let text = schema.get_field("text")?;
    let index = tantivy::Index::create_in_dir(dir, schema)?;
    let mut writer: tantivy::IndexWriter = index.writer(BASELINE_MEMORY)?;
    let mut articles = 0u64;
    let discovered = ingest::discover(files);
    for file in &discovered.files {
        let reader = ingest::open(file).map_err(|p| anyhow::anyhow!("{p}"))?;
        for article in reader.flatten() {
            let mut doc = TantivyDocument::new();
            doc.add_text(id, &article.id);
            let mut body = article.title;
            body.push_str("\n\n");
            body.push_str(&article.text);
            doc.add_text(text, body);
            writer.add_document(doc)?;
            articles += 1;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    println!("articles: {articles} added");
    Ok(())
}

/// `baseline-query DIR QUERY`: the whole-process query of the baseline,
/// printing the top hits with highlighted snippets.
fn baseline_query(args: &[String]) -> anyhow::Result<()> {
    let [dir, query] = args else {
        bail!("baseline-query DIR QUERY");
    };
    let searcher = BaselineSearcher::open(Path::new(dir))?;
    for line in searcher.search(query, true)? {
        println!("{line}");
    }
    Ok(())
}

struct BaselineSearcher {
    searcher: tantivy::Searcher,
    parser: QueryParser,
    id: tantivy::schema::Field,
    text: tantivy::schema::Field,
}

impl BaselineSearcher {
    fn open(dir: &Path) -> anyhow::Result<BaselineSearcher> {
        let index = tantivy::Index::open_in_dir(dir)?;
        let schema = index.schema();
        let id = schema.get_field("id")?;
        let text = schema.get_field("text")?;
        let parser = QueryParser::for_index(&index, vec![text]);
        let searcher = index.reader()?.searcher();
        Ok(BaselineSearcher {
            searcher,
            parser,
            id,
            text,
        })
    }

    /// The top hits: id and score, plus a highlighted snippet with details.
    fn search(&self, query: &str, details: bool) -> anyhow::Result<Vec<String>> {
        let (query, _errors) = self.parser.parse_query_lenient(query);
        let top = self
            .searcher
            .search(&query, &TopDocs::with_limit(LIMIT).order_by_score())?;
        let mut lines = Vec::with_capacity(top.len());
        if details {
            let generator = SnippetGenerator::create(&self.searcher, &*query, self.text)?;
            for (score, address) in top {
                let doc: TantivyDocument = self.searcher.doc(address)?;
                let id = doc
                    .get_first(self.id)
                    .and_then(|v| v.as_str())
                    .unwrap_or("");
                let snippet = generator.snippet_from_doc(&doc);
                lines.push(format!("{id} {score} {}", snippet.to_html()));
            }
        } else {
            for (score, address) in top {
                let segment = self.searcher.segment_reader(address.segment_ord);
                let mut id = String::new();
                if let Some(column) = segment.fast_fields().str("id")? {
                    if let Some(ord) = column.term_ords(address.doc_id).next() {
                        column.ord_to_str(ord, &mut id)?;
                    }
                }
                lines.push(format!("{id} {score}"));
            }
        }
        Ok(lines)
    }

    /// Queries per second of the batch on every core (rayon's pool, as
    /// [`newsearch_parallel`]), after one untimed pass.
    fn parallel(&self, topics: &[Topic]) -> anyhow::Result<f64> {
        use rayon::prelude::*;
        let mut started = Instant::now();
        for _ in 0..2 {
            started = Instant::now();
            let found: anyhow::Result<Vec<Vec<String>>> = topics
                .par_iter()
                .map(|topic| self.search(&topic.query, false))
                .collect();
            std::hint::black_box(found?);
        }
        Ok(topics.len() as f64 / started.elapsed().as_secs_f64())
    }

    fn latencies(&self, topics: &[Topic], details: bool) -> anyhow::Result<Vec<f64>> {
        let mut times = Vec::with_capacity(topics.len());
        for pass in 0..2 {
            for topic in topics {
                let started = Instant::now();
                std::hint::black_box(self.search(&topic.query, details)?);
                if pass == 1 {
                    times.push(started.elapsed().as_secs_f64());
                }
            }
        }
        Ok(times)
    }
}
