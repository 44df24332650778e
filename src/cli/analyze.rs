//! `newsearch analyze`: the token stream of a text, like Elasticsearch's `_analyze`.

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use serde::Serialize;

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  newsearch analyze --lang fr \"Les négociateurs sont arrivés au Caire\"\n  \
newsearch analyze --lang ar --exact --json \"والقاهرة\"\n  \
echo \"l'Élysée\" | newsearch analyze --lang auto"
)]
pub struct AnalyzeArgs {
    /// The text; without it, one text per line is read from standard input.
    text: Option<String>,
    /// Analyzer language; `auto` picks per word by script.
    #[arg(long, value_enum, default_value_t = AnalyzeLang::Auto)]
    lang: AnalyzeLang,
    /// The exact analyzer: normalized, unstemmed, stopwords kept.
    #[arg(long)]
    exact: bool,
    /// One JSON object per token, with byte offsets into the input.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AnalyzeLang {
    Ar,
    Fr,
    Auto,
}

#[derive(Serialize)]
struct JsonToken<'a> {
    text: &'a str,
    from: usize,
    to: usize,
    position: usize,
}

pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    use newsearch_analyzers as analyzers;
    let name = match (args.lang, args.exact) {
        (AnalyzeLang::Ar, false) => analyzers::AR,
        (AnalyzeLang::Ar, true) => analyzers::AR_EXACT,
        (AnalyzeLang::Fr, false) => analyzers::FR,
        (AnalyzeLang::Fr, true) => analyzers::FR_EXACT,
        (AnalyzeLang::Auto, false) => analyzers::AUTO,
        (AnalyzeLang::Auto, true) => analyzers::AUTO_EXACT,
    };
    let mut analyzer =
        analyzers::analyzer(name).with_context(|| format!("no analyzer named {name}"))?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut print = |text: &str| -> anyhow::Result<()> {
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            if args.json {
                let line = JsonToken {
                    text: &token.text,
                    from: token.offset_from,
                    to: token.offset_to,
                    position: token.position,
                };
                serde_json::to_writer(&mut out, &line)?;
                writeln!(out)?;
            } else {
                writeln!(out, "{}", token.text)?;
            }
        }
        Ok(())
    };
    match &args.text {
        Some(text) => print(text)?,
        None => {
            for (number, line) in std::io::stdin().lock().lines().enumerate() {
                let line = line.with_context(|| format!("standard input, line {}", number + 1))?;
                print(&line)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
