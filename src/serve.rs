//! `serve`: build the site into memory, serve it over HTTP, watch the
//! site's files and rebuild only what a change touches, and tell the
//! browser to reload over server-sent events.
//!
//! The site is never written to disk: pages live in a map from file path
//! (`articles/x/index.html`) to bytes. A rebuild renders the pages a change
//! can affect, compares their bytes with what is served, swaps in those that
//! differ and removes pages that no longer exist.
//!
//! What a change redoes:
//! - an article whose body, title or summary changed: that article is parsed
//!   and rendered again, then the pages that show it (its page, the pages
//!   of its terms and month listing it, home, feeds, the search data, the
//!   articles listing it as related);
//! - an article added, removed, renamed, re-dated or re-tagged: the index
//!   and the plan are redone, and every page of the terms and months it
//!   is in, before and after, with the site-wide pages;
//! - a template: the pages whose template uses it (all of them for a base
//!   template);
//! - a static file: that file alone;
//! - site.toml, a profile or a page: everything.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Body as HttpBody;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Router;
use rayon::prelude::*;
use tokio::sync::{broadcast, watch};

use crate::allowed_hosts::AllowedHosts;
use crate::build::load_config;
use crate::entity_links::EntityLinker;
use crate::error::{Diagnostic, Error, Result};
use crate::index::{build_index, Index};
use crate::load::{load_article, load_site_with, tag_collisions, LoadOptions};
use crate::model::{tag_slug, Article, Site};
use crate::plan::{self, plan, FeedScope, PageKind, Planned};
use crate::render::{render_bodies, Body, Renderer};
use crate::theme::{escape, load_templates, STATIC, TEMPLATES};

/// Where the browser listens for reload events.
pub const LIVERELOAD_PATH: &str = "/__livereload";

/// How long the watcher waits for a burst of file events to settle.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// Injected before `</body>` of every HTML page served (never written by
/// `build`). A `css` event swaps the stylesheets without reloading.
const LIVERELOAD_SCRIPT: &str = r#"<script>(function(){if(!window.EventSource)return;var es=new EventSource("/__livereload");es.addEventListener("reload",function(e){if(e.data==="css"){var links=document.querySelectorAll('link[rel="stylesheet"]');for(var i=0;i<links.length;i++){var u=links[i].href.replace(/[?&]livereload=\d+/,"");links[i].href=u+(u.indexOf("?")<0?"?":"&")+"livereload="+Date.now();}}else{location.reload();}});})();</script>"#;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// The address to listen on, `127.0.0.1` by default.
    pub bind: String,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    /// Open the browser once the site is ready.
    pub open: bool,
    /// Stop on Ctrl-C (the command line); tests call [`Server::shutdown`].
    pub ctrl_c: bool,
    /// When the port is taken, try the next few ports instead of failing.
    pub next_free_port: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            root: PathBuf::from("."),
            bind: "127.0.0.1".to_string(),
            port: 1111,
            drafts: false,
            open: false,
            ctrl_c: false,
            next_free_port: true,
        }
    }
}

/// What the browser is told after a rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reload {
    Page,
    Css,
}

/// What the HTTP side reads: the built files, or the errors to show.
struct Shared {
    files: RwLock<HashMap<String, Arc<Vec<u8>>>>,
    /// An error page shown for every URL while the site is broken.
    error: RwLock<Option<Arc<String>>>,
    reload: broadcast::Sender<Reload>,
    stop: watch::Receiver<bool>,
}

/// A running preview server. Stop it with [`Server::shutdown`] (or let the
/// command line's Ctrl-C do it and call [`Server::wait`]).
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    http: Option<std::thread::JoinHandle<()>>,
    rebuild: Option<std::thread::JoinHandle<()>>,
    changes: mpsc::Sender<Msg>,
    watcher: Option<Arc<std::sync::Mutex<notify::RecommendedWatcher>>>,
}

enum Msg {
    Changes(Vec<PathBuf>),
    Stop,
}

impl Server {
    /// Binds, builds the site, starts watching and serving. Returns once
    /// the site can be fetched.
    pub fn start(options: ServeOptions) -> Result<Server> {
        let root = std::fs::canonicalize(&options.root).map_err(|e| Error::io(&options.root, e))?;
        let listener = bind(&options)?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::Usage(format!("cannot read the bound address: {e}")))?;
        let base_url = format!("http://{}/", display_addr(addr));

        let started = Instant::now();
        let mut builder = Builder::new(root.clone(), options.drafts, base_url);
        let files = builder.full();
        let pages = files.len();
        let (reload, _) = broadcast::channel(16);
        let (stop_tx, stop_rx) = watch::channel(false);
        let shared = Arc::new(Shared {
            files: RwLock::new(files),
            error: RwLock::new(builder.error_page()),
            reload,
            stop: stop_rx,
        });
        if let Some(text) = builder.error_text() {
            eprintln!("{text}");
        }
        println!(
            "Built {pages} files in memory in {} ms",
            started.elapsed().as_millis()
        );

