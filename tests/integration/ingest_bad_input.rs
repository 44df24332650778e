//! Bad and messy input: every case is reported with a reason, never a panic,
//! and the rest is read. Files are written into a temporary folder.

use newsearch::ingest::{discover, open, Discovery, Format, SkipKind};
use newsearch::Article;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// Writes `files` (relative path, bytes) under a new temporary folder.
fn folder(files: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}

/// Paths relative to `root`, with `/`.
fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

fn file_names(root: &Path, found: &Discovery) -> Vec<String> {
    found.files.iter().map(|f| rel(root, &f.path)).collect()
}

fn skipped(root: &Path, found: &Discovery) -> Vec<(String, SkipKind)> {
    found
        .skipped
        .iter()
        .map(|s| (rel(root, &s.path), s.kind))
        .collect()
}

/// Reads every discovered file: the articles, and one line per problem
/// (`name:line: message`, names relative to `root`), in order.
fn read(root: &Path, found: &Discovery) -> (Vec<Article>, Vec<String>) {
    let (mut articles, mut problems) = (Vec::new(), Vec::new());
    let show = |p: newsearch::ingest::Problem| {
        let mut p = p;
        p.path = PathBuf::from(rel(root, &p.path));
        p.to_string()
    };
    for file in &found.files {
        match open(file) {
            Ok(reader) => {
                for item in reader {
                    match item {
                        Ok(a) => articles.push(a),
                        Err(p) => problems.push(show(p)),
                    }
                }
            }
            Err(p) => problems.push(show(p)),
        }
    }
    (articles, problems)
}

#[test]
fn walk_is_sorted_and_skips_hidden_and_unsupported() {
    let dir = folder(&[
        ("b.txt", b"B\nbody"),
        ("a/z.md", b"# Z\nbody"),
        ("a/y.TXT", b"Y\nbody"),
        ("c.jsonl", b"{\"id\": \"c\", \"text\": \"x\"}\n"),
        ("d.ndjson.gz", b""),
        (".hidden.txt", b"H\nbody"),
        (".git/config.txt", b"G\nbody"),
        ("e.pdf", b"%PDF-1.4"),
        ("f.json", b"{\"id\": \"f\", \"contents\": \"pyserini\"}"),
        ("g.txt.gz", b"x"),
        ("README", b"x"),
        ("empty.txt", b""),
    ]);
    let root = dir.path();
    let found = discover(&[root]);
    assert_eq!(
        file_names(root, &found),
        ["a/y.TXT", "a/z.md", "b.txt", "c.jsonl", "f.json"]
    );
    assert_eq!(found.files[1].format, Format::Text { markdown: true });
    assert_eq!(found.files[3].format, Format::Jsonl { gzip: false });
    let want = [
        ("README", SkipKind::Unsupported),
        ("d.ndjson.gz", SkipKind::Empty),
        ("e.pdf", SkipKind::Unsupported),
        ("empty.txt", SkipKind::Empty),
        ("g.txt.gz", SkipKind::Unsupported),
        (".git", SkipKind::Hidden),
        (".hidden.txt", SkipKind::Hidden),
    ];
    let want: Vec<(String, SkipKind)> = want.iter().map(|(p, k)| (p.to_string(), *k)).collect();
    assert_eq!(skipped(root, &found), want);
    // Same result every time.
    assert_eq!(discover(&[root]), found);
    // Ids are paths relative to the folder given.
    let (articles, problems) = read(root, &found);
    assert!(problems.is_empty(), "{problems:?}");
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a/y.TXT", "a/z.md", "b.txt", "c", "f"]);
    assert_eq!(articles[1].title, "Z");
}

