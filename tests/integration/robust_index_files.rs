//! Hostile or unlucky index folders: a named pipe or `/dev/zero` in place
//! of an index file, permissions that hide a shared index from other
//! users, and a creation cut short by a full disk.

use crate::common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{ok, run, with_seeds};

/// Runs `newsearch` with `args`, killed after 20 s (a hang fails the test).
fn run_bounded(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsearch"))
        .args(args)
        .current_dir(dir)
        .env_remove("NEWSEARCH_INDEX")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("newsearch {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_device_in_place_of_an_index_file_is_an_error_not_a_hang() {
    let dir = with_seeds();
    ok(dir.path(), &["index", "seeds", "--index", "good"]);
    let good = dir.path().join("good");
    let store = std::fs::read_dir(&good)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".store"))
        .unwrap();
    for (file, device) in [
        ("meta.json", false),
        ("newsearch.json", false),
        (".managed.json", false),
        ("meta.json", true),
        (store.as_str(), true),
        (store.as_str(), false),
    ] {
        let index = dir.path().join("bad");
        let _ = std::fs::remove_dir_all(&index);
        std::fs::create_dir(&index).unwrap();
        for entry in std::fs::read_dir(&good).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), index.join(entry.file_name())).unwrap();
        }
        std::fs::remove_file(index.join(file)).unwrap();
        if device {
            std::os::unix::fs::symlink("/dev/zero", index.join(file)).unwrap();
        } else {
            mkfifo(&index.join(file));
        }
        for args in [
            &["query", "Caire", "--index", "bad"][..],
            &["index", "seeds", "--index", "bad"],
        ] {
            let output = run_bounded(dir.path(), args);
            let err = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{file} ({device}), {args:?}: {err}"
            );
            assert!(
                err.contains("not a regular file"),
                "{file}, {args:?}: {err}"
            );
            assert_eq!(err.lines().count(), 1, "{err}");
        }
    }
}

/// With umask 022, every file of a new index is readable by all (a shared
/// archive), tantivy's metadata included.
#[cfg(unix)]
#[test]
fn index_files_respect_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = with_seeds();
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsearch"));
    command
        .args(["index", "seeds"])
        .current_dir(dir.path())
        .env_remove("NEWSEARCH_INDEX");
    unsafe {
        command.pre_exec(|| {
            libc::umask(0o022);
            Ok(())
        });
    }
    assert!(command.output().unwrap().status.success());
    for entry in std::fs::read_dir(dir.path().join("index")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".lock") {
            continue;
        }
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{name}: {mode:o}");
    }
}

/// A disk that fills up while an index is created: `newsearch.json` is
/// written whole (temporary file, fsync, rename) before tantivy's files, so
/// a creation cut short is never taken for an incompatible index; once
/// space is freed the next run simply creates it. Needs a tmpfs (root).
#[cfg(unix)]
#[test]
fn a_creation_cut_short_by_a_full_disk_is_completed_by_the_next_run() {
    let dir = with_seeds();
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=12k", "tmpfs"])
        .arg(&disk)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("note: cannot mount a tmpfs here (not root?); the case is not exercised");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(&disk);
    // Three pages: room for tantivy's `meta.json` (two) and one more small
    // file, where an older version left `newsearch.json` empty, and the
    // index "incompatible" for good.
    let output = run(dir.path(), &["index", "seeds", "--index", "disk/index"]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    let status = Command::new("mount")
        .args(["-o", "remount,size=64m"])
        .arg(&disk)
        .status()
        .unwrap();
    assert!(status.success());
    let summary = ok(dir.path(), &["index", "seeds", "--index", "disk/index"]);
    assert!(summary.contains("5 added"), "{summary}");
    assert!(ok(dir.path(), &["query", "Caire", "--index", "disk/index"]).contains("Caire"));
}
