//! Runs the topics of the four evaluation sets against an existing index,
//! in process, for profiling and for checking that a change leaves the
//! results alone.
//!
//!     cargo run --release --example query_batch -- INDEX [OPTIONS]
//!
//! Options: `--shared DIR` (default `../shared`), `--passes N` (timed passes
//! over all topics after one untimed pass, default 1), `--details` (fetch
//! and highlight hits, as a single `newsearch query` does; default off, as
//! `--topics` does), `--limit N` (default 10), `--dump FILE` (write every
//! hit of the last pass: qid, rank, article id, the score's exact bits and,
//! with details, the shown passages and their highlights, so that two
//! builds can be compared with `diff`), `--view total|date|source|facets`
//! (run the archive view through `Searcher::results`, as `bench_e2e`'s
//! archive rows do; the dump then adds each query's total and facets),
//! `--set NAME` (repeatable: only these evaluation sets, e.g.
//! `ar-news-headline`; default all four), `--searcher-per-query` (a new
//! searcher for each query, as `newsearch serve` runs them; default one
//! searcher for the batch, as `newsearch query --topics` does),
//! `--no-translate` (search each query in its own words only, to see what
//! translation costs), `--slowest N` (print the p50 and p99 of the last
//! pass and its N slowest topics with their times, to see what the tail
//! is made of).
//!
//! Prints the queries per second of wall and CPU time (user + sys of this
//! process), which is the steadier figure on a shared machine.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use newsearch::{Index, SearchOptions, Sort};
use newsearch_eval::{read_topics, Topic, EVAL_SETS};

/// The allocator of the `newsearch` binary, so that the figures are those
/// of `newsearch query --topics`.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let mut index_dir: Option<PathBuf> = None;
    let mut shared = PathBuf::from("../shared");
    let mut passes = 1usize;
    let mut details = false;
    let mut limit = 10usize;
    let mut dump: Option<PathBuf> = None;
    let mut view: Option<String> = None;
    let mut sets: Vec<String> = Vec::new();
    let mut per_query = false;
    let mut slowest = 0usize;
    let mut translate = true;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().with_context(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--shared" => shared = PathBuf::from(value("--shared")?),
            "--passes" => passes = value("--passes")?.parse()?,
            "--limit" => limit = value("--limit")?.parse()?,
            "--dump" => dump = Some(PathBuf::from(value("--dump")?)),
            "--details" => details = true,
            "--view" => view = Some(value("--view")?),
            "--set" => sets.push(value("--set")?),
            "--searcher-per-query" => per_query = true,
            "--slowest" => slowest = value("--slowest")?.parse()?,
            "--no-translate" => translate = false,
            other if index_dir.is_none() && !other.starts_with("--") => {
                index_dir = Some(PathBuf::from(other))
            }
            other => bail!("unknown argument {other:?}"),
        }
    }
    let index_dir = index_dir.context("usage: query_batch INDEX [OPTIONS]")?;
    let mut topics: Vec<Topic> = Vec::new();
    if sets.is_empty() {
        sets = EVAL_SETS.iter().map(|set| set.to_string()).collect();
    }
    for set in &sets {
        topics.extend(read_topics(
            &shared.join("eval").join(set).join("topics.tsv"),
        )?);
    }
    let index = Index::open(&index_dir)?;
    let mut options = SearchOptions::default()
        .limit(limit)
        .details(details)
        .translate(translate);
    match view.as_deref() {
        None | Some("total") => {}
        Some("date") => options = options.sort(Sort::DateDesc),
        // The sources of `bench_e2e`'s source row.
        Some("source") => options = options.sources(vec!["aawsat".into(), "orange-actu".into()]),
        Some("facets") => options = options.facets(true),
        Some(other) => bail!("unknown view {other:?}: total, date, source or facets"),
    }
    let mut searcher = index.searcher();
    let mut out = String::new();
    let (mut wall, mut cpu) = (Duration::ZERO, Duration::ZERO);
    let mut times: Vec<(Duration, &Topic)> = Vec::new();
    for pass in 0..=passes {
        let (started, cpu_started) = (Instant::now(), cpu_time());
        for topic in &topics {
            let query_started = Instant::now();
            if per_query {
                searcher = index.searcher();
            }
            let found = if view.is_some() {
                searcher
                    .results(&topic.query, &options)
                    .map(|r| (r.hits, format!("total {} facets {:?}", r.total, r.facets)))
            } else {
                searcher
                    .search(&topic.query, &options)
                    .map(|hits| (hits, String::new()))
            };
            let (hits, counts) = match found {
                Ok(found) => found,
                Err(newsearch::Error::NoSearchableWords(_)) => (Vec::new(), String::new()),
                Err(err) => return Err(err.into()),
            };
            if pass == passes {
                times.push((query_started.elapsed(), topic));
            }
            if pass == passes && dump.is_some() && view.is_some() {
                writeln!(out, "{} {counts}", topic.qid)?;
            }
            if pass == passes && dump.is_some() {
                for hit in &hits {
                    writeln!(
                        out,
                        "{} {} {} {:08x} {}",
                        topic.qid,
                        hit.rank,
                        hit.article_id,
                        hit.score.to_bits(),
                        hit.title
                    )?;
                    for p in &hit.passages {
                        writeln!(
                            out,
                            "  {} {:08x} {} {:?} {:?}",
                            p.number,
                            p.score.to_bits(),
                            p.lang,
                            p.highlights,
                            p.window
                        )?;
                    }
                }
            }
        }
        if pass > 0 {
            wall += started.elapsed();
            cpu += cpu_time() - cpu_started;
        }
    }
    let queries = (topics.len() * passes) as f64;
    println!(
        "{} topics x {passes} passes, details {details}, view {}: {:.0} queries/s wall, {:.0} queries/s CPU ({:.3} ms CPU per query); load average {}",
        topics.len(),
        view.as_deref().unwrap_or("none"),
        queries / wall.as_secs_f64().max(1e-9),
        queries / cpu.as_secs_f64().max(1e-9),
        cpu.as_secs_f64() * 1e3 / queries.max(1.0),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    if slowest > 0 {
        print_slowest(&mut times, slowest);
    }
    if let Some(dump) = dump {
        std::fs::write(&dump, out).with_context(|| dump.display().to_string())?;
    }
    Ok(())
}

/// The p50 and p99 of `times` and its `n` slowest topics.
fn print_slowest(times: &mut [(Duration, &Topic)], n: usize) {
    times.sort_by_key(|(time, _)| std::cmp::Reverse(*time));
    let at = |p: f64| {
        let rank = ((times.len() as f64 * (1.0 - p)).floor() as usize).min(times.len() - 1);
        times[rank].0.as_secs_f64() * 1e3
    };
    println!("last pass: p50 {:.2} ms, p99 {:.2} ms", at(0.5), at(0.99));
    for (time, topic) in times.iter().take(n) {
        println!(
            "{:8.2} ms  {}  {}",
            time.as_secs_f64() * 1e3,
            topic.qid,
            topic.query
        );
    }
}

/// User + system CPU time of this process so far.
fn cpu_time() -> Duration {
    // SAFETY: rusage is plain data that getrusage fills for this process.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    tv(usage.ru_utime) + tv(usage.ru_stime)
}
