//! The `newsearch` command: a thin shell over the library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            // One line: the chain of causes, most general first.
            let chain: Vec<String> = err.chain().map(ToString::to_string).collect();
            eprintln!("newsearch: error: {}", chain.join(": "));
            ExitCode::from(1)
        }
    }
}
