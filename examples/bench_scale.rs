//! Scaling benchmark: indexing cost at 1×, 2×, 4× and 8× the shared news
//! corpora (see BENCHMARKS.md and SCALING.md).
//!
//!     cargo build --release && cargo run --release --example bench_scale -- [OPTIONS]
//!
//! Options: `--shared DIR` (default `../shared`), `--work DIR` (where the
//! archives and indexes are written, default `/tmp/newsearch-scale`; about
//! 1.6 GB of input and 1.5 GB of index at 8×), `--scales LIST` (default
//! `1,2,4,8`), `--keep` (leave the archives and indexes behind),
//! `--baseline BIN` (also index each archive with another `newsearch`
//! binary, a build of an earlier commit, and print its row below ours).
//!
//! Copy `k` of an archive holds every article of both corpora under the id
//! `ID~k`, its text ending in ` k`, so that no two articles are equal (nor
//! folded together as copies of one wire story); copy 0 is the corpora as
//! they are. The `N×` archive is copies `0..N`, one JSON Lines file per
//! corpus and copy. Each archive is indexed by one `newsearch index --quiet`
//! process into a fresh index, then indexed again unchanged; both are timed
//! with `wait4` (wall time, peak RSS, like `/usr/bin/time`). The 392 topics
//! of the two headline sets then run in batch (`newsearch query --topics`,
//! one process per set, wall time summed).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

// What the children print is not read here.
#[allow(dead_code)]
#[path = "support/child.rs"]
mod child;
use anyhow::{bail, Context};
use child::{machine, sibling_binary, timed};

const CORPORA: [&str; 2] = ["ar-saudinewsnet.jsonl.gz", "fr-orangesum.jsonl.gz"];
const HEADLINE_SETS: [&str; 2] = ["ar-news-headline", "fr-news-headline"];

fn main() -> anyhow::Result<()> {
    let mut shared = PathBuf::from("../shared");
    let mut work = PathBuf::from("/tmp/newsearch-scale");
    let mut scales = vec![1usize, 2, 4, 8];
    let mut keep = false;
    let mut baseline: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().with_context(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--shared" => shared = PathBuf::from(value("--shared")?),
            "--work" => work = PathBuf::from(value("--work")?),
            "--scales" => {
                scales = value("--scales")?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()
                    .context("--scales takes numbers separated by commas")?
            }
            "--keep" => keep = true,
            "--baseline" => baseline = Some(PathBuf::from(value("--baseline")?)),
            other => bail!("unknown argument {other:?}"),
        }
    }
    scales.sort_unstable();
    let newsearch = sibling_binary("newsearch")?;
    let copies = scales.last().copied().unwrap_or(0);
    std::fs::create_dir_all(&work)?;
    eprintln!(
        "writing {copies} copies of the corpora to {}",
        work.display()
    );
    let pool = write_copies(&shared, &work.join("copies"), copies)?;

    println!("{}", machine());
    println!();
    println!("| archive | articles | input | index wall | index CPU | peak RSS | unchanged re-index | index size | segments | 392 headline topics, batch |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut runs = vec![(String::new(), newsearch)];
    if let Some(binary) = baseline {
        runs.push((" (baseline)".to_string(), binary));
    }
    for &scale in &scales {
        for (label, binary) in &runs {
            let files: Vec<&CopyFile> = pool.iter().filter(|f| f.copy < scale).collect();
            measure(&work, &shared, binary, scale, label, &files, keep)?;
        }
    }
    if !keep {
        remove_dir(&work.join("copies"))?;
    }
    Ok(())
}

