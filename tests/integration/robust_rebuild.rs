//! `index --rebuild` builds the new index aside and swaps it in at once:
//! readers keep the old one meanwhile, a SIGKILL keeps it, and a folder
//! newsearch did not create (another program's tantivy index, a folder of
//! other files) is never deleted.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{ok, run, with_seeds};
use newsearch::{Index, SearchOptions};

/// `n` generated French articles as a JSONL file in `dir`: enough for a
/// rebuild of several seconds in a debug build.
fn generated(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("many.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..n {
        let line = serde_json::json!({
            "id": format!("gen-{i}"),
            "title": format!("Dépêche {i} sur les négociations"),
            "text": format!(
                "Les négociateurs se retrouvent au Caire pour la {i}e fois. \
                 Les délégations discutent d'une trêve, d'échanges de prisonniers \
                 et de l'aide humanitaire.\n\nUn diplomate dit que la réunion {i} \
                 a porté sur les garanties demandées par chaque partie."
            ),
        });
        writeln!(out, "{line}").unwrap();
    }
    out.flush().unwrap();
    path
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn seed_hits(index: &Index) -> usize {
    index
        .search("Caire", &SearchOptions::default())
        .unwrap()
        .len()
}

#[cfg(unix)]
#[test]
fn a_rebuild_killed_midway_leaves_the_old_index_answering() {
    let dir = with_seeds();
    ok(dir.path(), &["index", "seeds"]);
    let index_path = dir.path().join("index");
    let before = Index::open(&index_path).unwrap().article_ids().unwrap();
    let reader = Index::open(&index_path).unwrap();
    let hits_before = seed_hits(&reader);
    assert!(hits_before > 0);
    let input = generated(dir.path(), 20_000);

    let mut child = Command::new(env!("CARGO_BIN_EXE_newsearch"))
        .args(["index", "--quiet", "--rebuild", "--commit-every", "0.2"])
        .arg(&input)
        .current_dir(dir.path())
        .env_remove("NEWSEARCH_INDEX")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the new index has committed articles of its own.
    let staging = dir.path().join(".index.rebuilding");
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut checks = 0;
    while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        // Meanwhile the old index answers, whole.
        let index = Index::open(&index_path).expect("the old index opens during the rebuild");
        assert_eq!(index.article_ids().unwrap(), before);
        assert_eq!(seed_hits(&index), hits_before);
        checks += 1;
        let building = Index::open(&staging)
            .and_then(|index| index.num_articles())
            .unwrap_or(0);
        if building > 0 && checks >= 3 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the rebuild ended before it could be killed"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let index = Index::open(&index_path).expect("the old index opens after the kill");
    assert_eq!(index.article_ids().unwrap(), before);
    assert_eq!(seed_hits(&index), hits_before);
    assert!(ok(dir.path(), &["query", "Caire"]).contains("Caire"));

    // The next rebuild removes the abandoned one and swaps in its own; a
    // reader opened before keeps its view until it reloads.
    std::fs::write(
        dir.path().join("one.jsonl"),
        r#"{"id":"one","title":"Trêve","text":"Une trêve est annoncée au Caire."}"#,
    )
    .unwrap();
    ok(dir.path(), &["index", "--rebuild", "one.jsonl"]);
    assert!(!staging.exists(), "the abandoned rebuild is removed");
    assert_eq!(seed_hits(&reader), hits_before);
    reader.reload().unwrap();
    assert_eq!(reader.article_ids().unwrap(), ["one"]);
    assert_eq!(
        Index::open(&index_path).unwrap().article_ids().unwrap(),
        ["one"]
    );
}

#[test]
fn a_folder_newsearch_did_not_create_is_never_deleted() {
    let dir = with_seeds();
    // Another program's tantivy index.
    let foreign = dir.path().join("foreign");
    std::fs::create_dir(&foreign).unwrap();
    let mut schema = tantivy::schema::Schema::builder();
    let body = schema.add_text_field("body", tantivy::schema::TEXT | tantivy::schema::STORED);
    let index = tantivy::Index::create_in_dir(&foreign, schema.build()).unwrap();
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    writer
        .add_document(tantivy::doc!(body => "their own document"))
        .unwrap();
    writer.commit().unwrap();
    drop(writer);
    let files_before = listing(&foreign);

    for args in [
        &["index", "seeds", "--index", "foreign", "--rebuild"][..],
        &["index", "seeds", "--index", "foreign"],
        &["query", "Caire", "--index", "foreign"],
    ] {
        let output = run(dir.path(), args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("not a newsearch index"), "{args:?}: {err}");
        assert!(!err.contains("--rebuild PATH"), "{args:?}: {err}");
        assert_eq!(listing(&foreign), files_before, "{args:?}");
    }
    let reopened = tantivy::Index::open_in_dir(&foreign).unwrap();
    assert_eq!(reopened.reader().unwrap().searcher().num_docs(), 1);

    // A folder of someone's files is no index either.
    let notes = dir.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    std::fs::write(notes.join("todo.txt"), "keep me").unwrap();
    let output = run(
        dir.path(),
        &["index", "seeds", "--index", "notes", "--rebuild"],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("not a newsearch index"));
    assert_eq!(std::fs::read(notes.join("todo.txt")).unwrap(), b"keep me");
}

fn listing(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}