        let (tx, rx) = mpsc::channel::<Msg>();
        let watcher = Arc::new(std::sync::Mutex::new(watch_site(&root, tx.clone())?));
        let rebuild = {
            let shared = shared.clone();
            let watcher = watcher.clone();
            std::thread::Builder::new()
                .name("serve-rebuild".into())
                .spawn(move || rebuild_loop(builder, rx, shared, watcher))
                .map_err(|e| Error::Usage(format!("cannot start the rebuild thread: {e}")))?
        };

        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| Error::Usage(format!("cannot start the HTTP runtime: {e}")))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::Usage(format!("cannot configure the socket: {e}")))?;
        let app = Router::new()
            .route(LIVERELOAD_PATH, axum::routing::get(livereload))
            .fallback(serve_file)
            .layer(axum::middleware::from_fn_with_state(
                Arc::new(AllowedHosts::new(&options.bind)),
                check_host,
            ))
            .with_state(shared.clone());
        let ctrl_c = options.ctrl_c;
        let mut stop_wait = shared.stop.clone();
        let stop_on_signal = stop_tx.clone();
        let (ready_tx, ready_rx) = mpsc::channel::<std::result::Result<(), String>>();
        let http = std::thread::Builder::new()
            .name("serve-http".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let listener = match tokio::net::TcpListener::from_std(listener) {
                        Ok(l) => l,
                        Err(e) => {
                            let _ = ready_tx.send(Err(e.to_string()));
                            return;
                        }
                    };
                    let _ = ready_tx.send(Ok(()));
                    let shutdown = async move {
                        tokio::select! {
                            _ = stop_wait.wait_for(|s| *s) => {}
                            _ = ctrl_c_signal(ctrl_c) => {
                                println!("\nStopping.");
                            }
                        }
                        // Ends the event streams so open pages let go.
                        let _ = stop_on_signal.send(true);
                    };
                    if let Err(e) = axum::serve(listener, app)
                        .with_graceful_shutdown(shutdown)
                        .await
                    {
                        eprintln!("error: the HTTP server stopped: {e}");
                    }
                });
            })
            .map_err(|e| Error::Usage(format!("cannot start the HTTP thread: {e}")))?;
        match ready_rx.recv() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(Error::Usage(format!("cannot serve on {addr}: {e}"))),
            Err(_) => return Err(Error::Usage(format!("cannot serve on {addr}"))),
        }
        Ok(Server {
            addr,
            shared,
            stop: stop_tx,
            http: Some(http),
            rebuild: Some(rebuild),
            changes: tx,
            watcher: Some(watcher),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The address to open in a browser.
    pub fn url(&self) -> String {
        format!("http://{}/", display_addr(self.addr))
    }

    /// The files served right now, by path (`articles/x/index.html`), as a
    /// build would write them (without the live-reload script).
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        read(&self.shared.files)
            .iter()
            .map(|(k, v)| (k.clone(), v.as_ref().clone()))
            .collect()
    }

    /// Blocks until the server stops (Ctrl-C with `ctrl_c`), then cleans up.
    pub fn wait(mut self) {
        if let Some(http) = self.http.take() {
            let _ = http.join();
        }
        self.stop_rest();
    }

    /// Stops serving and watching, and waits for the threads to end.
    pub fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(http) = self.http.take() {
            let _ = http.join();
        }
        self.stop_rest();
    }

    fn stop_rest(&mut self) {
        // Dropping the watcher stops its thread.
        self.watcher.take();
        let _ = self.changes.send(Msg::Stop);
        if let Some(rebuild) = self.rebuild.take() {
            let _ = rebuild.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(http) = self.http.take() {
            let _ = http.join();
        }
        self.stop_rest();
    }
}

async fn ctrl_c_signal(enabled: bool) {
    if enabled && tokio::signal::ctrl_c().await.is_ok() {
        return;
    }
    std::future::pending::<()>().await
}

/// The command line's `serve`: runs until Ctrl-C.
pub fn run(options: ServeOptions) -> Result<()> {
    let open = options.open;
    let server = Server::start(ServeOptions {
        ctrl_c: true,
        ..options
    })?;
    let url = server.url();
    println!("Serving {url} (live reload on; Ctrl-C to stop)");
    if open {
        if let Err(e) = open::that_detached(&url) {
            eprintln!("warning: cannot open a browser: {e}; open {url} yourself");
        }
    }
    server.wait();
    Ok(())
}

fn display_addr(addr: SocketAddr) -> SocketAddr {
    // A server listening everywhere is reached locally through loopback.
    if addr.ip().is_unspecified() {
        let ip: IpAddr = if addr.is_ipv4() {
            std::net::Ipv4Addr::LOCALHOST.into()
        } else {
            std::net::Ipv6Addr::LOCALHOST.into()
        };
        SocketAddr::new(ip, addr.port())
    } else {
        addr
    }
}