/// Indexes one archive with one binary, re-indexes it, runs the topics,
/// and prints the row.
fn measure(
    work: &Path,
    shared: &Path,
    newsearch: &Path,
    scale: usize,
    label: &str,
    files: &[&CopyFile],
    keep: bool,
) -> anyhow::Result<()> {
    let articles: u64 = files.iter().map(|f| f.articles).sum();
    let input: u64 = files.iter().map(|f| f.bytes).sum();
    let index = work.join(format!("index-{scale}x"));
    remove_dir(&index)?;
    let index_cmd = || {
        let mut cmd = Command::new(newsearch);
        cmd.arg("index").arg("--quiet").arg("--index").arg(&index);
        cmd.args(files.iter().map(|f| &f.path));
        cmd
    };
    eprintln!("{scale}×: indexing {articles} articles");
    let first = timed(index_cmd(), Stdio::inherit())?;
    eprintln!("{scale}×: re-indexing unchanged");
    let again = timed(index_cmd(), Stdio::inherit())?;
    let size = dir_size(&index)?;
    // Each segment of the last commit has one id in meta.json.
    let segments = std::fs::read_to_string(index.join("meta.json"))?
        .matches("\"segment_id\"")
        .count();
    let mut batch = Duration::ZERO;
    for set in HEADLINE_SETS {
        let mut cmd = Command::new(newsearch);
        cmd.arg("query")
            .arg("--index")
            .arg(&index)
            .arg("--topics")
            .arg(shared.join("eval").join(set).join("topics.tsv"))
            .args(["--format", "trec"]);
        batch += timed(cmd, Stdio::inherit())?.wall;
    }
    println!(
        "| {scale}×{label} | {articles} | {} | {:.1} s | {:.1} s | {} MiB | {:.2} s | {} | {segments} | {:.2} s |",
        megabytes(input),
        first.wall.as_secs_f64(),
        first.cpu.as_secs_f64(),
        first.max_rss_kib / 1024,
        again.wall.as_secs_f64(),
        megabytes(size),
        batch.as_secs_f64(),
    );
    eprintln!(
        "{scale}×: re-index peak RSS {} MiB",
        again.max_rss_kib / 1024
    );
    if !keep {
        remove_dir(&index)?;
    }
    Ok(())
}

/// One JSON Lines file of the copy pool.
struct CopyFile {
    path: PathBuf,
    copy: usize,
    articles: u64,
    bytes: u64,
}

/// Writes copies `0..copies` of every corpus under `dir`, reusing files a
/// previous run left complete.
fn write_copies(shared: &Path, dir: &Path, copies: usize) -> anyhow::Result<Vec<CopyFile>> {
    std::fs::create_dir_all(dir)?;
    let mut pool = Vec::new();
    for corpus in CORPORA {
        let source = shared.join("corpora").join(corpus);
        let stem = corpus.trim_end_matches(".jsonl.gz");
        for copy in 0..copies {
            let path = dir.join(format!("{stem}-{copy}.jsonl"));
            let articles = write_copy(&source, &path, copy)
                .with_context(|| format!("writing {}", path.display()))?;
            let bytes = std::fs::metadata(&path)?.len();
            pool.push(CopyFile {
                path,
                copy,
                articles,
                bytes,
            });
        }
    }
    Ok(pool)
}

/// Writes copy `copy` of a gzipped JSON Lines corpus; returns its articles.
fn write_copy(source: &Path, path: &Path, copy: usize) -> anyhow::Result<u64> {
    let reader = BufReader::new(flate2::read::MultiGzDecoder::new(
        File::open(source).with_context(|| source.display().to_string())?,
    ));
    let partial = path.with_extension("partial");
    let mut out = BufWriter::new(File::create(&partial)?);
    let mut articles = 0;
    for line in reader.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let mut article: serde_json::Value = serde_json::from_str(&line)?;
        if copy > 0 {
            let fields = article
                .as_object_mut()
                .context("a corpus line is not a JSON object")?;
            let id = fields.get("id").and_then(|v| v.as_str()).unwrap_or("");
            let id = format!("{id}~{copy}");
            let text = fields.get("text").and_then(|v| v.as_str()).unwrap_or("");
            let text = format!("{text} {copy}");
            fields.insert("id".into(), id.into());
            fields.insert("text".into(), text.into());
        }
        serde_json::to_writer(&mut out, &article)?;
        out.write_all(b"\n")?;
        articles += 1;
    }
    out.flush()?;
    drop(out);
    std::fs::rename(&partial, path)?;
    Ok(articles)
}

fn dir_size(dir: &Path) -> anyhow::Result<u64> {
    let mut total = 0;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry?;
        if entry.file_type().is_file() {
            total += entry.metadata()?.len();
        }
    }
    Ok(total)
}

fn megabytes(bytes: u64) -> String {
    if bytes >= 1_000_000_000 {
        format!("{:.2} GB", bytes as f64 / 1e9)
    } else {
        format!("{:.0} MB", bytes as f64 / 1e6)
    }
}

fn remove_dir(dir: &Path) -> anyhow::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err.into()),
        _ => Ok(()),
    }
}