#[test]
fn paths_given_keep_their_order_and_are_read_once() {
    let dir = folder(&[("x/1.txt", b"One\nbody"), ("y/2.txt", b"Two\nbody")]);
    let root = dir.path();
    let found = discover(&[
        root.join("y"),
        root.join("x"),
        root.join("x/1.txt"),
        root.join("nope"),
    ]);
    assert_eq!(file_names(root, &found), ["y/2.txt", "x/1.txt"]);
    assert_eq!(
        skipped(root, &found),
        [
            ("x/1.txt".to_string(), SkipKind::Duplicate),
            ("nope".to_string(), SkipKind::NotFound)
        ]
    );
    assert_eq!(
        found.skipped[1].to_string(),
        format!("{}: no such file or folder", root.join("nope").display())
    );
    // A file given directly has its own name as id; a hidden one is read.
    let hidden = folder(&[(".note.txt", b"Note\nbody")]);
    let found = discover(&[hidden.path().join(".note.txt")]);
    let (articles, _) = read(hidden.path(), &found);
    assert_eq!(articles[0].id, ".note.txt");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_broken_links_are_reported() {
    let dir = folder(&[("a/1.txt", b"One\nbody")]);
    let root = dir.path();
    std::os::unix::fs::symlink(root.join("a"), root.join("a/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("missing.txt"), root.join("a/broken.txt")).unwrap();
    std::os::unix::fs::symlink(root.join("a/1.txt"), root.join("a/2.txt")).unwrap();
    let found = discover(&[root]);
    assert_eq!(file_names(root, &found), ["a/1.txt"]);
    let kinds: Vec<SkipKind> = found.skipped.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SkipKind::Duplicate,
            SkipKind::NotFound,
            SkipKind::SymlinkLoop
        ],
        "{:?}",
        found.skipped
    );
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    if is_root() {
        eprintln!("note: running as root, permissions are not enforced; test skipped");
        return;
    }
    let dir = folder(&[
        ("ok.txt", b"Ok\nbody"),
        ("secret.txt", b"S\nbody"),
        ("locked/x.txt", b"X\nbody"),
    ]);
    let root = dir.path();
    fs::set_permissions(root.join("secret.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(root.join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    let found = discover(&[root]);
    let (articles, problems) = read(root, &found);
    fs::set_permissions(root.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(articles.len(), 1);
    assert_eq!(
        skipped(root, &found),
        [("locked".to_string(), SkipKind::Unreadable)]
    );
    assert_eq!(
        problems,
        ["secret.txt: permission denied: check its permissions"]
    );
}

#[cfg(unix)]
fn is_root() -> bool {
    // The permission bits do not stop root: check by trying.
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("probe");
    fs::write(&path, b"x").unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    fs::read(&path).is_ok()
}

const ARABIC: &str = "القاهرة\n\nقال جون كيربي المتحدث باسم مجلس الأمن القومي بالبيت الأبيض للصحفيين يوم الإثنين إن اثنين من المسؤولين الأميركيين الكبار موجودان حاليا في القاهرة لإجراء محادثات لوقف إطلاق النار.";
const FRENCH: &str = "Négociations au Caire\n\nLes hauts fonctionnaires américains sont au Caire pour négocier un cessez-le-feu, mais il y a encore des écarts entre les deux parties, a déclaré lundi le porte-parole.";

fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    encoding.encode(text).0.into_owned()
}

#[test]
fn legacy_encodings_are_decoded_and_binary_refused() {
    let cp1256 = encode(encoding_rs::WINDOWS_1256, ARABIC);
    let latin1 = encode(encoding_rs::WINDOWS_1252, FRENCH);
    let bom = [b"\xEF\xBB\xBF".as_slice(), FRENCH.as_bytes()].concat();
    let png = [b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".as_slice(), &[7u8; 100]].concat();
    let dir = folder(&[
        ("ar-cp1256.txt", &cp1256),
        ("fr-latin1.txt", &latin1),
        ("fr-bom.txt", &bom),
        ("image.txt", &png),
        ("blank.txt", b" \n\t\r\n  \n"),
    ]);
    let root = dir.path();
    let found = discover(&[root]);
    let mut notes = Vec::new();
    for file in &found.files {
        if let Ok(reader) = open(file) {
            let prefix = format!("{}: ", file.path.display());
            let file_notes = reader
                .notes()
                .iter()
                .map(|n| n.strip_prefix(&prefix).unwrap_or(n).to_string());
            notes.push((rel(root, &file.path), file_notes.collect::<Vec<_>>()));
        }
    }
    let (articles, problems) = read(root, &found);
    let got: Vec<(&str, &str, &str)> = articles
        .iter()
        .map(|a| (a.id.as_str(), a.title.as_str(), a.text.as_str()))
        .collect();
    let (ar_title, ar_text) = ARABIC.split_once("\n\n").unwrap();
    let (fr_title, fr_text) = FRENCH.split_once("\n\n").unwrap();
    assert_eq!(
        got,
        [
            ("ar-cp1256.txt", ar_title, ar_text),
            ("fr-bom.txt", fr_title, fr_text),
            ("fr-latin1.txt", fr_title, fr_text)
        ]
    );
    assert_eq!(
        notes,
        [
            (
                "ar-cp1256.txt".to_string(),
                vec!["not UTF-8: decoded as windows-1256".to_string()]
            ),
            ("fr-bom.txt".to_string(), vec![]),
            (
                "fr-latin1.txt".to_string(),
                vec!["not UTF-8: decoded as windows-1252".to_string()]
            ),
        ]
    );
    assert_eq!(
        problems,
        [
            "blank.txt: empty (only whitespace): nothing to index",
            "image.txt: binary file (NUL bytes): not text"
        ]
    );
}

#[test]
fn jsonl_problems_have_line_numbers_and_the_rest_is_read() {
    let jsonl = "\u{FEFF}{\"id\": \"1\", \"text\": \"one\"}\r\n\
{\"id\": \"2\", \"text\": \"two\"\n\
\n\
{\"id\": \"3\", \"title\": \"no text\"}\n\
{\"id\": \"4\", \"text\": \"four\", \"date\": 2024}\n\
{\"id\": \"1\", \"text\": \"again\"}\n\
{\"id\": \"6\", \"text\": \"six\", \"date\": \"2024-07-08T20:02:00+03:00\"}";
    let invalid_utf8 =
        b"{\"id\": \"1\", \"text\": \"caf\xE9\"}\n{\"id\": \"2\", \"text\": \"ok\"}\n";
    let dir = folder(&[
        ("a.jsonl", jsonl.as_bytes()),
        ("b.jsonl", invalid_utf8),
        ("c.jsonl.gz", b"not gzip at all"),
    ]);
    let root = dir.path();
    let (articles, problems) = read(root, &discover(&[root]));
    let got: Vec<(&str, Option<&str>)> = articles
        .iter()
        .map(|a| (a.id.as_str(), a.date.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("1", None),
            ("4", None),
            ("6", Some("2024-07-08")),
            ("2", None)
        ]
    );
    assert_eq!(
        problems,
        [
            "a.jsonl:2: malformed JSON at column 25: EOF while parsing an object: line skipped; fix or remove it",
            "a.jsonl:4: no text: expected a non-empty string in `text`, `content` or `contents`; article skipped",
            "a.jsonl:5: `date` is a number, expected a string like \"2024-07-08\": date dropped, article kept",
            "a.jsonl:6: duplicate id \"1\" (first on line 1): this article skipped; ids must be unique",
            "b.jsonl:1: not valid UTF-8 (JSONL must be UTF-8): line skipped; fix or remove it",
            "c.jsonl.gz: not gzip-compressed, despite the .gz extension: rename or recompress it",
        ]
    );
}

/// `n` JSONL lines of about 200 bytes each.
fn jsonl_lines(n: usize) -> String {
    (0..n)
        .map(|i| format!("{{\"id\": \"doc-{i}\", \"title\": \"Titre {i}\", \"text\": \"Le texte de l'article numéro {i}, qui parle du Caire et des négociations en cours entre les parties.\"}}\n"))
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn truncated_gzip_gives_the_articles_before_the_damage() {
    let whole = gzip(jsonl_lines(5_000).as_bytes());
    let cut = &whole[..whole.len() / 2];
    let dir = folder(&[("whole.jsonl.gz", &whole), ("cut.jsonl.gz", cut)]);
    let root = dir.path();
    let found = discover(&[root.join("whole.jsonl.gz")]);
    let (articles, problems) = read(root, &found);
    assert_eq!((articles.len(), problems.len()), (5_000, 0));
    let found = discover(&[root.join("cut.jsonl.gz")]);
    let (articles, problems) = read(root, &found);
    assert!(
        articles.len() > 1_000 && articles.len() < 4_000,
        "{} articles",
        articles.len()
    );
    assert!(articles
        .iter()
        .enumerate()
        .all(|(i, a)| a.id == format!("doc-{i}")));
    assert_eq!(problems.len(), 1);
    let want = format!(
        "cut.jsonl.gz:{}: the file is damaged here",
        articles.len() + 1
    );
    assert!(problems[0].starts_with(&want), "{}", problems[0]);
    assert!(
        problems[0].contains(&format!("the {} line(s) before were read", articles.len())),
        "{}",
        problems[0]
    );
}

#[test]
fn concatenated_gzip_members_are_all_read() {
    let two = [
        gzip(jsonl_lines(3).as_bytes()),
        gzip(b"{\"id\": \"last\", \"text\": \"x\"}\n"),
    ]
    .concat();
    let dir = folder(&[("two.jsonl.gz", &two)]);
    let (articles, problems) = read(dir.path(), &discover(&[dir.path()]));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(articles.len(), 4);
}

#[test]
fn a_huge_line_is_skipped_and_the_next_lines_read() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("big.jsonl");
    let mut file = fs::File::create(&path).unwrap();
    file.write_all(b"{\"id\": \"before\", \"text\": \"x\"}\n{\"id\": \"huge\", \"text\": \"")
        .unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..(newsearch::ingest::MAX_LINE_BYTES >> 20) + 1 {
        file.write_all(&chunk).unwrap();
    }
    file.write_all(b"\"}\n{\"id\": \"after\", \"text\": \"y\"}\n")
        .unwrap();
    drop(file);
    let (articles, problems) = read(dir.path(), &discover(&[&path]));
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["before", "after"]);
    assert_eq!(
        problems,
        ["big.jsonl:2: line of 65 MiB, over the 64 MiB limit: skipped; split the article"]
    );
}

#[test]
fn progress_counts_bytes() {
    let lines = jsonl_lines(2_000);
    let dir = folder(&[("p.jsonl", lines.as_bytes())]);
    let found = discover(&[dir.path()]);
    let mut reader = open(&found.files[0]).unwrap();
    assert!(reader.next().is_some());
    let early = reader.bytes_read();
    assert!(early > 0 && early <= found.files[0].size);
    assert_eq!(reader.by_ref().count(), 1_999);
    assert_eq!(reader.bytes_read(), found.files[0].size);
    assert_eq!(found.total_size(), lines.len() as u64);
}

#[test]
fn json_files_are_read_when_they_are_json_lines() {
    let pyserini = b"{\"id\": \"doc1\", \"contents\": \"first\"}\n{\"id\": \"doc2\", \"contents\": \"second\"}\n";
    let pretty = b"{\n  \"documents\": 30676,\n  \"id_field\": \"id\"\n}\n";
    let array = b"\n[{\"id\": \"a\", \"text\": \"x\"}]";
    let dir = folder(&[
        ("docs00.json", pyserini),
        ("pretty.json", pretty),
        ("array.json", array),
    ]);
    let root = dir.path();
    let found = discover(&[root]);
    assert!(found
        .files
        .iter()
        .all(|f| matches!(f.format, Format::Json { gzip: false })));
    let (articles, problems) = read(root, &found);
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["doc1", "doc2"]);
    let not_lines = "not JSON Lines (its first line is not a JSON object): a .json file is read only if it holds one article object per line; convert it (for an array: jq -c '.[]')";
    assert_eq!(
        problems,
        [
            format!("array.json: {not_lines}"),
            format!("pretty.json: {not_lines}")
        ]
    );
}

#[test]
fn a_big_text_file_with_one_line_is_read() {
    let mut content = b"Title\n".to_vec();
    content.resize(50 * 1024 * 1024, b'a');
    let dir = folder(&[("big.txt", &content)]);
    let (articles, problems) = read(dir.path(), &discover(&[dir.path()]));
    assert!(problems.is_empty());
    assert_eq!(articles[0].title, "Title");
    assert_eq!(articles[0].text.len(), 50 * 1024 * 1024 - 6);
}