fn bind(options: &ServeOptions) -> Result<TcpListener> {
    let ip: IpAddr = match options.bind.as_str() {
        "localhost" => std::net::Ipv4Addr::LOCALHOST.into(),
        text => text.parse().map_err(|_| {
            Error::Usage(format!(
                "--bind {text}: not an IP address (use 127.0.0.1, ::1 or 0.0.0.0)"
            ))
        })?,
    };
    if !ip.is_loopback() {
        eprintln!(
            "warning: listening on {ip}: other machines on the network can read this preview \
             (drafts included with --drafts); use --bind 127.0.0.1 to keep it local"
        );
    }
    let tries = if options.next_free_port && options.port != 0 {
        10
    } else {
        1
    };
    let mut last = None;
    for k in 0..tries {
        let Some(port) = options.port.checked_add(k) else {
            break;
        };
        match TcpListener::bind(SocketAddr::new(ip, port)) {
            Ok(listener) => {
                if k > 0 {
                    println!("Port {} is in use; using port {port} instead", options.port);
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => {
                return Err(Error::Usage(format!(
                    "cannot listen on {ip} port {port}: {e}"
                )))
            }
        }
    }
    let port = options.port;
    Err(Error::Usage(match last {
        Some(_) if tries > 1 => format!(
            "port {port} is in use, and so are the next {}: stop the other server or choose another with --port",
            tries - 1
        ),
        _ => format!("port {port} is in use: stop the other server or choose another with --port"),
    }))
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|e| e.into_inner())
}

// ---------------------------------------------------------------------------
// HTTP

async fn livereload(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let rx = shared.reload.subscribe();
    let stop = shared.stop.clone();
    let hello = futures_util::stream::once(async {
        Ok::<Event, std::convert::Infallible>(Event::default().event("hello").data("ready"))
    });
    let events = futures_util::stream::unfold((rx, stop), |(mut rx, mut stop)| async move {
        let kind = tokio::select! {
            msg = rx.recv() => match msg {
                Ok(kind) => Some(kind),
                // Missed events: reloading the page covers them all.
                Err(broadcast::error::RecvError::Lagged(_)) => Some(Reload::Page),
                Err(broadcast::error::RecvError::Closed) => None,
            },
            _ = stop.wait_for(|s| *s) => None,
        };
        let data = if kind? == Reload::Css { "css" } else { "page" };
        let event = Event::default().event("reload").data(data);
        Some((Ok(event), (rx, stop)))
    });
    use futures_util::StreamExt;
    Sse::new(hello.chain(events)).keep_alive(KeepAlive::default())
}

async fn serve_file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
    }
    let rel = match safe_path(uri.path()) {
        Ok(rel) => rel,
        Err(why) => return plain(StatusCode::BAD_REQUEST, &format!("bad path: {why}\n")),
    };
    if let Some(page) = read(&shared.error).clone() {
        return html(StatusCode::INTERNAL_SERVER_ERROR, inject(page.as_bytes()));
    }
    let files = read(&shared.files);
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    if let Some(bytes) = files.get(&key) {
        let bytes = bytes.clone();
        drop(files);
        let kind = content_type(&key);
        let body = if kind.starts_with("text/html") {
            inject(&bytes)
        } else {
            bytes.as_ref().clone()
        };
        return respond(StatusCode::OK, kind, body);
    }
    if !rel.is_empty() && !rel.ends_with('/') && files.contains_key(&format!("{rel}/index.html")) {
        let mut response = Response::new(HttpBody::empty());
        *response.status_mut() = StatusCode::PERMANENT_REDIRECT;
        if let Ok(location) = HeaderValue::from_str(&format!("{}/", uri.path())) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    match files.get("404.html") {
        Some(page) => {
            let body = inject(page);
            drop(files);
            html(StatusCode::NOT_FOUND, body)
        }
        None => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// Refuses requests whose `Host` the preview does not go by (see
/// [`AllowedHosts`]); a request without one cannot come from a browser.
async fn check_host(
    State(hosts): State<Arc<AllowedHosts>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let host = request.headers().get(header::HOST).map(HeaderValue::to_str);
    match host {
        None => next.run(request).await,
        Some(Ok(host)) if hosts.allows(host) => next.run(request).await,
        _ => plain(
            StatusCode::MISDIRECTED_REQUEST,
            "this preview answers only to localhost, 127.0.0.1, [::1] and the --bind address: \
             another name may be a web page reading it through DNS rebinding\n",
        ),
    }
}

fn html(status: StatusCode, body: Vec<u8>) -> Response {
    respond(status, "text/html; charset=utf-8", body)
}

fn plain(status: StatusCode, text: &str) -> Response {
    respond(
        status,
        "text/plain; charset=utf-8",
        text.as_bytes().to_vec(),
    )
}

fn respond(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response {
    let mut response = Response::new(HttpBody::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The live-reload script before the last `</body>`, or at the end.
fn inject(page: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(page.len() + LIVERELOAD_SCRIPT.len());
    let at = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(LIVERELOAD_SCRIPT.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// The file path a URL path asks for, without its leading `/`, or why it
/// is refused: only plain relative paths inside the site are served.
pub fn safe_path(raw: &str) -> std::result::Result<String, &'static str> {
    let Some(rest) = raw.strip_prefix('/') else {
        return Err("not an absolute URL path");
    };
    let bytes = percent_decode(rest).ok_or("bad percent-encoding")?;
    let path = String::from_utf8(bytes).map_err(|_| "not UTF-8")?;
    if path.contains('\\') {
        return Err("backslash");
    }
    if path.contains('\0') || path.chars().any(char::is_control) {
        return Err("control character");
    }
    if path.starts_with('/') {
        return Err("absolute path");
    }
    if path.split('/').next().is_some_and(|s| s.contains(':')) {
        return Err("absolute path");
    }
    if path.split('/').any(|s| s == ".." || s == ".") {
        return Err("'..' or '.' in the path");
    }
    if path.contains("//") {
        return Err("empty path segment");
    }
    Ok(path)
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if path == "atom.xml" || path.ends_with("/atom.xml") {
        return "application/atom+xml; charset=utf-8";
    }
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

// ---------------------------------------------------------------------------
// Watching

fn watch_site(root: &Path, tx: mpsc::Sender<Msg>) -> Result<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let mut watcher =
        notify::recommended_watcher(move |result: notify::Result<notify::Event>| match result {
            Ok(event) if is_change(&event.kind) => {
                let _ = tx.send(Msg::Changes(event.paths));
            }
            Ok(_) => {}
            Err(e) => eprintln!("warning: file watcher: {e}"),
        })
        .map_err(|e| Error::Usage(format!("cannot watch the site's files: {e}")))?;
    // The root itself, not site.toml: editors replace files on save, which
    // would end a watch on the file.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", root.display())))?;
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", path.display())))?;
        }
    }
    Ok(watcher)
}

/// The site's folders watched for changes (with site.toml).
const WATCHED: [&str; 3] = ["content", "templates", "static"];

/// Starts watching a site folder created after the server started.
fn watch_new_folders(
    root: &Path,
    paths: &[PathBuf],
    watcher: &std::sync::Mutex<notify::RecommendedWatcher>,
) {
    use notify::{RecursiveMode, Watcher};
    for dir in WATCHED {
        let path = root.join(dir);
        if paths.contains(&path) && path.is_dir() {
            let mut watcher = watcher.lock().unwrap_or_else(|e| e.into_inner());
            // Watching a folder twice is harmless; a failure is reported.
            if let Err(e) = watcher.watch(&path, RecursiveMode::Recursive) {
                eprintln!("warning: cannot watch {}: {e}", path.display());
            }
        }
    }
}

/// Whether a file event can change the site: not reads (the rebuild's
/// own), not permission or time-stamp changes.
fn is_change(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, ModifyKind};
    use notify::EventKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

fn rebuild_loop(
    mut builder: Builder,
    rx: mpsc::Receiver<Msg>,
    shared: Arc<Shared>,
    watcher: Arc<std::sync::Mutex<notify::RecommendedWatcher>>,
) {
    while let Ok(msg) = rx.recv() {
        let Msg::Changes(mut paths) = msg else {
            return;
        };
        let started = Instant::now();
        // Wait for the burst of events of one save to settle.
        loop {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(Msg::Changes(more)) => paths.extend(more),
                Ok(Msg::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
                Err(mpsc::RecvTimeoutError::Timeout) => break,
            }
        }
        paths.sort();
        paths.dedup();
        watch_new_folders(&builder.root, &paths, &watcher);
        let mut change = classify(&builder.root, &paths);
        builder.expand_folders(&mut change);
        if change.is_empty() {
            continue;
        }
        let outcome = builder.apply(&change, &shared);
        let error = builder.error_page();
        let was_broken = read(&shared.error).is_some();
        let broken = error.is_some();
        *write(&shared.error) = error;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if broken {
            if let Some(text) = builder.error_text() {
                eprintln!("{text}");
            }
            println!("Rebuilt in {ms:.0} ms with errors: the browser shows them");
        } else {
            println!(
                "Rebuilt in {ms:.0} ms: {} changed, {} removed ({} rendered) after {}",
                outcome.changed,
                outcome.removed,
                outcome.rendered,
                crate::error::terminal_safe(&change.describe(&builder.root))
            );
        }
        if broken || was_broken || outcome.changed + outcome.removed > 0 {
            let kind = if !broken && !was_broken && outcome.css_only {
                Reload::Css
            } else {
                Reload::Page
            };
            let _ = shared.reload.send(kind);
        }
    }
}

/// The site's files that changed, sorted by what they need redone.
#[derive(Debug, Default)]
struct Change {
    everything: bool,
    templates: BTreeSet<String>,
    statics: BTreeSet<String>,
    articles: BTreeSet<PathBuf>,
    /// Other paths under content/articles: folders or temporary files.
    folders: BTreeSet<PathBuf>,
    /// The first path, to name in the log.
    first: Option<PathBuf>,
}

impl Change {
    fn is_empty(&self) -> bool {
        !self.everything
            && self.templates.is_empty()
            && self.statics.is_empty()
            && self.articles.is_empty()
            && self.folders.is_empty()
    }

    fn describe(&self, root: &Path) -> String {
        let count = usize::from(self.everything)
            + self.templates.len()
            + self.statics.len()
            + self.articles.len();
        let first = self
            .first
            .as_deref()
            .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
            .unwrap_or_default();
        if count > 1 {
            format!("{first} and other changes")
        } else {
            first
        }
    }
}

fn is_editor_noise(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with('#')
        || name == "4913"
}

fn classify(root: &Path, paths: &[PathBuf]) -> Change {
    let mut change = Change::default();
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let Some(name) = parts.last() else { continue };
        if parts.iter().any(|p| is_editor_noise(p)) {
            continue;
        }
        let relevant = match parts[0].as_str() {
            "site.toml" if parts.len() == 1 => {
                change.everything = true;
                true
            }
            "content" if parts.len() >= 3 && parts[1] == "articles" => {
                if name.ends_with(".md") {
                    change.articles.insert(path.clone());
                    true
                } else {
                    // A folder moved or removed: redo the articles from disk.
                    // Maybe a folder of articles added, moved or removed;
                    // else an editor's temporary file, found to hold no
                    // article.
                    change.folders.insert(path.clone());
                    false
                }
            }
            "content" if parts.len() >= 2 => {
                change.everything = true;
                true
            }
            "templates" if parts.len() >= 2 => {
                if path.is_dir() {
                    change.everything = true;
                } else {
                    change.templates.insert(parts[1..].join("/"));
                }
                true
            }
            "static" if parts.len() >= 2 => {
                if path.is_dir() {
                    change.everything = true;
                } else {
                    change.statics.insert(parts[1..].join("/"));
                }
                true
            }
            // content/, templates/ or static/ themselves created or removed.
            "content" | "templates" | "static" => {
                change.everything = true;
                true
            }
            _ => false,
        };
        if relevant && change.first.is_none() {
            change.first = Some(path.clone());
        }
    }
    change
}

// ---------------------------------------------------------------------------
// Building into memory

/// What a rebuild did to the served files.
#[derive(Debug, Default)]
struct Outcome {
    changed: usize,
    removed: usize,
    rendered: usize,
    css_only: bool,
}

/// The pipeline's state kept between rebuilds.
struct Model {
    site: Site,
    tera: tera::Tera,
    /// Rendered bodies and search entries, in the order of `site.articles`.
    bodies: Vec<Body>,
    entries: Vec<Vec<u8>>,
    index: Index,
    pages: Vec<Planned>,
    /// Position in `pages` of each page's file.
    by_file: HashMap<String, usize>,
}

/// Why the site cannot be shown, by what has to be fixed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Culprit {
    /// site.toml, profiles, pages, or the whole load.
    Site,
    Templates,
    Article(PathBuf),
}

struct Builder {
    root: PathBuf,
    drafts: bool,
    base_url: String,
    /// None until a full build succeeds; then every change is applied to it.
    model: Option<Model>,
    errors: BTreeMap<Culprit, Vec<Diagnostic>>,
    /// Templates changed since the pages using them were last rendered
    /// (while the templates were broken).
    pending_templates: BTreeSet<String>,
}

/// Rendered files, by path.
type Files = HashMap<String, Arc<Vec<u8>>>;

impl Builder {
    fn new(root: PathBuf, drafts: bool, base_url: String) -> Self {
        Builder {
            root,
            drafts,
            base_url,
            model: None,
            errors: BTreeMap::new(),
            pending_templates: BTreeSet::new(),
        }
    }

    fn load_options(&self) -> LoadOptions {
        LoadOptions {
            drafts: self.drafts,
            ..LoadOptions::default()
        }
    }

    /// Loads and renders everything. On errors, the model is left empty
    /// and the errors recorded.
    fn full(&mut self) -> Files {
        self.errors.clear();
        self.model = None;
        self.pending_templates.clear();
        let model = match self.load_model() {
            Ok(model) => model,
            Err((culprit, e)) => {
                self.record(culprit, e);
                return Files::new();
            }
        };
        let pages = match render_pages(&model, &model.pages) {
            Ok(pages) => pages,
            Err(e) => {
                self.record(Culprit::Templates, e);
                return Files::new();
            }
        };
        let mut files: Files = pages.into_iter().map(|(k, v)| (k, Arc::new(v))).collect();
        match static_files(&self.root) {
            Ok(statics) => files.extend(statics),
            Err(e) => {
                self.record(Culprit::Site, e);
                return Files::new();
            }
        }
        self.model = Some(model);
        files
    }

    fn load_model(&self) -> std::result::Result<Model, (Culprit, Error)> {
        let config =
            load_config(&self.root, Some(&self.base_url)).map_err(|e| (Culprit::Site, e))?;
        let site = load_site_with(&self.root, config, self.load_options())
            .map_err(|e| (Culprit::Site, e))?;
        let tera = load_templates(&self.root).map_err(|e| (Culprit::Templates, e))?;
        let bodies = render_bodies(&site);
        let index = build_index(&site);
        let mut model = Model {
            entries: Vec::new(),
            bodies,
            index,
            pages: Vec::new(),
            by_file: HashMap::new(),
            site,
            tera,
        };
        model.entries = {
            let renderer = model.renderer();
            (0..model.site.articles.len())
                .into_par_iter()
                .map(|i| renderer.search_entry(i))
                .collect()
        };
        model.replan();
        Ok(model)
    }

    fn record(&mut self, culprit: Culprit, error: Error) {
        let list = match error {
            Error::Content(list) => list,
            other => vec![Diagnostic::new(&self.root, other.to_string())],
        };
        self.errors.insert(culprit, list);
    }

    fn error_text(&self) -> Option<String> {
        if self.errors.is_empty() {
            return None;
        }
        let lines: Vec<String> = self
            .errors
            .values()
            .flatten()
            .map(|d| format!("error: {}", self.show(d)))
            .collect();
        Some(lines.join("\n"))
    }

    /// A diagnostic with its path relative to the site's folder.
    fn show(&self, d: &Diagnostic) -> String {
        let mut d = d.clone();
        if let Ok(rel) = d.path.strip_prefix(&self.root) {
            d.path = rel.to_path_buf();
        }
        d.to_string()
    }

    fn error_page(&self) -> Option<Arc<String>> {
        if self.errors.is_empty() {
            return None;
        }
        let items: String = self
            .errors
            .values()
            .flatten()
            .map(|d| format!("<li><pre>{}</pre></li>\n", escape(&self.show(d))))
            .collect();
        let count = self.errors.values().map(Vec::len).sum::<usize>();
        Some(Arc::new(format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>Build error · sahel-brief</title>\
             <style>body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}\
             h1{{color:#a30000;font-size:1.4rem}}pre{{white-space:pre-wrap;background:#fff4f4;border-left:4px solid #a30000;padding:.6rem .8rem;margin:0}}\
             li{{margin:.6rem 0;list-style:none}}ul{{padding:0}}</style></head>\n\
             <body><h1>The site cannot be built ({count} error{})</h1>\n\
             <p>Fix the file below and save: this page reloads by itself.</p>\n<ul>\n{items}</ul>\n</body></html>\n",
            if count == 1 { "" } else { "s" }
        )))
    }

    /// Turns folders under content/articles into the articles they hold
    /// now or held before.
    fn expand_folders(&self, change: &mut Change) {
        for folder in std::mem::take(&mut change.folders) {
            for path in crate::walk::files(&self.root, &folder, true).0 {
                if path.extension().is_some_and(|e| e == "md") {
                    change.articles.insert(path);
                }
            }
            let held = self
                .model
                .iter()
                .flat_map(|m| &m.site.articles)
                .map(|a| &a.path);
            let broken = self.errors.keys().filter_map(|c| match c {
                Culprit::Article(p) => Some(p),
                _ => None,
            });
            for path in held.chain(broken) {
                if path.starts_with(&folder) {
                    change.articles.insert(path.clone());
                }
            }
            if change.first.is_none() && !change.articles.is_empty() {
                change.first = Some(folder);
            }
        }
    }

    /// Redoes what `change` needs and updates the served files.
    fn apply(&mut self, change: &Change, shared: &Shared) -> Outcome {
        let needs_full = change.everything || self.model.is_none();
        if needs_full {
            let files = self.full();
            if !self.errors.is_empty() {
                // Keep the last good files for when the error is fixed.
                return Outcome::default();
            }
            let mut served = write(&shared.files);
            let outcome = diff_outcome(&served, &files);
            *served = files;
            return outcome;
        }
        let mut outcome = Outcome {
            css_only: change.templates.is_empty()
                && change.articles.is_empty()
                && change.statics.iter().all(|s| s.ends_with(".css")),
            ..Outcome::default()
        };
        let mut updates: Vec<(String, Option<Vec<u8>>)> = Vec::new();
        for rel in &change.statics {
            updates.push((format!("static/{rel}"), static_file(&self.root, rel)));
        }
        let mut rendered = Vec::new();
        if !change.articles.is_empty() {
            match self.apply_articles(&change.articles) {
                Ok((pages, removed)) => {
                    rendered.extend(pages);
                    updates.extend(removed.into_iter().map(|f| (f, None)));
                }
                Err((culprit, e)) => {
                    if culprit == Culprit::Site {
                        // A render failed half-way: start afresh next time.
                        self.model = None;
                    }
                    self.record(culprit, e)
                }
            }
        }
        if !change.templates.is_empty() {
            match self.apply_templates(&change.templates) {
                Ok(pages) => rendered.extend(pages),
                Err(e) => self.record(Culprit::Templates, e),
            }
        }
        outcome.rendered = rendered.len();
        updates.extend(rendered.into_iter().map(|(k, v)| (k, Some(v))));
        let mut served = write(&shared.files);
        for (file, bytes) in updates {
            match bytes {
                Some(bytes) => {
                    if served.get(&file).is_none_or(|old| **old != bytes) {
                        served.insert(file, Arc::new(bytes));
                        outcome.changed += 1;
                    }
                }
                None => {
                    if served.remove(&file).is_some() {
                        outcome.removed += 1;
                    }
                }
            }
        }
        outcome
    }

    /// Reloads the templates and renders the pages whose templates use a
    /// changed one.
    fn apply_templates(&mut self, changed: &BTreeSet<String>) -> Result<Vec<(String, Vec<u8>)>> {
        self.pending_templates.extend(changed.iter().cloned());
        let tera = load_templates(&self.root)?;
        let Some(model) = self.model.as_mut() else {
            return Ok(Vec::new());
        };
        model.tera = tera;
        let users = template_users(&self.root, &self.pending_templates);
        let pages: Vec<Planned> = model
            .pages
            .iter()
            .filter(|p| match page_template(&p.kind) {
                Some(t) => t == ANY_TEMPLATE || users.as_ref().is_none_or(|u| u.contains(t)),
                None => false,
            })
            .cloned()
            .collect();
        let pages = render_pages(model, &pages)?;
        self.pending_templates.clear();
        self.errors.remove(&Culprit::Templates);
        Ok(pages)
    }

    /// Re-reads the changed articles and renders the pages they can
    /// change. Returns the rendered pages and the files to remove.
    #[allow(clippy::type_complexity)]
    fn apply_articles(
        &mut self,
        paths: &BTreeSet<PathBuf>,
    ) -> std::result::Result<(Vec<(String, Vec<u8>)>, Vec<String>), (Culprit, Error)> {
        let options = self.load_options();
        let Some(model) = self.model.as_mut() else {
            return Ok((Vec::new(), Vec::new()));
        };
        // What each path holds now: None when deleted, hidden or broken.
        let mut fresh: Vec<(PathBuf, Option<Article>)> = Vec::new();
        for path in paths {
            if !path.is_file() {
                self.errors.remove(&Culprit::Article(path.clone()));
                fresh.push((path.clone(), None));
                continue;
            }
            // A folder on the way may be a link the watcher followed.
            let loaded = crate::walk::check_inside(&self.root, path)
                .map_err(Error::from)
                .and_then(|()| load_article(path, &model.site.profiles, options));
            match loaded {
                Ok(article) => {
                    self.errors.remove(&Culprit::Article(path.clone()));
                    fresh.push((path.clone(), article));
                }
                Err(e) => {
                    // Keep the last good version served; show the error.
                    let list = match e {
                        Error::Content(list) => list,
                        other => vec![Diagnostic::new(path, other.to_string())],
                    };
                    self.errors.insert(Culprit::Article(path.clone()), list);
                }
            }
        }
        // Slugs must stay unique.
        let mut taken: HashMap<&str, &Path> = model
            .site
            .articles
            .iter()
            .filter(|a| !paths.contains(&a.path))
            .map(|a| (a.slug.as_str(), a.path.as_path()))
            .collect();
        let mut clashes = Vec::new();
        for (path, article) in &fresh {
            if let Some(a) = article {
                if let Some(other) = taken.insert(&a.slug, path) {
                    clashes.push((
                        path.clone(),
                        Diagnostic::new(
                            path,
                            format!(
                                "duplicate article slug \"{}\", also used by {}",
                                a.slug,
                                other.display()
                            ),
                        )
                        .help("set a different `slug` in one of them"),
                    ));
                }
            }
        }
        drop(taken);
        // Distinct tags must not share a page, as in a full load; the
        // unchanged articles come first, so the problem lands on a new one.
        let unchanged = model
            .site
            .articles
            .iter()
            .filter(|a| !paths.contains(&a.path));
        let changed = fresh.iter().filter_map(|(_, a)| a.as_ref());
        for d in tag_collisions(unchanged.chain(changed)) {
            clashes.push((d.path.clone(), d));
        }
        for (path, d) in clashes {
            fresh.retain(|(p, _)| *p != path);
            self.errors.insert(Culprit::Article(path), vec![d]);
        }
        if fresh.is_empty() {
            return Ok((Vec::new(), Vec::new()));
        }
        let trusted = model.site.config.trusted_html;
        let position = |path: &Path| model.site.articles.iter().position(|a| a.path == path);
        let positions: Vec<Option<usize>> = fresh.iter().map(|(p, _)| position(p)).collect();
        // The quick case: every change keeps the article where it is in
        // every list; only its own text changed.
        let same_place = fresh
            .iter()
            .zip(&positions)
            .all(|((_, new), at)| match (at, new) {
                (Some(i), Some(new)) => same_index_key(&model.site.articles[*i], new),
                _ => false,
            });
        if same_place {
            let mut touched = Vec::new();
            // Profiles did not change here: one linker for every article.
            let linker = EntityLinker::for_site(&model.site);
            for ((_, new), at) in fresh.into_iter().zip(positions) {
                let (Some(i), Some(new)) = (at, new) else {
                    continue;
                };
                let updated_changed = model.site.articles[i].updated != new.updated;
                model.bodies[i] = Body::render_article(&new, linker.as_ref(), trusted);
                model.site.articles[i] = new;
                touched.push((i, updated_changed));
            }
            let entries: Vec<(usize, Vec<u8>)> = {
                let renderer = model.renderer();
                touched
                    .iter()
                    .map(|&(i, _)| (i, renderer.search_entry(i)))
                    .collect()
            };
            let mut search_changed = false;
            for (i, entry) in entries {
                search_changed |= model.entries[i] != entry;
                model.entries[i] = entry;
            }
            let mut files = BTreeSet::new();
            for &(i, updated_changed) in &touched {
                model.pages_showing(i, &mut files);
                if updated_changed {
                    files.insert("sitemap.xml".to_string());
                }
            }
            // Pages of kinds not known here to stay unchanged: always redone.
            files.extend(
                model
                    .pages
                    .iter()
                    .filter(|p| !is_list_or_term_page(&p.kind))
                    .map(Planned::file),
            );
            if search_changed {
                // Many files on a large site: left alone when no entry changed.
                files.extend(plan::search_files(&model.site).map(|p| p.file()));
            }
            let pages: Vec<Planned> = files
                .iter()
                .filter_map(|f| model.by_file.get(f).map(|&k| model.pages[k].clone()))
                .collect();
            let rendered = render_pages(model, &pages).map_err(|e| (Culprit::Site, e))?;
            return Ok((rendered, Vec::new()));
        }
        model
            .restructure(fresh, trusted)
            .map_err(|e| (Culprit::Site, e))
    }
}

/// Whether `new` sits exactly where `old` did in every list and index.
fn same_index_key(old: &Article, new: &Article) -> bool {
    old.slug == new.slug
        && old.datetime == new.datetime
        && old.date == new.date
        && old.countries == new.countries
        && old.actors == new.actors
        && old.tags == new.tags
}

impl Model {
    fn renderer(&self) -> Renderer<'_> {
        Renderer::with_bodies(
            &self.site,
            &self.index,
            &self.tera,
            Cow::Borrowed(&self.bodies),
        )
    }

    fn replan(&mut self) {
        self.pages = plan(&self.site, &self.index);
        self.by_file = self
            .pages
            .iter()
            .enumerate()
            .map(|(k, p)| (p.file(), k))
            .collect();
    }

    /// Files of the pages that show article `i` (its card, its text, or
    /// its dates) while the lists stay as they are.
    fn pages_showing(&self, i: usize, files: &mut BTreeSet<String>) {
        let a = &self.site.articles[i];
        let per_page = self.site.config.paginate_by.max(1);
        let file = |url: String| {
            Planned {
                url,
                kind: PageKind::Robots,
            }
            .file()
        };
        files.insert(file(plan::article_url(&a.slug)));
        if i < self.site.config.home_articles {
            files.insert(file(String::new()));
        }
        files.insert("atom.xml".to_string());
        let page_of = |list: &[usize]| list.binary_search(&i).ok().map(|p| p / per_page + 1);
        for c in &a.countries {
            if let Some(n) = self.index.by_country.get(c).and_then(|l| page_of(l)) {
                files.insert(file(plan::paged_url(&plan::country_url(c), n)));
            }
            files.insert(format!("{}atom.xml", plan::country_url(c)));
        }
        for id in &a.actors {
            if let Some(n) = self.index.by_actor.get(id).and_then(|l| page_of(l)) {
                files.insert(file(plan::paged_url(&plan::actor_url(id), n)));
            }
            files.insert(format!("{}atom.xml", plan::actor_url(id)));
        }
        for c in a.countries.iter().chain(&a.mentions.countries) {
            files.insert(format!("{}{}index.html", plan::country_url(c), plan::PRINT));
        }
        for id in a.actors.iter().chain(&a.mentions.actors) {
            files.insert(format!("{}{}index.html", plan::actor_url(id), plan::PRINT));
        }
        // The "also mentioned in" lists, on first pages.
        for c in &a.mentions.countries {
            files.insert(file(plan::country_url(c)));
        }
        for id in &a.mentions.actors {
            files.insert(file(plan::actor_url(id)));
        }
        files.insert(file(plan::paged_url("articles/", i / per_page + 1)));
        files.insert(file(plan::year_url(chrono::Datelike::year(&a.date))));
        for t in &a.tags {
            let slug = tag_slug(t);
            files.insert(file(format!("{}atom.xml", plan::tag_url(&slug))));
            if let Some(n) = self
                .index
                .by_tag
                .get(&slug)
                .and_then(|t| page_of(&t.articles))
            {
                files.insert(file(plan::paged_url(&plan::tag_url(&slug), n)));
            }
        }
        let d = a.date;
        files.insert(file(plan::month_url(
            chrono::Datelike::year(&d),
            chrono::Datelike::month(&d),
        )));
        for (j, related) in self.index.related.iter().enumerate() {
            if related.contains(&i) {
                files.insert(file(plan::article_url(&self.site.articles[j].slug)));
            }
        }
    }

    /// Applies added, removed and moved articles: redoes the index and
    /// the plan, renders every page whose list can have changed, and
    /// returns the files to remove.
    #[allow(clippy::type_complexity)]
    fn restructure(
        &mut self,
        fresh: Vec<(PathBuf, Option<Article>)>,
        trusted: bool,
    ) -> Result<(Vec<(String, Vec<u8>)>, Vec<String>)> {
        // Terms and months whose lists change, before and after.
        let mut terms = TermSet::default();
        let changed_paths: HashSet<PathBuf> = fresh.iter().map(|(p, _)| p.clone()).collect();
        for a in &self.site.articles {
            if changed_paths.contains(&a.path) {
                terms.add(a);
            }
        }
        for a in fresh.iter().filter_map(|(_, a)| a.as_ref()) {
            terms.add(a);
        }
        let old_related = self.related_slugs();
        let old_months: Vec<(i32, u32)> = self.index.by_month.keys().copied().collect();
        let old_files: HashSet<String> = self.by_file.keys().cloned().collect();

        let articles = std::mem::take(&mut self.site.articles);
        let bodies = std::mem::take(&mut self.bodies);
        let entries = std::mem::take(&mut self.entries);
        let mut rows: Vec<(Article, Body, Vec<u8>)> = articles
            .into_iter()
            .zip(bodies)
            .zip(entries)
            .map(|((a, b), e)| (a, b, e))
            .filter(|(a, _, _)| !changed_paths.contains(&a.path))
            .collect();
        let mut added = Vec::new();
        let linker = EntityLinker::for_site(&self.site);
        for (_, article) in fresh {
            if let Some(article) = article {
                added.push(article.slug.clone());
                let body = Body::render_article(&article, linker.as_ref(), trusted);
                rows.push((article, body, Vec::new()));
            }
        }
        rows.sort_by(|a, b| {
            b.0.datetime
                .cmp(&a.0.datetime)
                .then_with(|| a.0.slug.cmp(&b.0.slug))
        });
        let mut articles = Vec::with_capacity(rows.len());
        let mut bodies = Vec::with_capacity(rows.len());
        let mut entries = Vec::with_capacity(rows.len());
        for (a, b, e) in rows {
            articles.push(a);
            bodies.push(b);
            entries.push(e);
        }
        self.site.articles = articles;
        self.bodies = bodies;
        self.entries = entries;
        self.index = build_index(&self.site);
        self.replan();
        let renderer = self.renderer();
        let missing: Vec<(usize, Vec<u8>)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.is_empty())
            .map(|(i, _)| (i, renderer.search_entry(i)))
            .collect();
        drop(renderer);
        for (i, e) in missing {
            self.entries[i] = e;
        }

        let new_related = self.related_slugs();
        let months_changed = old_months != self.index.by_month.keys().copied().collect::<Vec<_>>();
        let added: HashSet<&str> = added.iter().map(String::as_str).collect();
        let pages: Vec<Planned> = self
            .pages
            .iter()
            .filter(|p| match &p.kind {
                PageKind::Article(i) => {
                    let slug = self.site.articles[*i].slug.as_str();
                    added.contains(slug)
                        || old_related.get(slug) != new_related.get(slug)
                        || self.index.related[*i]
                            .iter()
                            .any(|&j| added.contains(self.site.articles[j].slug.as_str()))
                }
                PageKind::Country { id, page } => {
                    terms.countries.contains(id) || (*page == 1 && terms.country_counts)
                }
                PageKind::Actor { id, .. } | PageKind::ActorPrint { id } => {
                    terms.actors.contains(id)
                }
                PageKind::CountryPrint { id } => terms.countries.contains(id),
                PageKind::Tag { slug, .. } | PageKind::Feed(FeedScope::Tag(slug)) => {
                    terms.tags.contains(slug)
                }
                PageKind::Year(year) => months_changed || terms.months.iter().any(|m| m.0 == *year),
                PageKind::Month { year, month } => {
                    months_changed || terms.months.contains(&(*year, *month))
                }
                PageKind::Feed(FeedScope::Country(id)) => terms.countries.contains(id),
                PageKind::Feed(FeedScope::Actor(id)) => terms.actors.contains(id),
                _ => true,
            })
            .cloned()
            .collect();
        let removed = old_files
            .into_iter()
            .filter(|f| !self.by_file.contains_key(f))
            .collect();
        Ok((render_pages(self, &pages)?, removed))
    }

    /// Each article's related articles, by slug.
    fn related_slugs(&self) -> HashMap<String, Vec<String>> {
        self.index
            .related
            .iter()
            .enumerate()
            .map(|(i, list)| {
                (
                    self.site.articles[i].slug.clone(),
                    list.iter()
                        .map(|&j| self.site.articles[j].slug.clone())
                        .collect(),
                )
            })
            .collect()
    }
}

