//! `newsearch serve`: the HTTP API and search page over an index.

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::Args;
use newsearch::serve::{bind, serve, Config};

use super::IndexLocation;

#[derive(Debug, Args)]
#[command(
    after_help = "Endpoints: / (search page), /search?q=… (JSON), /articles/{id}, /stats, /health. \
The index may be built or updated by `newsearch index` while the server runs: new commits \
are picked up within a second."
)]
pub struct ServeArgs {
    #[command(flatten)]
    index: IndexLocation,
    /// Address to listen on; the default answers this machine only.
    #[arg(long, default_value = "127.0.0.1:7700")]
    addr: SocketAddr,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let config = Config::new(args.index.path());
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let listener = bind(args.addr).await?;
        let addr = listener.local_addr()?;
        eprintln!(
            "newsearch: serving {} on http://{addr}/ (Ctrl-C stops)",
            config.index.display()
        );
        let stop = async {
            // Without a Ctrl-C handler the default one stops the process.
            let _ = tokio::signal::ctrl_c().await;
        };
        serve(listener, config, stop).await?;
        Ok::<_, anyhow::Error>(ExitCode::SUCCESS)
    })
}
