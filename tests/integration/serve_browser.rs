//! The search page in a real browser: Debian's headless Chromium, driven
//! over WebDriver, types Arabic and French queries into the box and checks
//! what a reader sees. Screenshots are kept under `target/tmp/` for a
//! person to look at.
//!
//! Needs `chromium` and `chromium-driver` (`apt-get install chromium
//! chromium-driver fonts-noto-core`); `.ci/run` installs them.

use crate::common;

use std::path::PathBuf;

use common::server::Server;
use common::webdriver::{Browser, ENTER};
use newsearch::Index;

/// The seeds indexed on disk.
fn seeds_on_disk() -> tempfile::TempDir {
    index_on_disk(common::seed_articles())
}

/// `articles` indexed on disk.
fn index_on_disk(articles: Vec<newsearch::Article>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create(dir.path()).unwrap();
    let mut writer = index.writer().unwrap();
    for article in articles {
        writer.add_article(&article, None).unwrap();
    }
    writer.finish().unwrap();
    dir
}

/// The seeds from two sources, published in two months.
fn dated_seeds_on_disk() -> tempfile::TempDir {
    let articles = common::seed_articles()
        .into_iter()
        .enumerate()
        .map(|(i, article)| newsearch::Article {
            source: Some(["wire", "daily"][i % 2].to_string()),
            date: Some(["2024-07-08", "2024-08-02"][i / 3].to_string()),
            ..article
        })
        .collect();
    index_on_disk(articles)
}

/// Types `query` into the search box and submits the form with Enter.
fn search(page: &Browser, query: &str) {
    let input = page.wait_for("input[name=q]");
    input.click();
    page.navigating(|| input.type_text(&format!("{query}{ENTER}")));
    page.wait_for("ol.hits li");
}

/// For each `<mark>`: its text, whether a letter touches it on either side
/// (a mark that splits a word), its passage's computed direction.
const MARKS: &str = r#"JSON.stringify([...document.querySelectorAll('p.passage mark')].map(m => {
  const before = (m.previousSibling && m.previousSibling.textContent) || '';
  const after = (m.nextSibling && m.nextSibling.textContent) || '';
  const letter = /[\p{L}\p{M}]/u;
  return {
    text: m.textContent,
    splits: letter.test(before.slice(-1)) || letter.test(after.slice(0, 1)),
    direction: getComputedStyle(m.closest('p.passage')).direction,
    lang: m.closest('p.passage').lang,
  };
}))"#;

fn marks(page: &Browser) -> Vec<serde_json::Value> {
    let json = page.eval(MARKS);
    serde_json::from_str(json.as_str().expect("a JSON string")).unwrap()
}

fn screenshot(page: &Browser, name: &str) {
    let png = page.screenshot();
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

#[test]
fn arabic_and_french_queries_in_a_browser() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let profile = tempfile::tempdir().unwrap();
    let page = Browser::start(profile.path());

    // Arabic: another alef and a ta marbuta written as ha in the query.
    page.navigate(&server.url("/?limit=2"));
    search(&page, "كيربي القاهره");
    let found = marks(&page);
    assert!(!found.is_empty(), "matches are marked");
    for mark in &found {
        assert_eq!(mark["splits"], false, "a mark splits a word: {mark}");
        if mark["lang"] == "ar" {
            assert_eq!(mark["direction"], "rtl", "{mark}");
        }
    }
    let texts: Vec<&str> = found.iter().filter_map(|m| m["text"].as_str()).collect();
    assert!(texts.contains(&"القاهرة"), "the word as written: {texts:?}");
    assert!(texts.contains(&"كيربي"), "{texts:?}");
    let box_value = page.eval("document.querySelector('input[name=q]').value");
    assert_eq!(box_value, "كيربي القاهره", "the box keeps the query");
    screenshot(&page, "serve-arabic.png");

    // Paging: the next page starts at the third hit, and goes back.
    let titles = "[...document.querySelectorAll('ol.hits h2')].map(h => h.textContent).join('|')";
    let first_page = page.eval(titles);
    page.navigating(|| page.wait_for("a[rel=next]").click());
    page.wait_for("ol.hits li");
    assert_eq!(page.eval("document.querySelector('ol.hits').start"), 3);
    assert!(page.url().contains("offset=2"), "{}", page.url());
    let second_page = page.eval(titles);
    assert_ne!(first_page, second_page);
    page.navigating(|| page.wait_for("a[rel=prev]").click());
    page.wait_for("ol.hits li");
    assert_eq!(page.eval("document.querySelector('ol.hits').start"), 1);

    // French, typed in a fresh form: accents and elision as written.
    page.navigate(&server.url("/"));
    search(&page, "négociation Caire");
    let found = marks(&page);
    let texts: Vec<&str> = found.iter().filter_map(|m| m["text"].as_str()).collect();
    assert!(texts.contains(&"Caire"), "{texts:?}");
    for mark in &found {
        assert_eq!(mark["splits"], false, "a mark splits a word: {mark}");
        if mark["lang"] == "fr" {
            assert_eq!(mark["direction"], "ltr", "{mark}");
        }
    }
    screenshot(&page, "serve-french.png");
}

/// The total of the results shown, from "Results 1–5 of 7".
fn total(page: &Browser) -> u64 {
    let text = page.eval("document.querySelector('p.count').textContent");
    let text = text.as_str().expect("a count line");
    text.rsplit(' ').next().unwrap().parse().expect(text)
}

/// Clicking a source, a language and a month in the facets narrows the
/// results to that many articles, each of that source or language.
#[test]
fn facet_links_narrow_the_results() {
    let dir = dated_seeds_on_disk();
    let server = Server::start(dir.path());
    let profile = tempfile::tempdir().unwrap();
    let page = Browser::start(profile.path());
    for (group, param) in [("source", "source"), ("lang", "lang"), ("month", "since")] {
        page.navigate(&server.url("/"));
        search(&page, "Kirby");
        let before = total(&page);
        // The first value of the group that keeps fewer articles than all.
        let pick = format!(
            r#"JSON.stringify([...document.querySelectorAll('aside.facets section')].flatMap((s, i) =>
                 s.querySelector('h2').textContent !== '{group}' ? [] :
                 [...s.querySelectorAll('li')].map((li, j) => ({{
                   section: i + 1, item: j + 1,
                   value: li.querySelector('a').textContent,
                   count: +li.querySelector('.n').textContent }}))
               ).find(v => v.count < {before}))"#
        );
        let picked: serde_json::Value =
            serde_json::from_str(page.eval(&pick).as_str().expect("a facet value")).unwrap();
        let selector = format!(
            "aside.facets section:nth-of-type({}) li:nth-of-type({}) a",
            picked["section"], picked["item"]
        );
        page.navigating(|| page.wait_for(&selector).click());
        page.wait_for("ol.hits li");
        assert!(page.url().contains(&format!("{param}=")), "{}", page.url());
        let after = total(&page);
        assert_eq!(after, picked["count"], "{group} {picked}");
        assert!(after < before, "{group}: {after} of {before}");
        let shown = page.eval("document.querySelectorAll('ol.hits > li').length");
        assert_eq!(
            shown, after,
            "{group}: every result of the narrowed query is listed"
        );
    }
}
