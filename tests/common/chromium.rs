//! Headless Chromium (Debian's `chromium`) driven over the DevTools protocol, for tests of pages
//! porttwin serves or writes: open a page, evaluate JavaScript in it, take a screenshot.
//!
//! [`Chromium::require`] finds the browser, or returns `None` (the test says it is skipped)
//! unless `PORTTWIN_REQUIRE_CHROMIUM=1` (`.ci/run` sets it, so CI fails instead). The browser
//! runs with its own profile folder and a DevTools port chosen by itself; the protocol's
//! messages go over a WebSocket, of which the little needed (a client's masked text frames,
//! the server's unmasked ones) is written here.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A headless Chromium with one page open.
pub struct Chromium {
    child: Child,
    socket: TcpStream,
    next_id: u64,
    _profile: tempfile::TempDir,
}

fn binary() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|file| file.is_file())
}

/// A plain HTTP GET of `path` on `host:port`; returns the body.
pub fn http_get(host_port: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(host_port).unwrap_or_else(|e| panic!("cannot connect to {host_port}: {e}"));
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host_port}\r\nConnection: close\r\n\r\n").unwrap();
    // Read the head, then the body by its length: a server may keep the connection open.
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    let mut length = None;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(n) = lower.strip_prefix("content-length:") {
            length = n.trim().parse::<usize>().ok();
        }
        chunked |= lower.starts_with("transfer-encoding:") && lower.contains("chunked");
        head.push_str(&line);
    }
    let mut body = Vec::new();
    match length {
        Some(n) => {
            body.resize(n, 0);
            reader.read_exact(&mut body).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        None => {
            let _ = reader.read_to_end(&mut body);
        }
    }
    let body = String::from_utf8_lossy(&body).into_owned();
    if chunked {
        return dechunk(&body);
    }
    body
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else { break };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// Decodes standard base64 (the protocol's screenshots).
pub fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=' && !c.is_ascii_whitespace()).map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &d)| n | (u32::from(d) << (18 - 6 * i)));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

impl Chromium {
    /// Chromium, or `None` when it is not installed and not required.
    pub fn require() -> Option<PathBuf> {
        let found = binary();
        if found.is_none() {
            assert!(
                std::env::var("PORTTWIN_REQUIRE_CHROMIUM").as_deref() != Ok("1"),
                "PORTTWIN_REQUIRE_CHROMIUM=1 but chromium is not installed (apt-get install chromium)"
            );
            eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        }
        found
    }

    /// Starts `binary` headless with a window of `width` x `height` and connects to its page.
    pub fn start(binary: &Path, width: u32, height: u32) -> Chromium {
        let profile = tempfile::tempdir().expect("temp dir");
        let mut child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                &format!("--window-size={width},{height}"),
                &format!("--user-data-dir={}", profile.path().display()),
                "about:blank",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let port = loop {
            let line = lines
                .next()
                .and_then(Result::ok)
                .unwrap_or_else(|| panic!("chromium ended before its DevTools port was known"));
            if let Some(rest) = line.split("ws://127.0.0.1:").nth(1) {
                break rest.split('/').next().unwrap().to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        let host = format!("127.0.0.1:{port}");
        let since = Instant::now();
        let page = loop {
            let list: Value = serde_json::from_str(&http_get(&host, "/json/list")).unwrap_or(Value::Null);
            let page = list
                .as_array()
                .and_then(|targets| targets.iter().find(|t| t["type"] == "page"))
                .and_then(|t| t["webSocketDebuggerUrl"].as_str())
                .map(str::to_string);
            if let Some(page) = page {
                break page;
            }
            assert!(since.elapsed() < Duration::from_secs(20), "chromium shows no page");
            std::thread::sleep(Duration::from_millis(100));
        };
        let path = page.split_once(&host).map(|(_, path)| path.to_string()).unwrap();
        let mut socket = TcpStream::connect(&host).unwrap();
        socket.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(
            socket,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: cG9ydHR3aW4tdGVzdHMtY2Ry\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            socket.read_exact(&mut byte).unwrap();
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head);
        assert!(head.starts_with("HTTP/1.1 101"), "no WebSocket from chromium: {head}");
        Chromium {
            child,
            socket,
            next_id: 1,
            _profile: profile,
        }
    }

    fn send_frame(&mut self, text: &str) {
        let payload = text.as_bytes();
        let mut frame = vec![0x81u8];
        match payload.len() {
            n if n < 126 => frame.push(0x80 | n as u8),
            n if n < 65536 => {
                frame.push(0x80 | 126);
                frame.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                frame.push(0x80 | 127);
                frame.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        let mask = [0x5a, 0x17, 0xc3, 0x2e];
        frame.extend_from_slice(&mask);
        frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        self.socket.write_all(&frame).unwrap();
    }

    fn read_message(&mut self) -> String {
        let mut message = Vec::new();
        loop {
            let mut head = [0u8; 2];
            self.socket.read_exact(&mut head).expect("a DevTools message");
            let length = match head[1] & 0x7f {
                126 => {
                    let mut n = [0u8; 2];
                    self.socket.read_exact(&mut n).unwrap();
                    u64::from(u16::from_be_bytes(n))
                }
                127 => {
                    let mut n = [0u8; 8];
                    self.socket.read_exact(&mut n).unwrap();
                    u64::from_be_bytes(n)
                }
                n => u64::from(n),
            };
            let mut payload = vec![0u8; length as usize];
            self.socket.read_exact(&mut payload).unwrap();
            message.extend_from_slice(&payload);
            if head[0] & 0x80 != 0 {
                return String::from_utf8(message).expect("DevTools messages are text");
            }
        }
    }

    /// Calls a DevTools method and returns its result (events that come meanwhile are dropped).
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send_frame(&json!({"id": id, "method": method, "params": params}).to_string());
        loop {
            let reply: Value = serde_json::from_str(&self.read_message()).expect("DevTools JSON");
            if reply["id"] == id {
                assert!(reply.get("error").is_none(), "{method} failed: {reply}");
                return reply["result"].clone();
            }
        }
    }

    /// Opens `url` in the page.
    pub fn open(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
    }

    /// The value of the JavaScript expression `expression` in the page.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call("Runtime.evaluate", json!({"expression": expression, "returnByValue": true}));
        result["result"]["value"].clone()
    }

    /// Evaluates `expression` until it is truthy (at most `limit`); returns its value.
    pub fn wait_for(&mut self, expression: &str, limit: Duration) -> Value {
        let since = Instant::now();
        loop {
            let value = self.eval(expression);
            if !(value.is_null() || value == false || value == "") {
                return value;
            }
            assert!(since.elapsed() < limit, "`{expression}` did not become true in {limit:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A PNG screenshot of the page as it is now.
    pub fn screenshot(&mut self) -> Vec<u8> {
        let result = self.call("Page.captureScreenshot", json!({"format": "png"}));
        base64_decode(result["data"].as_str().expect("screenshot data"))
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
