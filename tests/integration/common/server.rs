//! A `newsearch serve` server for tests: the library's `serve` on an
//! ephemeral port of 127.0.0.1, on its own runtime, stopped when dropped.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use newsearch::serve::{bind, serve, Config};

/// A running server.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Serves the index in `index` (which need not exist yet), reloading
    /// every 100 ms.
    pub fn start(index: &Path) -> Server {
        let mut config = Config::new(index.to_path_buf());
        config.reload_every = Duration::from_millis(100);
        Server::with_config(config)
    }

    /// Serves with `config`.
    pub fn with_config(config: Config) -> Server {
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a tokio runtime");
            runtime.block_on(async move {
                let listener = bind("127.0.0.1:0".parse().unwrap()).await.expect("bind");
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                serve(listener, config, async {
                    let _ = stopped.await;
                })
                .await
                .expect("the server runs");
            });
        });
        let addr = addr_rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the server starts");
        Server {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// GETs `path` (already percent-encoded); returns the status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let mut response = agent.get(self.url(path)).call().expect("a response");
        let status = response.status().as_u16();
        (status, body_text(&mut response).expect("a UTF-8 body"))
    }

    /// GETs `path` and parses the JSON body.
    pub fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let (status, body) = self.get(path);
        let json = serde_json::from_str(&body)
            .unwrap_or_else(|err| panic!("{path}: not JSON ({err}): {body}"));
        (status, json)
    }

    /// Sends `request` as raw bytes on a new connection and reads the reply
    /// until the server closes it; returns the reply's status line.
    pub fn raw(&self, request: &[u8]) -> String {
        let mut stream = TcpStream::connect(self.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        // The server may close before reading a huge request whole.
        let _ = stream.write_all(request);
        let mut reply = Vec::new();
        let _ = stream.read_to_end(&mut reply);
        let reply = String::from_utf8_lossy(&reply);
        reply.lines().next().unwrap_or_default().to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// `path?name=value&…`, the values percent-encoded.
pub fn with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    format!("{path}?{}", serde_urlencoded::to_string(pairs).unwrap())
}

/// The body of an HTTP response as text, up to 64 MiB (ureq's default
/// limit is 10 MiB; a search page or a screenshot may be larger).
pub fn body_text(response: &mut ureq::http::Response<ureq::Body>) -> Result<String, ureq::Error> {
    response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
}
