//! `newsearch serve`'s JSON API and page against a real server on
//! 127.0.0.1 over a real index of the seeds, including hostile input.

use crate::common;

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::server::{with_query, Server};
use newsearch::{Article, Index};
use serde_json::Value;

/// An article whose title, text, url and source try to inject markup and
/// terminal escapes.
fn hostile_article() -> Article {
    Article {
        id: "wire/hostile-1".into(),
        title: "<script>alert('title')</script> Kirby \u{1b}[31mrouge\u{202E}fdp.exe".into(),
        text: "Kirby a parlé <img src=x onerror=alert(1)> au Caire \u{7}\u{9b}31m lundi.".into(),
        url: Some("javascript:alert('url')".into()),
        source: Some("<b>Le Source</b>".into()),
        date: Some("2024-07-09".into()),
        lang: Some(newsearch::Lang::Fr),
    }
}

/// The seeds and the hostile article, indexed on disk in a new folder.
fn seeds_on_disk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::create(dir.path()).unwrap();
    let mut writer = index.writer().unwrap();
    for article in common::seed_articles().iter().chain([&hostile_article()]) {
        writer.add_article(article, None).unwrap();
    }
    writer.finish().unwrap();
    dir
}

fn hits(reply: &Value) -> &Vec<Value> {
    reply["hits"].as_array().expect("hits is an array")
}

#[test]
fn search_returns_the_hit_objects_of_query_json() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let (status, reply) = server.get_json(&with_query("/search", &[("q", "كيربي القاهرة")]));
    assert_eq!(status, 200, "{reply}");
    let index = dir.path().to_str().unwrap();
    let (cli, summary) =
        common::query_json_all(dir.path(), &["كيربي القاهرة", "--index", index, "--facets"]);
    assert!(!cli.is_empty());
    assert_eq!(hits(&reply), &cli, "the API's hits are --json's hits");
    assert_eq!(reply["query"], "كيربي القاهرة");
    assert_eq!(reply["total"], summary["total"]);
    assert_eq!(reply["facets"], summary["facets"]);
}

#[test]
fn date_order_and_the_source_filter_reach_the_library() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let q = "كيربي";
    let (_, by_score) = server.get_json(&with_query("/search", &[("q", q), ("limit", "10")]));
    let (status, by_date) = server.get_json(&with_query(
        "/search",
        &[("q", q), ("limit", "10"), ("sort", "date-asc")],
    ));
    assert_eq!(status, 200, "{by_date}");
    let ids = |reply: &Value| {
        let mut ids: Vec<String> = hits(reply)
            .iter()
            .map(|h| h["article_id"].to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&by_date), ids(&by_score));
    assert_eq!(by_date["total"], by_score["total"]);
    let (status, none) = server.get_json(&with_query(
        "/search",
        &[("q", q), ("source", "no-such-source")],
    ));
    assert_eq!(status, 200, "{none}");
    assert_eq!((none["total"].as_u64(), hits(&none).len()), (Some(0), 0));
}

#[test]
fn pages_are_slices_of_one_ranking() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let q = "كيربي";
    let (_, all) = server.get_json(&with_query("/search", &[("q", q), ("limit", "10")]));
    let all = hits(&all).clone();
    assert!(all.len() >= 3, "the seeds have three Arabic Kirby articles");
    let (_, first) = server.get_json(&with_query("/search", &[("q", q), ("limit", "1")]));
    assert_eq!(hits(&first).len(), 1);
    assert_eq!(first["next_offset"], 1);
    let (_, second) = server.get_json(&with_query(
        "/search",
        &[("q", q), ("limit", "1"), ("offset", "1")],
    ));
    assert_eq!(hits(&second)[0]["article_id"], all[1]["article_id"]);
    assert_eq!(hits(&second)[0]["rank"], 2);
    let last = (all.len() - 1).to_string();
    let (_, end) = server.get_json(&with_query(
        "/search",
        &[("q", q), ("limit", "1"), ("offset", &last)],
    ));
    assert_eq!(end["next_offset"], Value::Null, "the last page has no next");
}

