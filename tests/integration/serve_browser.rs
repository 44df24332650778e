//! The search page in a real browser: Debian's headless Chromium, driven
//! over the DevTools protocol, types Arabic and French queries into the
//! box and checks what a reader sees. Screenshots are kept under
//! `target/tmp/` for a person to look at.
//!
//! Needs `chromium` (`apt-get install chromium fonts-noto-core`); `.ci/run`
//! installs it.

use crate::common;

use std::ffi::OsStr;
use std::path::PathBuf;

use common::server::Server;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use newsearch::Index;

const CHROMIUM: &str = "/usr/bin/chromium";

/// A headless Chromium with a fresh profile, allowed to reach nothing but
/// the test server.
fn browser(profile: &std::path::Path) -> Browser {
    assert!(
        std::path::Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-core"
    );
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=en-US",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(PathBuf::from(CHROMIUM)))
        .headless(true)
        .sandbox(false)
        .user_data_dir(Some(profile.to_path_buf()))
        .window_size(Some((1100, 900)))
        .args(args)
        .build()
        .expect("launch options");
    Browser::new(options).expect("chromium starts")
}

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

/// Evaluates `expression` in the page and returns its JSON value.
fn eval(tab: &Tab, expression: &str) -> serde_json::Value {
    tab.evaluate(expression, false)
        .unwrap_or_else(|err| panic!("{expression}: {err}"))
        .value
        .unwrap_or(serde_json::Value::Null)
}

/// Types `query` into the search box and submits the form with Enter.
fn search(tab: &Tab, query: &str) {
    let input = tab
        .wait_for_element("input[name=q]")
        .expect("the search box");
    input.click().unwrap();
    tab.type_str(query).unwrap();
    tab.press_key("Enter").unwrap();
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("ol.hits li").expect("results");
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

fn marks(tab: &Tab) -> Vec<serde_json::Value> {
    let json = eval(tab, MARKS);
    serde_json::from_str(json.as_str().expect("a JSON string")).unwrap()
}

fn screenshot(tab: &Tab, name: &str) {
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("a screenshot");
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

#[test]
fn arabic_and_french_queries_in_a_browser() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let profile = tempfile::tempdir().unwrap();
    let browser = browser(profile.path());
    let tab = browser.new_tab().unwrap();

    // Arabic: another alef and a ta marbuta written as ha in the query.
    tab.navigate_to(&server.url("/?limit=2")).unwrap();
    tab.wait_until_navigated().unwrap();
    search(&tab, "كيربي القاهره");
    let found = marks(&tab);
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
    let box_value = eval(&tab, "document.querySelector('input[name=q]').value");
    assert_eq!(box_value, "كيربي القاهره", "the box keeps the query");
    screenshot(&tab, "serve-arabic.png");

    // Paging: the next page starts at the third hit, and goes back.
    let first_page = eval(
        &tab,
        "[...document.querySelectorAll('ol.hits h2')].map(h => h.textContent).join('|')",
    );
    tab.wait_for_element("a[rel=next]")
        .expect("a next link")
        .click()
        .unwrap();
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("ol.hits li").unwrap();
    assert_eq!(eval(&tab, "document.querySelector('ol.hits').start"), 3);
    assert!(tab.get_url().contains("offset=2"), "{}", tab.get_url());
    let second_page = eval(
        &tab,
        "[...document.querySelectorAll('ol.hits h2')].map(h => h.textContent).join('|')",
    );
    assert_ne!(first_page, second_page);
    tab.wait_for_element("a[rel=prev]")
        .unwrap()
        .click()
        .unwrap();
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element("ol.hits li").unwrap();
    assert_eq!(eval(&tab, "document.querySelector('ol.hits').start"), 1);

    // French, typed in a fresh form: accents and elision as written.
    tab.navigate_to(&server.url("/")).unwrap();
    tab.wait_until_navigated().unwrap();
    search(&tab, "négociation Caire");
    let found = marks(&tab);
    let texts: Vec<&str> = found.iter().filter_map(|m| m["text"].as_str()).collect();
    assert!(texts.contains(&"Caire"), "{texts:?}");
    for mark in &found {
        assert_eq!(mark["splits"], false, "a mark splits a word: {mark}");
        if mark["lang"] == "fr" {
            assert_eq!(mark["direction"], "ltr", "{mark}");
        }
    }
    screenshot(&tab, "serve-french.png");
}

/// The total of the results shown, from "Results 1–5 of 7".
fn total(tab: &Tab) -> u64 {
    let text = eval(tab, "document.querySelector('p.count').textContent");
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
    let browser = browser(profile.path());
    let tab = browser.new_tab().unwrap();
    for (group, param) in [("source", "source"), ("lang", "lang"), ("month", "since")] {
        tab.navigate_to(&server.url("/")).unwrap();
        tab.wait_until_navigated().unwrap();
        search(&tab, "Kirby");
        let before = total(&tab);
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
            serde_json::from_str(eval(&tab, &pick).as_str().expect("a facet value")).unwrap();
        let selector = format!(
            "aside.facets section:nth-of-type({}) li:nth-of-type({}) a",
            picked["section"], picked["item"]
        );
        tab.wait_for_element(&selector).unwrap().click().unwrap();
        tab.wait_until_navigated().unwrap();
        tab.wait_for_element("ol.hits li").expect("results");
        assert!(
            tab.get_url().contains(&format!("{param}=")),
            "{}",
            tab.get_url()
        );
        let after = total(&tab);
        assert_eq!(after, picked["count"], "{group} {picked}");
        assert!(after < before, "{group}: {after} of {before}");
        let shown = eval(&tab, "document.querySelectorAll('ol.hits > li').length");
        assert_eq!(
            shown, after,
            "{group}: every result of the narrowed query is listed"
        );
    }
}
