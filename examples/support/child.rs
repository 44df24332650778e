//! Child processes of the benchmark examples, timed as `/usr/bin/time`
//! times them: wall time, CPU time and peak RSS (from `wait4`).

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
