//! What the benchmark examples share: their child processes, timed as
//! `/usr/bin/time` times them (wall time, CPU time and peak RSS, from
//! `wait4`), and the machine they ran on.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

/// One child process: wall time, CPU time, peak RSS, and what it printed.
#[derive(Debug, Clone, Default)]
pub struct ChildRun {
    pub wall: Duration,
    pub cpu: Duration,
    pub max_rss_kib: u64,
    pub stdout: String,
}

/// Runs a command to the end, its standard error to `stderr`; fails unless
/// it exits with 0.
pub fn timed(mut cmd: Command, stderr: Stdio) -> anyhow::Result<ChildRun> {
    let out = tempfile::NamedTempFile::new()?;
    cmd.stdout(Stdio::from(out.reopen()?))
        .stderr(stderr)
        .stdin(Stdio::null());
    let started = Instant::now();
    let child = cmd.spawn().with_context(|| format!("{cmd:?}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    if waited != pid {
        bail!("wait4 failed for {cmd:?}");
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        bail!("{cmd:?} failed with status {status}");
    }
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    let mut stdout = String::new();
    std::fs::File::open(out.path())?.read_to_string(&mut stdout)?;
    Ok(ChildRun {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        max_rss_kib: usage.ru_maxrss as u64,
        stdout,
    })
}

/// The release binary `name` beside the running example's folder.
pub fn sibling_binary(name: &str) -> anyhow::Result<PathBuf> {
    let me = std::env::current_exe()?;
    let dir = me
        .parent()
        .and_then(Path::parent)
        .context("no parent folder")?;
    let path = dir.join(name);
    if !path.exists() {
        bail!(
            "{} not found: run `cargo build --release` first",
            path.display()
        );
    }
    Ok(path)
}

/// The processor, its cores, the memory and the load average now, as the
/// benchmarks print them.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .unwrap_or(0);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    format!(
        "{cpu}, {cores} cores, {:.0} GiB RAM, load average at start {}",
        mem as f64 / (1 << 20) as f64,
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    )
}