/// Terms and months of changed articles.
#[derive(Default)]
struct TermSet {
    countries: HashSet<String>,
    actors: HashSet<String>,
    tags: HashSet<String>,
    months: HashSet<(i32, u32)>,
    /// Whether a country's article count changed: the maps shade by it.
    country_counts: bool,
}

impl TermSet {
    fn add(&mut self, a: &Article) {
        self.countries.extend(a.countries.iter().cloned());
        self.country_counts |= !a.countries.is_empty();
        self.actors.extend(a.actors.iter().cloned());
        // Profile pages list the articles mentioning them too.
        self.countries.extend(a.mentions.countries.iter().cloned());
        self.actors.extend(a.mentions.actors.iter().cloned());
        self.tags.extend(a.tags.iter().map(|t| tag_slug(t)));
        self.months.insert((
            chrono::Datelike::year(&a.date),
            chrono::Datelike::month(&a.date),
        ));
    }
}

/// Renders `pages` in parallel; every problem is reported together.
fn render_pages(model: &Model, pages: &[Planned]) -> Result<Vec<(String, Vec<u8>)>> {
    let renderer = model.renderer();
    let results: Vec<std::result::Result<(String, Vec<u8>), Diagnostic>> = pages
        .par_iter()
        .map(|page| Ok((page.file(), renderer.render(page)?)))
        .collect();
    let mut out = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(file) => out.push(file),
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        problems.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        problems.dedup_by(|a, b| a.path == b.path && a.message == b.message);
        Err(Error::Content(problems))
    }
}

