//! `newsearch stats`, `list`, `show ID` and `remove ID`: what the index
//! holds, and taking one article out of it.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use clap::Args;
use newsearch::{printable, Index};

use super::IndexLocation;

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  newsearch stats\n  newsearch stats --json --index /tmp/news")]
pub struct StatsArgs {
    #[command(flatten)]
    index: IndexLocation,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Prints one line per article, sorted by id: \
id, date, source, language and title, separated by tabs (empty when unknown).\n\n\
Examples:\n  newsearch list | head\n  newsearch list --json | jq -r .title")]
pub struct ListArgs {
    #[command(flatten)]
    index: IndexLocation,
    /// Print one JSON object per article (JSON Lines).
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 when the article is there, 1 when it is not, 2 on an error.\n\n\
Examples:\n  newsearch show 000_436cd7e7ce26a71d.txt\n  newsearch show 12345 --json"
)]
pub struct ShowArgs {
    /// The article's id (as `list` prints it).
    id: String,
    #[command(flatten)]
    index: IndexLocation,
    /// Print the article as one JSON object (the fields of a JSON Lines input line).
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "The article is removed at once; an indexed folder or file that still \
holds it adds it back on the next `newsearch index` of that path.\n\n\
Exit status: 0 when the article was removed, 1 when the index did not hold it, 2 on an error.\n\n\
Example:\n  newsearch remove 12345"
)]
pub struct RemoveArgs {
    /// The article's id (as `list` prints it).
    id: String,
    #[command(flatten)]
    index: IndexLocation,
}

pub fn stats(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let index = Index::open(&args.index.path())?;
    let stats = index.stats()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &stats)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let counts = |counts: &[newsearch::FacetCount]| -> String {
        let each: Vec<String> = counts
            .iter()
            .map(|c| format!("{} {}", printable(&c.value), c.count))
            .collect();
        if each.is_empty() {
            "none".into()
        } else {
            each.join(" · ")
        }
    };
    writeln!(out, "articles: {}", stats.articles)?;
    writeln!(out, "passages: {}", stats.passages)?;
    writeln!(out, "languages: {}", counts(&stats.langs))?;
    writeln!(out, "sources: {}", counts(&stats.sources))?;
    match (stats.first_date, stats.last_date) {
        (Some(first), Some(last)) => writeln!(
            out,
            "dates: {first} to {last} ({} of {} articles dated)",
            stats.dated, stats.articles
        )?,
        _ => writeln!(out, "dates: none")?,
    }
    writeln!(out, "size: {:.1} MB", stats.size_bytes as f64 / 1e6)?;
    writeln!(out, "format: {}", stats.format)?;
    Ok(ExitCode::SUCCESS)
}

pub fn list(args: ListArgs) -> anyhow::Result<ExitCode> {
    let index = Index::open(&args.index.path())?;
    let articles = index.articles()?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for article in &articles {
        if args.json {
            serde_json::to_writer(&mut out, article)?;
            writeln!(out)?;
        } else {
            let field =
                |value: &Option<String>| printable(value.as_deref().unwrap_or("")).into_owned();
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                printable(&article.id),
                field(&article.date),
                field(&article.source),
                article.lang,
                printable(&article.title)
            )?;
        }
    }
    out.flush()?;
    Ok(if articles.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn show(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let index = Index::open(&args.index.path())?;
    let Some(article) = index.read_article(&args.id)? else {
        eprintln!(
            "newsearch: no article '{}' in the index; `newsearch list` shows the ids",
            printable(&args.id)
        );
        return Ok(ExitCode::from(1));
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        let line = serde_json::json!({
            "id": article.id,
            "title": article.title,
            "text": article.text,
            "date": article.date,
            "url": article.url,
            "source": article.source,
            "lang": article.lang.map(|lang| lang.code()),
        });
        serde_json::to_writer(&mut out, &line)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", printable(&article.title))?;
        let meta: Vec<String> = [&article.source, &article.date, &article.url]
            .into_iter()
            .flatten()
            .map(|value| printable(value).into_owned())
            .chain(article.lang.map(|lang| lang.code().to_string()))
            .chain([format!("id {}", printable(&article.id))])
            .collect();
        writeln!(out, "{}", meta.join(" · "))?;
        writeln!(out)?;
        for paragraph in article.text.split("\n\n") {
            writeln!(out, "{}", printable_text(paragraph))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A passage for the terminal: its line breaks kept, other control
/// characters replaced.
fn printable_text(text: &str) -> String {
    text.split('\n')
        .map(|line| printable(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn remove(args: RemoveArgs) -> anyhow::Result<ExitCode> {
    let index = Index::open(&args.index.path())?;
    let mut writer = index.writer()?;
    let removed = writer.remove_article(&args.id);
    writer.finish()?;
    if removed {
        println!("removed '{}'", printable(&args.id));
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "newsearch: no article '{}' in the index; nothing removed",
            printable(&args.id)
        );
        Ok(ExitCode::from(1))
    }
}
