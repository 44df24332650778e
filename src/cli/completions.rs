//! `newsearch completions SHELL` and `newsearch man`: shell completions
//! and a man page, generated from the argument definitions.

use std::process::ExitCode;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Cli;

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
newsearch completions bash > ~/.local/share/bash-completion/completions/newsearch\n  \
newsearch completions zsh > ~/.zfunc/_newsearch\n  \
newsearch completions fish > ~/.config/fish/completions/newsearch.fish")]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  newsearch man > ~/.local/share/man/man1/newsearch.1 && man newsearch"
)]
pub struct ManArgs {}

pub fn completions(args: CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    clap_complete::generate(
        args.shell,
        &mut command,
        "newsearch",
        &mut std::io::stdout(),
    );
    Ok(ExitCode::SUCCESS)
}

pub fn man(_: ManArgs) -> anyhow::Result<ExitCode> {
    clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
    Ok(ExitCode::SUCCESS)
}