/// Kinds of pages [`Model::pages_showing`] knows the dependencies of;
/// any other kind is re-rendered on every article change.
fn is_list_or_term_page(kind: &PageKind) -> bool {
    matches!(
        kind,
        PageKind::Home
            | PageKind::Article(_)
            | PageKind::Page(_)
            | PageKind::Countries
            | PageKind::Country { .. }
            | PageKind::Actors
            | PageKind::Actor { .. }
            | PageKind::Tags
            | PageKind::Tag { .. }
            | PageKind::Timeline
            | PageKind::Month { .. }
            | PageKind::CountryPrint { .. }
            | PageKind::ActorPrint { .. }
            | PageKind::ArticleList { .. }
            | PageKind::Archive
            | PageKind::Year(_)
            | PageKind::Search
            | PageKind::NotFound
            | PageKind::Feed(_)
            | PageKind::SearchWords(_)
            | PageKind::SearchDocs(_)
            | PageKind::Sitemap
            | PageKind::Robots
    )
}

/// Stands for "any template" in [`page_template`].
const ANY_TEMPLATE: &str = "*";

/// The template a page kind is rendered with (see `Renderer::render`).
fn page_template(kind: &PageKind) -> Option<&'static str> {
    Some(match kind {
        PageKind::Home => "index.html",
        PageKind::Article(_) => "article.html",
        PageKind::Page(_) => "page.html",
        PageKind::Countries => "countries.html",
        PageKind::Country { .. } => "country.html",
        PageKind::Actors => "actors.html",
        PageKind::Actor { .. } => "actor.html",
        PageKind::Tags => "tags.html",
        PageKind::Tag { .. } => "tag.html",
        PageKind::Timeline => "timeline.html",
        PageKind::Month { .. } => "month.html",
        PageKind::CountryPrint { .. } | PageKind::ActorPrint { .. } => "print.html",
        PageKind::ArticleList { .. } => "articles.html",
        PageKind::Archive => "archive.html",
        PageKind::Year(_) => "year.html",
        PageKind::Search => "search.html",
        PageKind::NotFound => "404.html",
        PageKind::Feed(_) => "atom.xml",
        PageKind::Sitemap => "sitemap.xml",
        PageKind::SearchWords(_) | PageKind::SearchDocs(_) | PageKind::Robots => return None,
        // A kind added since: assume it uses every template.
        #[allow(unreachable_patterns)]
        _ => ANY_TEMPLATE,
    })
}

