//! The live dashboard (`porttwin live … --http 127.0.0.1:8080`): a page served by axum on a
//! thread of its own (a single-threaded tokio runtime), its assets embedded in the binary, and
//! the twin's messages (`twin/kpi`, `twin/forecast`) pushed to it by server-sent events on
//! `/events` (each event named by its topic's last part: `kpi`, `forecast`). A browser that
//! connects first gets the latest of each, then every message as it comes. `/kpi` and
//! `/forecast` answer the latest message as JSON.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use porttwin::live::messages::{FORECAST_TOPIC, KPI_TOPIC};
use tokio::sync::broadcast;

use super::Failure;

const PAGE: &str = include_str!("../../assets/dashboard/index.html");
const SCRIPT: &str = include_str!("../../assets/dashboard/dashboard.js");
const STYLE: &str = include_str!("../../assets/dashboard/dashboard.css");

/// How many messages a slow browser may fall behind before it skips some (an assumption: a
/// minute of KPIs at 600x and a few forecasts).
const BACKLOG: usize = 256;

/// The latest messages and the stream of new ones.
pub struct Hub {
    latest: Mutex<Vec<(&'static str, String)>>,
    tx: broadcast::Sender<(&'static str, String)>,
}

/// The event name of a topic: `twin/kpi` → `kpi`.
fn event_name(topic: &str) -> &str {
    topic.rsplit('/').next().unwrap_or(topic)
}

impl Hub {
    fn new() -> Self {
        Self {
            latest: Mutex::new(Vec::new()),
            tx: broadcast::channel(BACKLOG).0,
        }
    }

    /// Keeps `text` as the latest message of `topic` and sends it to every browser connected.
    pub fn publish(&self, topic: &'static str, text: String) {
        let mut latest = self.latest.lock().expect("the hub's lock is never poisoned");
        latest.retain(|(t, _)| *t != topic);
        latest.push((topic, text.clone()));
        let _ = self.tx.send((topic, text));
    }

    fn latest(&self, topic: &str) -> Option<String> {
        let latest = self.latest.lock().expect("the hub's lock is never poisoned");
        latest.iter().find(|(t, _)| *t == topic).map(|(_, text)| text.clone())
    }
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

fn latest(hub: &Hub, topic: &str) -> Response {
    match hub.latest(topic) {
        Some(text) => ([(header::CONTENT_TYPE, "application/json")], text).into_response(),
        None => (StatusCode::NOT_FOUND, "nothing published yet\n").into_response(),
    }
}

async fn events(State(hub): State<Arc<Hub>>) -> impl IntoResponse {
    let first: Vec<(&'static str, String)> = hub.latest.lock().expect("the hub's lock is never poisoned").clone();
    let rx = hub.tx.subscribe();
    let stream = futures_util::stream::unfold((first, rx), |(mut first, mut rx)| async move {
        let (topic, text) = if first.is_empty() {
            loop {
                match rx.recv().await {
                    Ok(message) => break message,
                    Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        } else {
            first.remove(0)
        };
        let event = Event::default().event(event_name(topic)).data(text);
        Some((Ok::<_, std::convert::Infallible>(event), (first, rx)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Starts the dashboard on `address` (port 0: a free one); returns its hub and the address
/// it listens on. Fails at once when the address cannot be bound.
pub fn serve(address: &str) -> Result<(Arc<Hub>, SocketAddr), Failure> {
    let address: SocketAddr = address
        .parse()
        .map_err(|_| Failure::BadInput(format!("--http {address}: not an address like 127.0.0.1:8080")))?;
    let listener =
        std::net::TcpListener::bind(address).map_err(|e| Failure::BadInput(format!("--http {address}: cannot listen there: {e}")))?;
    let bound = listener
        .local_addr()
        .map_err(|e| Failure::RunFailed(format!("--http {address}: {e}")))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Failure::RunFailed(format!("--http {address}: {e}")))?;
    let hub = Arc::new(Hub::new());
    let app = Router::new()
        .route("/", get(|| async { asset("text/html; charset=utf-8", PAGE) }))
        .route("/dashboard.js", get(|| async { asset("text/javascript; charset=utf-8", SCRIPT) }))
        .route("/dashboard.css", get(|| async { asset("text/css; charset=utf-8", STYLE) }))
        .route("/kpi", get(|State(hub): State<Arc<Hub>>| async move { latest(&hub, KPI_TOPIC) }))
        .route(
            "/forecast",
            get(|State(hub): State<Arc<Hub>>| async move { latest(&hub, FORECAST_TOPIC) }),
        )
        .route("/events", get(events))
        .with_state(Arc::clone(&hub));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::RunFailed(format!("cannot start the dashboard's runtime: {e}")))?;
    std::thread::spawn(move || {
        runtime.block_on(async move {
            match tokio::net::TcpListener::from_std(listener) {
                Ok(listener) => {
                    if let Err(e) = axum::serve(listener, app).await {
                        eprintln!("porttwin live: the dashboard stopped: {e}");
                    }
                }
                Err(e) => eprintln!("porttwin live: the dashboard cannot listen: {e}"),
            }
        });
    });
    Ok((hub, bound))
}
