//! A headless Chromium driven over WebDriver: Debian's `chromedriver`
//! started on a free port of 127.0.0.1, and the few W3C WebDriver calls the
//! browser tests make (navigate, find, click, type, run a script, take a
//! screenshot), sent with `ureq`. Everything is stopped when dropped.
//!
//! Needs `chromium` and `chromium-driver` (`apt-get install chromium
//! chromium-driver fonts-noto-core`); `.ci/run` installs them.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How long to wait for an element or a page before failing.
const WAIT: Duration = Duration::from_secs(20);

/// The key WebDriver sends for Enter.
pub const ENTER: &str = "\u{E007}";

/// The W3C name of an element reference in JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A headless Chromium with a fresh profile in `profile`, allowed to reach
/// nothing but the test server, in a 1100×900 window.
pub struct Browser {
    driver: Child,
    agent: ureq::Agent,
    /// `http://127.0.0.1:PORT/session/ID`.
    session: String,
}

/// An element of the page, as WebDriver names it.
pub struct Element<'a> {
    browser: &'a Browser,
    id: String,
}

impl Browser {
    /// Starts `chromedriver` and a browser session.
    pub fn start(profile: &Path) -> Browser {
        for program in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                Path::new(program).exists(),
                "{program} is missing: apt-get install -y chromium chromium-driver fonts-noto-core"
            );
        }
        let mut driver = Command::new(CHROMEDRIVER)
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let port = driver_port(&mut driver);
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        let profile = format!("--user-data-dir={}", profile.display());
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--lang=en-US",
            "--window-size=1100,900",
            &profile,
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
        }}});
        let mut browser = Browser {
            driver,
            agent,
            session: format!("http://127.0.0.1:{port}/session"),
        };
        let created = browser.send("POST", "", Some(capabilities));
        let id = created["sessionId"].as_str().expect("a session id");
        browser.session = format!("{}/{id}", browser.session);
        browser
    }

    /// Sends a WebDriver command (`path` after the session's URL) and
    /// returns its `value`; panics with WebDriver's message on an error.
    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.request(method, path, body)
            .unwrap_or_else(|err| panic!("{method} {path}: {err}"))
    }

    /// Sends a WebDriver command; its `value`, or the error as text.
    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{path}", self.session);
        let response = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .header("content-type", "application/json")
                .send(body.unwrap_or_else(|| json!({})).to_string()),
        };
        let mut response = response.map_err(|err| err.to_string())?;
        let status = response.status().as_u16();
        let text = super::server::body_text(&mut response).map_err(|err| err.to_string())?;
        if status != 200 {
            return Err(format!("status {status}: {text}"));
        }
        let mut reply: Value = serde_json::from_str(&text).map_err(|err| err.to_string())?;
        Ok(reply["value"].take())
    }

    /// Opens `url` and waits until it has loaded.
    pub fn navigate(&self, url: &str) {
        self.send("POST", "/url", Some(json!({ "url": url })));
    }

    /// The address of the page shown.
    pub fn url(&self) -> String {
        self.send("GET", "/url", None)
            .as_str()
            .expect("a URL")
            .to_string()
    }

    /// Evaluates the JavaScript `expression` in the page; its JSON value.
    pub fn eval(&self, expression: &str) -> Value {
        self.try_eval(expression)
            .unwrap_or_else(|err| panic!("{expression}: {err}"))
    }

    /// Evaluates `expression`, or says why it could not (a page that is
    /// being replaced, say).
    fn try_eval(&self, expression: &str) -> Result<Value, String> {
        let script = format!("return ({expression});");
        let body = json!({"script": script, "args": []});
        self.request("POST", "/execute/sync", Some(body))
    }

    /// The first element matching the CSS `selector`, waiting for it to
    /// appear.
    pub fn wait_for(&self, selector: &str) -> Element<'_> {
        let start = Instant::now();
        loop {
            let found = self.eval(&format!(
                "document.querySelector({})",
                serde_json::to_string(selector).unwrap()
            ));
            if let Some(id) = found[ELEMENT_KEY].as_str() {
                return Element {
                    browser: self,
                    id: id.to_string(),
                };
            }
            assert!(start.elapsed() < WAIT, "no {selector} on {}", self.url());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs `action`, which leads to another page, and waits until that
    /// page has loaded: the old page is marked, and the wait ends on a
    /// complete document without the mark.
    pub fn navigating(&self, action: impl FnOnce()) {
        self.eval("window.__left = true");
        action();
        let start = Instant::now();
        let loaded = "!window.__left && document.readyState === 'complete'";
        while self.try_eval(loaded) != Ok(Value::Bool(true)) {
            assert!(start.elapsed() < WAIT, "no new page after {}", self.url());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A PNG of the window.
    pub fn screenshot(&self) -> Vec<u8> {
        let png = self.send("GET", "/screenshot", None);
        base64::engine::general_purpose::STANDARD
            .decode(png.as_str().expect("base64 PNG"))
            .expect("valid base64")
    }
}

impl Element<'_> {
    /// Clicks the element.
    pub fn click(&self) {
        let path = format!("/element/{}/click", self.id);
        self.browser.send("POST", &path, None);
    }

    /// Types `text` into the element, as keys pressed one by one.
    pub fn type_text(&self, text: &str) {
        let path = format!("/element/{}/value", self.id);
        self.browser
            .send("POST", &path, Some(json!({ "text": text })));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Closes the browser; then chromedriver itself goes.
        let _ = self.agent.delete(&self.session).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The port chromedriver reports it listens on. Its output is read on to
/// the end by a thread, so that it never blocks on a full pipe.
fn driver_port(driver: &mut Child) -> u16 {
    let stdout = driver.stdout.take().expect("chromedriver's output");
    let (port_tx, port_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("started successfully on port ").nth(1) {
                let _ = port_tx.send(rest.trim_end_matches('.').parse::<u16>());
            }
        }
    });
    port_rx
        .recv_timeout(WAIT)
        .expect("chromedriver listens")
        .expect("chromedriver's port")
}