/// The templates that use any of `changed`, directly or through others
/// (a name written in quotes in their text: extends, include, import).
/// `None` means "assume all".
fn template_users(root: &Path, changed: &BTreeSet<String>) -> Option<HashSet<String>> {
    let mut sources: HashMap<String, String> = HashMap::new();
    for file in TEMPLATES.files() {
        let name = file.path().to_string_lossy().replace('\\', "/");
        sources.insert(name, file.contents_utf8().unwrap_or_default().to_string());
    }
    let dir = root.join("templates");
    // Links and unreadable files: the full load reports them.
    for path in crate::walk::files(root, &dir, false).0 {
        let rel = path.strip_prefix(&dir).unwrap_or(&path);
        let name = rel.to_string_lossy().replace('\\', "/");
        let text = String::from_utf8(crate::walk::read(&path).ok()?).ok()?;
        sources.insert(name, text);
    }
    let mut users: HashSet<String> = changed.iter().cloned().collect();
    loop {
        let before = users.len();
        for (name, text) in &sources {
            if users.contains(name) {
                continue;
            }
            let uses = users
                .iter()
                .any(|u| text.contains(&format!("\"{u}\"")) || text.contains(&format!("'{u}'")));
            if uses {
                users.insert(name.clone());
            }
        }
        if users.len() == before {
            return Some(users);
        }
    }
}

