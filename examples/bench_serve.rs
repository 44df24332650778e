//! Load test of `newsearch serve` (see BENCHMARKS.md): concurrent clients
//! send real queries to a running server on this machine and the program
//! reports throughput and latency percentiles, beside the same queries run
//! in this process through the library (no HTTP) as the baseline.
//!
//!     newsearch serve --index DIR &
//!     cargo run --release --example bench_serve -- --index DIR [OPTIONS]
//!
//! Options: `--addr ADDR` (default `127.0.0.1:7700`; only loopback
//! addresses are accepted), `--clients N` (default 8), `--requests N`
//! (measured requests in all, default 4000), `--seconds N` (a cap on the
//! measured time, default 60), `--topics FILE` (repeatable; default the
//! headline topics of `../shared/eval/{ar,fr}-news-headline`).
//!
//! Each client keeps one connection open and walks the topic list from
//! its own starting point; every request is `GET /search?q=…&limit=10`
//! and must answer 200. A warm-up pass over every query runs first and is
//! not measured.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::Parser;
use newsearch::{Index, SearchOptions};

#[derive(Debug, Parser)]
struct Args {
    /// The index the server serves (for the in-process baseline).
    #[arg(long)]
    index: PathBuf,
    /// The server's address.
    #[arg(long, default_value = "127.0.0.1:7700")]
    addr: SocketAddr,
    /// Concurrent clients.
    #[arg(long, default_value_t = 8)]
    clients: usize,
    /// Measured requests, in all.
    #[arg(long, default_value_t = 4000)]
    requests: usize,
    /// Cap on the measured time, in seconds.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Topic files (`qid<TAB>query` lines).
    #[arg(long)]
    topics: Vec<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if !args.addr.ip().is_loopback() {
        bail!(
            "{}: the load test only targets this machine (127.0.0.0/8 or [::1])",
            args.addr
        );
    }
    let topics = if args.topics.is_empty() {
        ["ar-news-headline", "fr-news-headline"]
            .iter()
            .map(|set| PathBuf::from("../shared/eval").join(set).join("topics.tsv"))
            .collect()
    } else {
        args.topics.clone()
    };
    let queries = Arc::new(read_queries(&topics)?);
    println!("{} queries from {}", queries.len(), topics.len());

    for (name, facets) in [
        ("library, in process, 1 thread:  ", false),
        ("  with total and facets, as served", true),
    ] {
        let baseline = in_process(&args.index, &queries, facets)?;
        println!(
            "{name}{:7.1} queries/s  p50 {:6.2} ms  p90 {:6.2} ms  p99 {:6.2} ms  ({} queries)",
            baseline.per_second(),
            baseline.percentile(50.0),
            baseline.percentile(90.0),
            baseline.percentile(99.0),
            baseline.latencies.len()
        );
    }

    // Warm-up: every query once, so both runs see a warm page cache.
    let warm = client();
    for query in queries.iter() {
        get(&warm, args.addr, query)?;
    }

    let http = over_http(&args, &queries)?;
    println!(
        "HTTP, {} clients:               {:7.1} requests/s  p50 {:6.2} ms  p90 {:6.2} ms  p99 {:6.2} ms  ({} requests)",
        args.clients,
        http.per_second(),
        http.percentile(50.0),
        http.percentile(90.0),
        http.percentile(99.0),
        http.latencies.len()
    );
    Ok(())
}

/// `qid<TAB>query` lines of every file, queries only.
fn read_queries(files: &[PathBuf]) -> anyhow::Result<Vec<String>> {
    let mut queries = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).with_context(|| file.display().to_string())?;
        queries.extend(
            text.lines()
                .filter_map(|line| line.split_once('\t'))
                .map(|(_, query)| query.trim().to_string())
                .filter(|query| !query.is_empty()),
        );
    }
    if queries.is_empty() {
        bail!("no queries in {files:?}");
    }
    Ok(queries)
}

/// Latencies of a run and its wall time.
struct Run {
    latencies: Vec<Duration>,
    wall: Duration,
}

impl Run {
    fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.wall.as_secs_f64()
    }

    /// The `p`th percentile latency in milliseconds (nearest rank).
    fn percentile(&self, p: f64) -> f64 {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
    }
}

/// Every query once through the library, as the server runs it (a new
/// searcher per query, 10 hits with highlights); with `facets`, also the
/// total and the facets, as the server asks for them.
fn in_process(index: &std::path::Path, queries: &[String], facets: bool) -> anyhow::Result<Run> {
    let index = Index::open(index)?;
    let options = SearchOptions::default().limit(11).facets(facets);
    let run = |query: &str| {
        if facets {
            let _ = std::hint::black_box(index.results(query, &options));
        } else {
            let _ = std::hint::black_box(index.search(query, &options));
        }
    };
    for query in queries {
        run(query);
    }
    let mut latencies = Vec::with_capacity(queries.len());
    let start = Instant::now();
    for query in queries {
        let one = Instant::now();
        run(query);
        latencies.push(one.elapsed());
    }
    Ok(Run {
        latencies,
        wall: start.elapsed(),
    })
}

fn client() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

fn get(agent: &ureq::Agent, addr: SocketAddr, query: &str) -> anyhow::Result<()> {
    let url = format!(
        "http://{addr}/search?{}",
        serde_urlencoded::to_string([("q", query), ("limit", "10")])?
    );
    let mut response = agent.get(&url).call()?;
    let body = response
        .body_mut()
        .with_config()
        .limit(16 << 20)
        .read_to_vec()?;
    if response.status() != 200 {
        bail!(
            "{query:?}: {} {}",
            response.status(),
            String::from_utf8_lossy(&body)
        );
    }
    Ok(())
}

/// `args.clients` threads, each on one connection, until `args.requests`
/// requests in all or `args.seconds` have passed.
fn over_http(args: &Args, queries: &Arc<Vec<String>>) -> anyhow::Result<Run> {
    let sent = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let start = Instant::now();
    let threads: Vec<_> = (0..args.clients)
        .map(|i| {
            let (queries, sent) = (Arc::clone(queries), Arc::clone(&sent));
            let (addr, total, clients) = (args.addr, args.requests, args.clients);
            std::thread::spawn(move || -> anyhow::Result<Vec<Duration>> {
                let agent = client();
                let mut latencies = Vec::new();
                let mut next = i * queries.len() / clients;
                while sent.fetch_add(1, Ordering::Relaxed) < total && Instant::now() < deadline {
                    let one = Instant::now();
                    get(&agent, addr, &queries[next % queries.len()])?;
                    latencies.push(one.elapsed());
                    next += 1;
                }
                Ok(latencies)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for thread in threads {
        latencies.extend(thread.join().expect("a client thread")?);
    }
    Ok(Run {
        latencies,
        wall: start.elapsed(),
    })
}
