//! Reading the bundled seeds and the shared evaluation sets and corpora.

use newsearch::ingest::{discover, open, Format};
use newsearch::Article;
use std::path::{Path, PathBuf};

fn crate_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

use crate::common::shared_file as shared;

/// All articles under `path`; panics on any skipped file or problem.
fn read_all(path: &Path) -> Vec<Article> {
    let found = discover(&[path]);
    assert!(found.skipped.is_empty(), "skipped: {:?}", found.skipped);
    let mut articles = Vec::new();
    for file in &found.files {
        let reader = open(file).unwrap_or_else(|p| panic!("{p}"));
        for item in reader {
            articles.push(item.unwrap_or_else(|p| panic!("{p}")));
        }
    }
    articles
}

#[test]
fn seeds_give_five_articles_with_their_titles() {
    let articles = read_all(&crate_path("seeds"));
    let got: Vec<(&str, &str)> = articles
        .iter()
        .map(|a| (a.id.as_str(), a.title.as_str()))
        .collect();
    let want = [
        ("000_436cd7e7ce26a71d.txt", "Les hauts responsables de la Maison Blanche reconvoient qu'il y a encore des divergences entre le Hamas et Israël sur un traité de cessez-le-feu"),
        ("001_95b0347007c58a10.txt", "قال جون كيربي المتحدث باسم مجلس الأمن القومي بالبيت الأبيض للصحفيين يوم الإثنين إن اثنين من المسؤولين الأميركيين الكبار موجودان حاليا في القاهرة لإجراء محادثات لوقف إطلاق النار بين إسرائيل وحركة (حماس)، مضيفا أنه لا تزال هناك فجوات بين الجانبين."),
        ("002_5b2f0f6e9cd90a9e.txt", "date 2023-10 Nouvelles"),
        ("003_089047fdd85d018b.txt", "البيت الأبيض: هناك فجوات بين حركة حماس وإسرائيل بشأن اتفاق وقف إطلاق النار في قطاع غزة"),
        ("004_4ca60e15d5b814d6.txt", "قالت الخارجية الأمريكية انها تجري محادثات للتوصل إلى هدنة إنسانية قبل شهر رمضان."),
    ];
    assert_eq!(got, want);
    for a in &articles {
        assert!(a.text.len() > 1000, "{}: short text", a.id);
        assert!(!a.text.starts_with(char::is_whitespace));
        assert_eq!(a.lang, None);
    }
}

#[test]
fn seed_given_directly_has_its_file_name_as_id() {
    let path = crate_path("seeds/003_089047fdd85d018b.txt");
    let articles = read_all(&path);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].id, "003_089047fdd85d018b.txt");
}

#[test]
fn ar_wiki_qa_gives_700_articles_with_their_ids() {
    let Some(path) = shared("eval/ar-wiki-qa/corpus.jsonl") else {
        return;
    };
    let articles = read_all(&path);
    assert_eq!(articles.len(), 700);
    let ids: std::collections::HashSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 700);
    assert_eq!(articles[0].id, "arcd-a810b61811ff");
    assert_eq!(articles[0].title, "جمال خاشقجي");
    assert!(articles.iter().all(|a| a.lang == Some(newsearch::Lang::Ar)));
    assert!(articles
        .iter()
        .all(|a| a.id.starts_with("arcd-") || a.id.starts_with("xquad-")));
}

#[test]
fn fr_piaf_qa_reads_whole() {
    let Some(path) = shared("eval/fr-piaf-qa/corpus.jsonl") else {
        return;
    };
    let articles = read_all(&path);
    assert_eq!(articles.len(), 761);
    assert!(articles
        .iter()
        .all(|a| a.lang == Some(newsearch::Lang::Fr) && a.id.starts_with("piaf-")));
}

/// 61 of the set's titles are in italics (`<i>`, `<span lang="la">`): the
/// tags are dropped, the words kept.
#[test]
fn fr_piaf_qa_titles_lose_their_inline_tags() {
    let Some(path) = shared("eval/fr-piaf-qa/corpus.jsonl") else {
        return;
    };
    let articles = read_all(&path);
    let title = |id: &str| &articles.iter().find(|a| a.id == id).unwrap().title;
    assert_eq!(
        title("piaf-0d99eeaf6e5c"),
        "Terminator 2 : Le Jugement dernier"
    );
    assert_eq!(title("piaf-802ceeca322e"), "Pomerium");
    assert!(articles.iter().all(|a| !a.title.contains("<i>")
        && !a.title.contains("</i>")
        && !a.title.contains("<span")));
}

/// A whole compressed news corpus: count, ids, dates, progress.
fn check_corpus(relative: &str, count: usize, lang: newsearch::Lang, first_id: &str) {
    let Some(path) = shared(relative) else { return };
    let found = discover(&[&path]);
    assert_eq!(found.files.len(), 1);
    assert_eq!(found.files[0].format, Format::Jsonl { gzip: true });
    let started = std::time::Instant::now();
    let mut reader = open(&found.files[0]).unwrap();
    let (mut n, mut with_date, mut ids) = (0, 0, std::collections::HashSet::new());
    for item in reader.by_ref() {
        let a = item.unwrap_or_else(|p| panic!("{p}"));
        if n == 0 {
            assert_eq!(a.id, first_id);
        }
        assert_eq!(a.lang, Some(lang));
        with_date += usize::from(a.date.is_some());
        assert!(ids.insert(blake3::hash(a.id.as_bytes())));
        n += 1;
    }
    assert_eq!(n, count);
    assert_eq!(with_date, count);
    assert_eq!(reader.bytes_read(), found.files[0].size);
    eprintln!("{relative}: {n} articles in {:?}", started.elapsed());
}

#[test]
#[ignore = "corpus-scale: run by .ci/run with --include-ignored"]
fn fr_orangesum_gives_34419_articles() {
    check_corpus(
        "corpora/fr-orangesum.jsonl.gz",
        34_419,
        newsearch::Lang::Fr,
        "oas-CNT000001pwB01",
    );
}

#[test]
#[ignore = "corpus-scale: run by .ci/run with --include-ignored"]
fn ar_saudinewsnet_gives_30676_articles() {
    check_corpus(
        "corpora/ar-saudinewsnet.jsonl.gz",
        30_676,
        newsearch::Lang::Ar,
        "snn-aawsat-00547aa58e06",
    );
}