#[test]
fn filters_keep_a_language_and_dates() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let (_, fr) = server.get_json(&with_query("/search", &[("q", "Kirby"), ("lang", "fr")]));
    assert!(!hits(&fr).is_empty());
    assert!(hits(&fr).iter().all(|hit| hit["lang"] == "fr"), "{fr}");
    let (_, dated) = server.get_json(&with_query(
        "/search",
        &[
            ("q", "Kirby"),
            ("since", "2024-07-09"),
            ("until", "2024-07-09"),
        ],
    ));
    let ids: Vec<&Value> = hits(&dated).iter().map(|hit| &hit["article_id"]).collect();
    assert_eq!(ids, ["wire/hostile-1"], "only the article dated that day");
}

#[test]
fn bad_parameters_are_400_with_a_message_naming_them() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let cases: [(&[(&str, &str)], &str); 8] = [
        (&[], "q="),
        (&[("q", "Kirby"), ("since", "hier")], "since=\"hier\""),
        (&[("q", "Kirby"), ("lang", "de")], "lang=\"de\""),
        (&[("q", "Kirby"), ("limit", "0")], "limit=0"),
        (&[("q", "Kirby"), ("limit", "100000")], "limit=\"100000\""),
        (&[("q", "Kirby"), ("offset", "-1")], "offset=\"-1\""),
        (&[("q", "Kirby"), ("sort", "newest")], "sort"),
        (&[("q", "de la")], "no searchable words"),
    ];
    for (params, named) in cases {
        let (status, reply) = server.get_json(&with_query("/search", params));
        assert_eq!(status, 400, "{params:?}: {reply}");
        let message = reply["error"].as_str().expect("an error message");
        assert!(message.contains(named), "{params:?}: {message}");
        assert!(!message.contains('\n'), "one line: {message}");
    }
}

#[test]
fn articles_stats_health_and_unknown_paths() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let (status, article) = server.get_json("/articles/wire/hostile-1");
    assert_eq!(status, 200);
    assert_eq!(article["date"], "2024-07-09");
    assert_eq!(article["source"], "<b>Le Source</b>");
    let (status, missing) = server.get_json("/articles/nothing-here");
    assert_eq!(status, 404);
    assert!(missing["error"].as_str().unwrap().contains("nothing-here"));
    let (status, stats) = server.get_json("/stats");
    assert_eq!(status, 200);
    assert_eq!(stats["articles"], 6);
    assert!(stats["size_bytes"].as_u64().unwrap() > 0);
    assert_eq!(
        server.get_json("/health"),
        (200, serde_json::json!({"status": "ok"}))
    );
    let (status, nowhere) = server.get_json("/no/such/page");
    assert_eq!(status, 404);
    assert!(nowhere["error"].is_string());
}

#[test]
fn without_an_index_requests_get_503_until_one_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("index");
    let server = Server::start(&folder);
    let (status, reply) = server.get_json("/health");
    assert_eq!(status, 503);
    assert!(
        reply["error"].as_str().unwrap().contains("no index here"),
        "{reply}"
    );
    let (status, _) = server.get_json(&with_query("/search", &[("q", "Kirby")]));
    assert_eq!(status, 503);
    common::ok(
        dir.path(),
        &[
            "index",
            "--quiet",
            "--index",
            folder.to_str().unwrap(),
            common::repo().join("seeds").to_str().unwrap(),
        ],
    );
    // Opened once created, then reloaded as the articles are committed.
    wait_for(&server, "/search?q=Kirby", |status, reply| {
        status == 200 && reply["hits"].as_array().is_some_and(|h| !h.is_empty())
    });
}

#[test]
fn articles_indexed_while_serving_are_found() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let (_, before) = server.get_json("/search?q=Ouagadougou");
    assert!(hits(&before).is_empty());
    // Another writer, as `newsearch index` in another process would be.
    let index = Index::open(dir.path()).unwrap();
    let mut writer = index.writer().unwrap();
    let article = Article {
        id: "late".into(),
        title: "Sommet à Ouagadougou".into(),
        text: "Les ministres se sont réunis à Ouagadougou mardi.".into(),
        ..Article::default()
    };
    writer.add_article(&article, None).unwrap();
    writer.finish().unwrap();
    let after = wait_for(&server, "/search?q=Ouagadougou", |_, reply| {
        reply["hits"].as_array().is_some_and(|h| !h.is_empty())
    });
    assert_eq!(hits(&after)[0]["article_id"], "late");
}

