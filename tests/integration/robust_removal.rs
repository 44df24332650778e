//! Only a file known to be gone loses its articles: a folder that cannot be
//! walked (no permission) and a file whose non-UTF-8 name is read with
//! damage keep every article they had.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

/// Runs `newsearch` in `dir`; as `uid` when given (root ignores permission
/// bits, so the tests drop to `nobody` to meet them).
fn newsearch(dir: &Path, args: &[&str], uid: Option<u32>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsearch"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NEWSEARCH_INDEX")
        .env("NO_COLOR", "1");
    #[cfg(unix)]
    if let Some(uid) = uid {
        use std::os::unix::process::CommandExt;
        command.uid(uid).gid(uid);
    }
    command.output().unwrap()
}

fn ids(dir: &Path) -> Vec<String> {
    newsearch::Index::open(&dir.join("index"))
        .unwrap()
        .article_ids()
        .unwrap()
}

fn article(title: &str) -> String {
    format!("{title}\n\nLes négociateurs sont arrivés au Caire pour parler de {title}.")
}

/// `chmod 000` on a subfolder: the walk fails with "permission denied" and
/// its articles stay. Root reads through permission bits, so as root the
/// folder is given to `nobody` (uid 65534) and the commands run as
/// `nobody`; otherwise they run as the current user.
#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_read_keeps_its_articles() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("work");
    std::fs::create_dir_all(root.join("in/open")).unwrap();
    std::fs::create_dir_all(root.join("in/locked/deeper")).unwrap();
    std::fs::write(root.join("in/open/a.txt"), article("Trêve")).unwrap();
    std::fs::write(root.join("in/locked/b.txt"), article("Otages")).unwrap();
    std::fs::write(root.join("in/locked/deeper/c.txt"), article("Aide")).unwrap();
    let uid = is_root().then_some(65534);
    if let Some(uid) = uid {
        eprintln!(
            "note: running as root, which ignores permission bits: the commands run as nobody"
        );
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        for entry in walkdir::WalkDir::new(&root) {
            std::os::unix::fs::chown(entry.unwrap().path(), Some(uid), Some(uid)).unwrap();
        }
    }
    let first = newsearch(&root, &["index", "in"], uid);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let all = ids(&root);
    assert_eq!(all, ["locked/b.txt", "locked/deeper/c.txt", "open/a.txt"]);

    let locked = root.join("in/locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let second = newsearch(&root, &["index", "in"], uid);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains("permission denied"), "{err}");
    assert!(second.status.success(), "{err}");
    let out = String::from_utf8_lossy(&second.stdout);
    assert!(out.contains("0 removed"), "{out}");
    assert_eq!(ids(&root), all);

    // Once the folder is gone for real, its articles go.
    std::fs::remove_dir_all(&locked).unwrap();
    let third = newsearch(&root, &["index", "in"], uid);
    assert!(String::from_utf8_lossy(&third.stdout).contains("2 removed"));
    assert_eq!(ids(&root), ["open/a.txt"]);
}

#[cfg(unix)]
fn is_root() -> bool {
    // Root reads a file with no permission bits: check by trying.
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let probe = dir.path().join("probe");
    std::fs::write(&probe, b"x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::read(&probe).is_ok()
}

/// A JSONL file named in Latin-1 (not UTF-8), damaged on a later run: the
/// articles after the damage were not read, and none is removed.
#[cfg(unix)]
#[test]
fn a_damaged_file_with_a_non_utf8_name_keeps_its_articles() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"d\xe9p\xeaches.jsonl");
    let file = dir.path().join("in").join(name);
    let lines: Vec<String> = (0..6)
        .map(|i| {
            serde_json::json!({"id": format!("n{i}"), "title": "Caire", "text": format!("Réunion {i} au Caire.")})
                .to_string()
        })
        .collect();
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    common::ok(dir.path(), &["index", "in"]);
    assert_eq!(ids(dir.path()).len(), 6);

    // Damaged: cut in the middle of the third line.
    let text = lines.join("\n");
    let cut = lines[0].len() + lines[1].len() + 2 + lines[2].len() / 2;
    std::fs::write(&file, &text.as_bytes()[..cut]).unwrap();
    let output = newsearch(dir.path(), &["index", "in"], None);
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        out.contains("0 removed"),
        "{out}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(ids(dir.path()).len(), 6);

    // A file read whole without the articles does lose them.
    std::fs::write(&file, lines[..2].join("\n") + "\n").unwrap();
    let output = newsearch(dir.path(), &["index", "in"], None);
    assert!(String::from_utf8_lossy(&output.stdout).contains("4 removed"));
    assert_eq!(ids(dir.path()), ["n0", "n1"]);
}