/// Built-in static files, then the site's own over them.
fn static_files(root: &Path) -> Result<Files> {
    Ok(crate::theme::static_files(root)?
        .into_iter()
        .map(|(rel, bytes)| (rel, Arc::new(bytes)))
        .collect())
}

/// One static file as served now: the site's, else the built-in one,
/// else none (deleted).
fn static_file(root: &Path, rel: &str) -> Option<Vec<u8>> {
    // Never a link, as in the full build.
    let path = root.join("static").join(rel);
    if let Ok(bytes) =
        crate::walk::check_inside(root, &path).and_then(|()| crate::walk::read(&path))
    {
        return Some(bytes);
    }
    STATIC.get_file(rel).map(|f| f.contents().to_vec())
}

fn diff_outcome(old: &Files, new: &Files) -> Outcome {
    let changed = new.iter().filter(|(k, v)| old.get(*k) != Some(*v)).count();
    let removed = old.keys().filter(|k| !new.contains_key(*k)).count();
    Outcome {
        changed,
        removed,
        rendered: new.len(),
        css_only: false,
    }
}

/// Builds the whole site into memory as `serve` does, without the
/// live-reload script: file path -> bytes. For tests and tools.
pub fn build_in_memory(
    root: &Path,
    drafts: bool,
    base_url: &str,
) -> Result<BTreeMap<String, Vec<u8>>> {
    let root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let mut builder = Builder::new(root, drafts, base_url.to_string());
    let files = builder.full();
    if let Some((_, list)) = builder.errors.into_iter().next() {
        return Err(Error::Content(list));
    }
    Ok(files
        .into_iter()
        .map(|(k, v)| (k, v.as_ref().clone()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_site() {
        assert_eq!(safe_path("/").as_deref(), Ok(""));
        assert_eq!(safe_path("/articles/x/").as_deref(), Ok("articles/x/"));
        assert_eq!(safe_path("/caf%C3%A9/").as_deref(), Ok("café/"));
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fetc",
            "/a%5c..%5cb",
            "/a\\b",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/C:/Windows",
            "/a/./b",
            "/%zz",
            "/%00",
        ] {
            assert!(safe_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type("feed.json"), "application/json");
        assert_eq!(content_type("static/map.svg"), "image/svg+xml");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let page = inject(b"<html><body><p>x</p></body></html>");
        let text = String::from_utf8(page).unwrap_or_default();
        assert!(text.ends_with("</script></body></html>"), "{text}");
        let bare = String::from_utf8(inject(b"<p>x</p>")).unwrap_or_default();
        assert!(bare.starts_with("<p>x</p><script>"));
    }

    #[test]
    fn classifies_changes() {
        let root = Path::new("/site");
        let c = classify(
            root,
            &[
                PathBuf::from("/site/content/articles/a.md"),
                PathBuf::from("/site/content/articles/.a.md.swp"),
                PathBuf::from("/site/public/index.html"),
                PathBuf::from("/site/static/style.css"),
                PathBuf::from("/site/templates/base.html"),
            ],
        );
        assert!(!c.everything);
        assert_eq!(c.articles.len(), 1);
        assert!(c.statics.contains("style.css"));
        assert!(c.templates.contains("base.html"));
        assert!(classify(root, &[PathBuf::from("/site/site.toml")]).everything);
        assert!(classify(root, &[PathBuf::from("/site/content/actors/x.md")]).everything);
        assert!(classify(root, &[PathBuf::from("/site/public/x")]).is_empty());
    }
}
