//! `protosmith publish-docs`: the versioned layout on disk, and the upload,
//! checked against a small HTTP server started here (std only) that
//! records every request.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

const PROTO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../proto");

#[derive(Debug, Clone)]
struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// An HTTP/1.1 server on 127.0.0.1 answering every request with `status`;
/// returns its base URL and what it received.
fn server(status: &'static str) -> (String, Arc<Mutex<Vec<Request>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&received);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let mut parts = line.split_whitespace();
            let (method, path) = (
                parts.next().unwrap_or_default().to_owned(),
                parts.next().unwrap_or_default().to_owned(),
            );
            let mut headers = Vec::new();
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).unwrap();
                let header = header.trim_end();
                if header.is_empty() {
                    break;
                }
                let (key, value) = header.split_once(':').unwrap();
                headers.push((key.trim().to_owned(), value.trim().to_owned()));
            }
            let length: usize = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .map_or(0, |(_, v)| v.parse().unwrap());
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            log.lock().unwrap().push(Request {
                method,
                path,
                headers,
                body,
            });
            let reply = "no";
            write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
                reply.len()
            )
            .unwrap();
        }
    });
    (url, received)
}

fn publish_docs(out: &Path, version: &str, upload: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_protosmith"));
    command
        .args(["publish-docs", "--proto", PROTO, "--module", "acme-api"])
        .args(["--version", version])
        .arg("--out")
        .arg(out)
        .env_remove("PROTOSMITH_DOCS_URL")
        .env_remove("PROTOSMITH_DOCS_HEADER")
        .env("PROTOSMITH_DOCS_TOKEN", "s3cret");
    if let Some(url) = upload {
        command.args(["--upload", url]);
    }
    command.output().unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn versions_are_laid_out_and_latest_is_the_highest_release() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path();
    // Something of the user's beside the module: never touched.
    std::fs::write(site.join("index.html"), "my portal").unwrap();
    for version in ["1.0.0", "2.0.0-rc.1", "1.1.0"] {
        let output = publish_docs(site, version, None);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let module = site.join("acme-api");
    for version in ["1.0.0", "1.1.0", "2.0.0-rc.1"] {
        let html = read(&module.join(version).join("index.html"));
        assert!(
            html.contains(&format!("<title>acme-api {version}</title>")),
            "{version}"
        );
        assert!(html.contains("acme.user.v1.USER_ERROR_NOT_FOUND"));
        let json: serde_json::Value =
            serde_json::from_str(&read(&module.join(version).join("index.json"))).unwrap();
        assert_eq!(json["title"], format!("acme-api {version}"));
    }
    // latest/ is a copy of 1.1.0: the release candidate of 2.0.0 is not a release.
    for page in ["index.html", "index.json"] {
        assert_eq!(
            read(&module.join("latest").join(page)),
            read(&module.join("1.1.0").join(page))
        );
    }
    let versions: serde_json::Value =
        serde_json::from_str(&read(&module.join("versions.json"))).unwrap();
    assert_eq!(versions["module"], "acme-api");
    assert_eq!(versions["latest"], "1.1.0");
    let listed: Vec<&str> = versions["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["2.0.0-rc.1", "1.1.0", "1.0.0"]);
    assert_eq!(versions["versions"][1]["html"], "1.1.0/index.html");
    assert!(read(&module.join("index.html")).contains("url=latest/"));
    assert_eq!(read(&site.join("index.html")), "my portal");
}

#[test]
fn upload_puts_every_file_with_the_token_versions_json_last() {
    let out = tempfile::tempdir().unwrap();
    let (url, received) = server("201 Created");
    let output = publish_docs(out.path(), "1.2.0", Some(&format!("{url}/docs/")));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let received = received.lock().unwrap().clone();
    let paths: Vec<&str> = received.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/docs/acme-api/1.2.0/index.html",
            "/docs/acme-api/1.2.0/index.json",
            "/docs/acme-api/latest/index.html",
            "/docs/acme-api/latest/index.json",
            "/docs/acme-api/index.html",
            "/docs/acme-api/versions.json",
        ]
    );
    let module = out.path().join("acme-api");
    for request in &received {
        assert_eq!(request.method, "PUT");
        assert_eq!(request.header("authorization"), Some("Bearer s3cret"));
        let local = module.join(request.path.strip_prefix("/docs/acme-api/").unwrap());
        assert_eq!(
            request.body,
            std::fs::read(&local).unwrap(),
            "{}",
            request.path
        );
        let content_type = request.header("content-type").unwrap();
        if request.path.ends_with(".json") {
            assert_eq!(content_type, "application/json");
        } else {
            assert_eq!(content_type, "text/html; charset=utf-8");
        }
    }
}

#[test]
fn a_refused_upload_fails_with_the_server_answer() {
    let out = tempfile::tempdir().unwrap();
    let (url, received) = server("403 Forbidden");
    let output = publish_docs(out.path(), "1.0.0", Some(&url));
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("upload of"), "{stderr}");
    assert!(stderr.contains("403"), "{stderr}");
    assert!(stderr.contains("the server said: no"), "{stderr}");
    // The first refusal stops the upload: versions.json never announces the version.
    assert_eq!(received.lock().unwrap().len(), 1);
}

#[test]
fn bad_flags_are_reported() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_protosmith"))
        .args([
            "publish-docs",
            "--proto",
            PROTO,
            "--module",
            "../x",
            "--version",
            "1.0.0",
        ])
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--module \"../x\""));
    let output = Command::new(env!("CARGO_BIN_EXE_protosmith"))
        .args([
            "publish-docs",
            "--proto",
            PROTO,
            "--module",
            "x",
            "--version",
            "v1",
        ])
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a semantic version"));
}
