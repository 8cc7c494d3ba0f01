//! `serve`: build the site into memory, serve it over HTTP, watch the
//! site's files and rebuild only what a change touches, and tell the
//! browser to reload over server-sent events.
//!
//! The site is never written to disk: pages live in a map from file path
//! (`articles/x/index.html`) to bytes. A rebuild renders the pages a change
//! can affect, compares their bytes with what is served, swaps in those that
//! differ and removes pages that no longer exist.
//!
//! This module keeps HTTP and server-sent events; `watch` turns file events
//! into changes, and `preview` applies them through the [`Engine`] that
//! `build` uses, whose rules (`rebuild`, each family's `affected`) decide
//! what a change redoes:
//! - an article edited in place: the pages that show it;
//! - an article added, removed, renamed, re-dated or re-filed: the index
//!   and the plan are redone, and the pages of the terms and months it is
//!   in, before and after, with the site-wide lists;
//! - a template: the pages whose template uses it;
//! - a static file: that file alone;
//! - site.toml, a profile or a page: everything.
//!
//! [`Engine`]: crate::engine::Engine

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{mpsc, Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Body as HttpBody;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tokio::sync::{broadcast, watch};

use crate::allowed_hosts::AllowedHosts;
use crate::error::{Error, Result};

mod later;
mod paths;
mod preview;
mod watching;

pub use crate::build::build_in_memory;
use later::{Later, Open};
use paths::inject;
pub use paths::{content_type, safe_path};
use preview::Preview;
use watching::{rebuild_loop, watch_site, Msg};

/// Where the browser listens for reload events.
pub const LIVERELOAD_PATH: &str = "/__livereload";

/// How long the watcher waits for a burst of file events to settle.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// Injected before `</body>` of every HTML page served (never written by
/// `build`). A `css` event swaps the stylesheets without reloading.
const LIVERELOAD_SCRIPT: &str = r#"<script>(function(){if(!window.EventSource)return;var es=new EventSource("/__livereload?page="+encodeURIComponent(location.pathname));es.addEventListener("reload",function(e){if(e.data==="css"){var links=document.querySelectorAll('link[rel="stylesheet"]');for(var i=0;i<links.length;i++){var u=links[i].href.replace(/[?&]livereload=\d+/,"");links[i].href=u+(u.indexOf("?")<0?"?":"&")+"livereload="+Date.now();}}else{location.reload();}});})();</script>"#;

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
    /// Files being rendered after a reload.
    later: Later,
    /// The files browsers show now: rendered before the reload.
    open: Arc<Open>,
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
        let mut preview = Preview::new(root.clone(), options.drafts, base_url);
        let files = preview.full();
        let pages = files.len();
        let (reload, _) = broadcast::channel(16);
        let (stop_tx, stop_rx) = watch::channel(false);
        let shared = Arc::new(Shared {
            files: RwLock::new(files),
            error: RwLock::new(preview.error_page()),
            reload,
            stop: stop_rx,
            later: Later::default(),
            open: Arc::default(),
        });
        if let Some(text) = preview.error_text() {
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
                .spawn(move || rebuild_loop(preview, rx, shared, watcher))
                .map_err(|e| Error::Usage(format!("cannot start the rebuild thread: {e}")))?
        };

        let http = serve_http(listener, &options, &shared, stop_tx.clone(), addr)?;
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
        self.shared.later.wait(None);
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

/// Starts the HTTP thread on `listener`; returns once it accepts.
fn serve_http(
    listener: TcpListener,
    options: &ServeOptions,
    shared: &Arc<Shared>,
    stop_on_signal: watch::Sender<bool>,
    addr: SocketAddr,
) -> Result<std::thread::JoinHandle<()>> {
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
        Ok(Ok(())) => Ok(http),
        Ok(Err(e)) => Err(Error::Usage(format!("cannot serve on {addr}: {e}"))),
        Err(_) => Err(Error::Usage(format!("cannot serve on {addr}"))),
    }
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

async fn livereload(State(shared): State<Arc<Shared>>, uri: Uri) -> impl IntoResponse {
    let rx = shared.reload.subscribe();
    let stop = shared.stop.clone();
    // The page this browser shows, rendered first after an edit while
    // the stream lasts.
    let page = url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .find(|(k, _)| k == "page")
        .and_then(|(_, v)| paths::safe_path(&v).ok())
        .map(|rel| shared.open.show(file_key(&rel)));
    let hello = futures_util::stream::once(async {
        Ok::<Event, std::convert::Infallible>(Event::default().event("hello").data("ready"))
    });
    let events =
        futures_util::stream::unfold((rx, stop, page), |(mut rx, mut stop, page)| async move {
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
            Some((Ok(event), (rx, stop, page)))
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
    let key = file_key(&rel);
    if shared.later.is_pending(&key) {
        let (shared, key) = (shared.clone(), key.clone());
        let _ = tokio::task::spawn_blocking(move || shared.later.wait(Some(&key))).await;
    }
    if let Some(page) = read(&shared.error).clone() {
        return html(StatusCode::INTERNAL_SERVER_ERROR, inject(page.as_bytes()));
    }
    let files = read(&shared.files);
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

/// The file served for a safe URL path: pretty URLs are `index.html`.
fn file_key(rel: &str) -> String {
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
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
