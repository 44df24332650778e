//! Embedding newsearch in another tool: a monitoring pipeline keeps an index
//! of the articles it receives and asks it questions.
//!
//!     cargo run --example embed

use newsearch::{Article, Index, SearchOptions};

fn main() -> Result<(), newsearch::Error> {
    let folder = std::env::temp_dir().join("newsearch-embed-example");
    newsearch::remove_index(&folder)?;
    let index = Index::create(&folder)?;

    // Articles arrive from anywhere: a feed, a database, a message queue.
    let incoming = [
        ("afp-1", "fr", "Trêve à Gaza : les négociateurs au Caire",
         "Les négociateurs américains sont arrivés au Caire lundi.\n\n\
          Le directeur de la CIA, Bill Burns, doit rencontrer ses homologues égyptiens."),
        ("wam-7", "ar", "مفاوضات الهدنة في القاهرة",
         "وصل مدير وكالة المخابرات المركزية الأمريكية وليام بيرنز إلى القاهرة.\n\n\
          وتهدف المحادثات إلى التوصل لوقف إطلاق النار في قطاع غزة."),
        ("afp-2", "fr", "Marchés : le pétrole recule",
         "Les cours du pétrole reculaient mardi, les investisseurs attendant les stocks américains."),
    ];
    let mut writer = index.writer()?;
    for (id, lang, title, text) in incoming {
        writer.add_article(
            &Article {
                id: id.into(),
                title: title.into(),
                text: text.into(),
                lang: newsearch::Lang::from_code(lang),
                source: Some(id.split('-').next().unwrap_or_default().to_uppercase()),
                date: Some("2024-05-06".into()),
                ..Article::default()
            },
            None,
        )?;
    }
    writer.finish()?;

    // One question in French, one in Arabic, one that names both.
    for question in ["négociation Caire", "بيرنز", "Burns القاهرة"] {
        println!("== {question}");
        for hit in index.search(question, &SearchOptions::default())? {
            let passage = &hit.passages[0];
            let words: Vec<&str> = passage
                .highlights
                .iter()
                .map(|r| &passage.text[r.clone()])
                .collect();
            println!(
                "{} {:.2} {} — matched {:?}",
                hit.rank, hit.score, hit.article_id, words
            );
        }
    }
    newsearch::remove_index(&folder)?;
    Ok(())
}
