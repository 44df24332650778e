//! `newsearch index`: build or update the index from files and folders.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsearch::{escape, Index, Lang, Rebuild};
use newsearch::{PathsReport, Progress, WriteCounts};

use super::IndexLocation;

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 when articles were indexed, 2 when nothing indexable was found or on an error.\n\n\
Examples:\n  newsearch index seeds/\n  \
newsearch index ../shared/corpora/fr-orangesum.jsonl.gz --index /tmp/news\n  \
newsearch index articles/ --rebuild --quiet"
)]
pub struct IndexArgs {
    /// Files and folders to index (folders are walked recursively).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    index: IndexLocation,
    /// Build the index afresh, beside the old one, which answers queries
    /// until the new one replaces it.
    #[arg(long)]
    rebuild: bool,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Commit every SECS seconds instead of every 30 (for crash tests).
    #[arg(long, value_name = "SECS", hide = true)]
    commit_every: Option<f64>,
}

pub fn run(args: IndexArgs) -> anyhow::Result<ExitCode> {
    let path = args.index.path();
    let interrupted = on_interrupt()?;
    // A rebuild writes a new index beside the old one, which stays
    // searchable until the new one replaces it.
    let rebuild = if args.rebuild {
        Some(Rebuild::start(&path)?)
    } else {
        None
    };
    let opened;
    let index = match &rebuild {
        Some(rebuild) => rebuild.index(),
        None => {
            opened = Index::open_or_create(&path)?;
            // Unchanged articles are skipped on trust: check the files
            // they live in first.
            opened.check()?;
            &opened
        }
    };
    let mut writer = index.writer()?;
    if let Some(seconds) = args.commit_every {
        let interval = std::time::Duration::try_from_secs_f64(seconds)
            .map_err(|err| anyhow::anyhow!("--commit-every {seconds}: {err}"))?;
        writer.set_commit_interval(interval);
    }
    let mut progress = Bar::new(
        !args.quiet && std::io::stderr().is_terminal(),
        interrupted.clone(),
    );
    // A failure past this point (a full disk, say) leaves the last commit.
    let stopped = || {
        format!(
            "{}: indexing stopped, the index keeps its last commit",
            path.display()
        )
    };
    let started = std::time::Instant::now();
    let report = writer
        .add_paths(&args.paths, &mut progress)
        .with_context(stopped)?;
    if report.interrupted {
        writer.abandon().with_context(stopped)?;
        let kept = match rebuild {
            Some(rebuild) => {
                drop(rebuild); // deletes the new index
                "the index is unchanged (the rebuild was abandoned)".to_string()
            }
            None => format!(
                "the index keeps its last commit ({} articles); what was read since is discarded",
                index.num_articles()?
            ),
        };
        eprintln!("newsearch: interrupted: {kept}");
        return Ok(ExitCode::from(130));
    }
    let counts = writer.finish().with_context(stopped)?;
    let indexed = counts.added + counts.updated + counts.unchanged;
    if let Some(rebuild) = rebuild {
        if indexed == 0 {
            // An empty rebuild (a wrong path, say) does not replace anything.
            drop(rebuild);
            print_summary(&report, &counts, started.elapsed(), 0)?;
            eprintln!(
                "newsearch: error: nothing indexable in the given paths (see the skipped files above); the index is unchanged"
            );
            return Ok(ExitCode::from(1));
        }
        rebuild.finish()?;
    }
    // The final commit writes the last segments: part of the indexing time.
    let elapsed = started.elapsed();
    let index = Index::open(&path)?;
    print_summary(&report, &counts, elapsed, index.size_on_disk())?;
    if indexed == 0 && index.num_articles()? == 0 {
        anyhow::bail!("nothing indexable in the given paths (see the skipped files above)");
    }
    Ok(ExitCode::SUCCESS)
}

/// A flag raised by SIGINT or SIGTERM, checked between articles; a second
/// signal ends the process at once.
fn on_interrupt() -> anyhow::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 130, flag.clone())?;
        signal_hook::flag::register(signal, flag.clone())?;
    }
    Ok(flag)
}

fn print_summary(
    report: &PathsReport,
    counts: &WriteCounts,
    elapsed: std::time::Duration,
    index_bytes: u64,
) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    // File names and ids come from the archive: escaped, never sent raw.
    for (path, reason) in &report.skipped {
        let line = format!("{}: {reason}", path.display());
        eprintln!("skipped {}", escape(&line));
    }
    for problem in &report.problems {
        eprintln!("warning: {}", escape(problem));
    }
    for note in &report.notes {
        eprintln!("note: {}", escape(note));
    }
    let seconds = elapsed.as_secs_f64().max(1e-9);
    let passages: u64 = counts.passages.values().sum();
    let per_lang: Vec<String> = Lang::ALL
        .iter()
        .filter_map(|lang| {
            counts
                .passages
                .get(lang)
                .map(|n| format!("{} {n}", lang.code()))
        })
        .collect();
    writeln!(
        out,
        "articles: {} added, {} updated, {} removed, {} unchanged",
        counts.added, counts.updated, counts.removed, counts.unchanged
    )?;
    writeln!(
        out,
        "passages: {passages} written{}",
        if per_lang.is_empty() {
            String::new()
        } else {
            format!(" ({})", per_lang.join(", "))
        }
    )?;
    writeln!(
        out,
        "files: {} read, {} skipped; {} problems",
        report.files,
        report.skipped.len(),
        report.problems.len()
    )?;
    // MB/s of the files as on disk, as the progress bar counts them.
    writeln!(
        out,
        "time: {:.2}s, {:.1} MB/s of files read ({:.1} MB; {:.1} MB of text); index size {:.1} MB",
        seconds,
        report.bytes as f64 / 1e6 / seconds,
        report.bytes as f64 / 1e6,
        report.input_bytes as f64 / 1e6,
        index_bytes as f64 / 1e6
    )?;
    Ok(())
}

/// An indicatif bar on standard error, or nothing: the file being read,
/// the articles so far, and the bytes of the files as on disk; and the
/// interrupt flag.
struct Bar {
    bar: Option<ProgressBar>,
    file: String,
    articles: u64,
    interrupted: Arc<AtomicBool>,
}

/// Articles between two updates of the bar's message.
const ARTICLES_PER_UPDATE: u64 = 250;

impl Bar {
    fn new(visible: bool, interrupted: Arc<AtomicBool>) -> Bar {
        let bar = visible.then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(
                "{msg} {bar:30} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Bar {
            bar,
            file: String::new(),
            articles: 0,
            interrupted,
        }
    }

    fn show(&self) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{} · {} articles", self.file, self.articles));
        }
    }
}

impl Progress for Bar {
    fn start(&mut self, total_bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(total_bytes);
        }
    }

    fn advance(&mut self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    fn file(&mut self, path: &std::path::Path) {
        let name = path.file_name().unwrap_or(path.as_os_str());
        self.file = newsearch::printable(&name.to_string_lossy()).into_owned();
        self.show();
    }

    fn article(&mut self) {
        self.articles += 1;
        if self.articles.is_multiple_of(ARTICLES_PER_UPDATE) {
            self.show();
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    fn cancelled(&mut self) -> bool {
        self.interrupted.load(Ordering::Relaxed)
    }
}