/// Polls `path` until `done` says so, for at most 20 seconds.
fn wait_for(server: &Server, path: &str, done: impl Fn(u16, &Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let (status, reply) = server.get_json(path);
        if done(status, &reply) {
            return reply;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{path}: still {status} {reply}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_page_prints_document_markup_as_text_and_drops_escapes() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let (status, page) = server.get(&with_query("/", &[("q", "Kirby Caire"), ("lang", "fr")]));
    assert_eq!(status, 200);
    assert!(
        page.contains("&lt;script&gt;alert('title')&lt;/script&gt; Kirby"),
        "{page}"
    );
    assert!(!page.contains("<script"), "no script element");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!page.contains("<img"));
    assert!(page.contains("&lt;b&gt;Le Source&lt;/b&gt;"));
    for control in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202E}'] {
        assert!(!page.contains(control), "{control:?} reached the page");
    }
    assert!(
        !page.contains("javascript:"),
        "a javascript: url is no link"
    );
}

#[test]
fn the_page_marks_whole_words_and_sets_the_direction() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let (status, page) = server.get(&with_query("/", &[("q", "القاهره"), ("lang", "ar")]));
    assert_eq!(status, 200);
    // Another spelling in the query; the word as written is marked.
    assert!(page.contains("<mark>القاهرة</mark>"), "{page}");
    assert!(page.contains(r#"<p class="passage" dir="rtl" lang="ar">"#));
    let (_, french) = server.get(&with_query("/", &[("q", "Caire"), ("lang", "fr")]));
    assert!(french.contains(r#"<p class="passage" dir="auto" lang="fr">"#));
    assert!(french.contains("<mark>Caire</mark>"));
}

#[test]
fn a_bad_query_on_the_page_is_a_400_page_with_the_message() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let (status, page) = server.get(&with_query("/", &[("q", "Kirby"), ("since", "<b>x")]));
    assert_eq!(status, 400);
    assert!(
        page.contains(
            r#"<p class="error" role="alert">since=&quot;&lt;b&gt;x&quot; is not a date"#
        ),
        "{page}"
    );
    // The form keeps what was typed, escaped.
    assert!(page.contains(r#"value="Kirby""#));
}

#[test]
fn a_one_megabyte_query_is_refused_and_the_server_goes_on() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let huge = "Kirby+".repeat(1024 * 1024 / 6);
    let request = format!("GET /search?q={huge} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let status_line = server.raw(request.as_bytes());
    eprintln!("a 1 MB request line: {status_line:?}");
    // Refused by the HTTP parser (431, or a closed connection) before any search.
    assert!(
        status_line.is_empty() || status_line.contains(" 4"),
        "{status_line}"
    );
    // Long but within the parser's bounds: refused by the query limit, as JSON.
    let long = "Kirby ".repeat(2_000);
    let (status, reply) = server.get_json(&with_query("/search", &[("q", &long)]));
    assert_eq!(status, 400);
    assert!(reply["error"].as_str().unwrap().contains("shorten it"));
    assert_eq!(server.get_json("/health").0, 200);
}

#[test]
fn invalid_utf8_in_the_url_is_a_400() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let (status, reply) = server.get_json("/search?q=%FF%FE%C3");
    assert_eq!(status, 400);
    assert!(
        reply["error"].as_str().unwrap().contains("query string"),
        "{reply}"
    );
    let (status, page) = server.get("/?q=%FF%FE");
    assert_eq!(status, 400);
    assert!(page.contains("query string"));
    // Raw bytes that are no UTF-8 (nor valid in a URL) in the request line.
    let status_line =
        server.raw(b"GET /search?q=\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(
        status_line.is_empty() || status_line.contains(" 400"),
        "{status_line}"
    );
    let (status, page) = server.get("/articles/%FF");
    assert!(status == 400 || status == 404, "{status} {page}");
    assert_eq!(server.get_json("/health").0, 200);
}

#[test]
fn a_thousand_idle_connections_do_not_stop_the_next_request() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let mut idle = Vec::new();
    for i in 0..1000 {
        let mut stream = TcpStream::connect(server.addr).expect("connect");
        // Half of them start a request and never finish it.
        if i % 2 == 1 {
            stream.write_all(b"GET /search?q=Kir").unwrap();
        }
        idle.push(stream);
    }
    let start = Instant::now();
    let (status, reply) = server.get_json(&with_query("/search", &[("q", "Kirby")]));
    assert_eq!(status, 200);
    assert!(!hits(&reply).is_empty());
    assert!(start.elapsed() < Duration::from_secs(10));
    drop(idle);
}

/// `translate=false` searches the words as typed, as `--no-translate`
/// does; by default the other language is searched too, the JSON says
/// as what, and the page shows it in a note.
#[test]
fn translation_is_on_by_default_and_translate_false_turns_it_off() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let ids = |reply: &Value| -> Vec<String> {
        hits(reply)
            .iter()
            .map(|h| h["article_id"].as_str().unwrap().to_string())
            .collect()
    };
    let index = dir.path().to_str().unwrap();
    for (translate, flag) in [(None, None), (Some("false"), Some("--no-translate"))] {
        let mut params = vec![("q", "Burns Caire")];
        params.extend(translate.map(|value| ("translate", value)));
        let (status, reply) = server.get_json(&with_query("/search", &params));
        assert_eq!(status, 200, "{reply}");
        let mut args = vec!["Burns Caire", "--index", index];
        args.extend(flag);
        let (cli, _) = common::query_json_all(dir.path(), &args);
        let cli_ids: Vec<String> = cli
            .iter()
            .map(|h| h["article_id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids(&reply), cli_ids, "translate={translate:?} is {flag:?}");
        let (_, page) = server.get(&with_query("/", &params));
        let noted = page.contains("<bdi>Caire</bdi>” also searched as");
        if translate.is_none() {
            assert!(ids(&reply).len() > 1, "the Arabic reports are found too");
            let caire = reply["translated"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["words"] == "Caire")
                .expect("Caire was translated");
            assert_eq!(caire["into"][0], "القاهرة");
            assert!(noted, "the page says what Caire was searched as");
        } else {
            assert!(hits(&reply).iter().all(|h| h["lang"] == "fr"), "{reply}");
            assert_eq!(reply["translated"], serde_json::json!([]));
            assert!(!noted, "no translation, no note");
            assert!(page.contains("name=\"translate\" value=\"false\""));
        }
    }
    let (status, reply) = server.get_json(&with_query(
        "/search",
        &[("q", "Caire"), ("translate", "maybe")],
    ));
    assert_eq!(status, 400);
    assert!(reply["error"]
        .as_str()
        .unwrap()
        .contains("translate=\"maybe\""));
}

/// The server takes the order names of `--sort`: `date` is `date-desc`.
#[test]
fn the_server_takes_the_sort_names_of_the_command_line() {
    let dir = seeds_on_disk();
    let server = Server::start(dir.path());
    let order = |sort: &str| {
        let (status, reply) =
            server.get_json(&with_query("/search", &[("q", "Kirby"), ("sort", sort)]));
        assert_eq!(status, 200, "sort={sort}: {reply}");
        hits(&reply)
            .iter()
            .map(|h| h["date"].to_string())
            .collect::<Vec<_>>()
    };
    // One dated article: first in either order, the undated after it.
    let latest = order("date-desc");
    assert_eq!(order("date"), latest);
    assert_eq!(order("DATE-DESC"), latest);
    assert_eq!(latest[0], "\"2024-07-09\"", "{latest:?}");
    assert!(latest[1..].iter().all(|d| d == "null"), "{latest:?}");
    assert_eq!(order("date-asc")[0], "\"2024-07-09\"");
}
