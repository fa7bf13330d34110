//! `sandbox`: serve the Cloud API (and the built explorer) on one origin.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use sandbox::config::{Limits, Retention, StreamLimits};
use sandbox::{AppState, Config, DbLocation};
use tracing_subscriber::EnvFilter;

/// A real, stateful implementation of the Cloud API, for trying it out.
#[derive(Parser, Debug)]
#[command(name = "sandbox", version, about)]
struct Args {
    /// Address to listen on.
    #[arg(long, env = "SANDBOX_BIND", default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Port to listen on (0: any free port; the banner says which).
    #[arg(long, env = "PORT", default_value_t = 8080)]
    port: u16,
    /// SQLite database file (created on first start).
    #[arg(long, env = "SANDBOX_DB", default_value = "sandbox.db")]
    db: PathBuf,
    /// Keep everything in memory instead (lost on exit).
    #[arg(long, env = "SANDBOX_IN_MEMORY", conflicts_with = "db")]
    in_memory: bool,
    /// The built explorer (Trunk's dist/ folder) to serve at /.
    #[arg(long, env = "SANDBOX_STATIC_DIR")]
    static_dir: Option<PathBuf>,
    /// Origin of the explorer that error `doc_url`s link to [default: http://<bind>:<port>].
    #[arg(long, env = "SANDBOX_DOCS_BASE")]
    docs_base: Option<String>,
    /// Seconds a client has to send a whole request head (also between
    /// requests on a kept-alive connection) before it is disconnected.
    #[arg(long, env = "SANDBOX_HEADER_TIMEOUT", default_value_t = 10)]
    header_timeout: u64,
    /// Seconds from a request head to its answer before the request is
    /// abandoned with 408 request_timeout.
    #[arg(long, env = "SANDBOX_REQUEST_TIMEOUT", default_value_t = 30)]
    request_timeout: u64,
    /// Open connections at most; also kept below the process's descriptor
    /// limit. At the cap, the oldest connection that sent nothing whole yet
    /// is closed to make room.
    #[arg(long, env = "SANDBOX_MAX_CONNECTIONS", default_value_t = 10_000)]
    max_connections: usize,
    /// Days events are kept (with the resource data they carry).
    #[arg(long, env = "SANDBOX_EVENT_DAYS", default_value_t = 7)]
    event_days: u64,
    /// Events kept per workspace at most (the newest).
    #[arg(long, env = "SANDBOX_EVENTS_PER_WORKSPACE", default_value_t = 1000)]
    events_per_workspace: usize,
    /// Resources a workspace may hold (409 quota_exceeded beyond).
    #[arg(long, env = "SANDBOX_RESOURCES_PER_WORKSPACE", default_value_t = 1000)]
    resources_per_workspace: usize,
    /// Open event streams per key at most.
    #[arg(long, env = "SANDBOX_STREAMS_PER_KEY", default_value_t = 5)]
    streams_per_key: usize,
    /// Seconds an event stream lasts before it ends (clients resume with
    /// Last-Event-ID).
    #[arg(long, env = "SANDBOX_STREAM_LIFETIME", default_value_t = 3600)]
    stream_lifetime: u64,
    /// A PostgreSQL database shared by every instance given the same URL,
    /// e.g. `postgres://sandbox@db.internal/sandbox`, instead of the SQLite
    /// file. Tables are created at start.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true, conflicts_with = "in_memory")]
    database_url: Option<String>,
    /// A host name `/mcp` answers besides loopback (repeatable), e.g. the
    /// name the sandbox is reached by behind a proxy. MCP refuses other
    /// Host headers, against DNS rebinding.
    #[arg(long = "mcp-host", env = "SANDBOX_MCP_HOSTS", value_delimiter = ',')]
    mcp_hosts: Vec<String>,
    /// Print the bench-only unlimited key (seeding the database if needed) and exit.
    #[arg(long)]
    print_bench_key: bool,
}

/// `RUST_LOG`, or `info`; either way the MCP library stays at `info`, as
/// its debug lines carry whole tool results, and a result can hold a token
/// minted through `call_operation`.
fn log_filter() -> EnvFilter {
    let wanted = std::env::var("RUST_LOG").unwrap_or_else(|_| "info".to_owned());
    EnvFilter::try_new(format!("{wanted},rmcp=info")).unwrap_or_else(|_| EnvFilter::new("info,rmcp=info"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_env_filter(log_filter())
        .with_target(false)
        // Logs go to stderr, so stdout carries only the banner (and the bench key).
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("sandbox: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("sandbox: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    let addr = SocketAddr::new(args.bind, args.port);
    let mut config = Config::in_memory();
    config.db = match (args.database_url, args.in_memory) {
        (Some(url), _) => DbLocation::Postgres { url, schema: None },
        (None, true) => DbLocation::InMemory,
        (None, false) => DbLocation::File(args.db),
    };
    config.static_dir = args.static_dir;
    config.mcp_hosts = args.mcp_hosts;
    config.limits = Limits {
        max_connections: args.max_connections.max(1),
        header_timeout: Duration::from_secs(args.header_timeout.max(1)),
        request_timeout: Duration::from_secs(args.request_timeout.max(1)),
    };
    config.retention = Retention {
        event_age: Duration::from_secs(args.event_days.max(1) * 24 * 3600),
        events_per_workspace: args.events_per_workspace.max(1),
        resources_per_workspace: args.resources_per_workspace,
    };
    config.streams = StreamLimits {
        per_key: args.streams_per_key.max(1),
        lifetime: Duration::from_secs(args.stream_lifetime.max(1)),
        ..StreamLimits::default()
    };
    if let Some(dir) = &config.static_dir
        && !dir.join("index.html").is_file()
    {
        return Err(format!("--static-dir {}: no index.html there (build the explorer first)", dir.display()));
    }
    if args.print_bench_key {
        let state = AppState::new(config).map_err(|e| e.to_string())?;
        println!("{}", state.seeded_keys().unlimited);
        return Ok(());
    }
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let url = format!("http://{local}");
    config.docs_base = args.docs_base.unwrap_or_else(|| url.clone());
    let state = AppState::new(config).map_err(|e| e.to_string())?;
    state.store().start_listening().await.map_err(|e| e.to_string())?;
    println!("{}", sandbox::banner(&state, &url));
    tracing::info!(%url, "ready");
    let result = sandbox::server::serve(listener, state.clone(), sandbox::shutdown::signal(state.clone())).await;
    if let Err(e) = state.store().checkpoint() {
        tracing::warn!(error = %e, "could not checkpoint the database on exit");
    }
    tracing::info!("stopped");
    result.map_err(|e| format!("server error: {e}"))
}
