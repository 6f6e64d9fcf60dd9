use server::config::Config;

/// glibc's malloc kept the 19 MiB argon2 buffers of every sign-in (RSS grew to GiB under a burst);
/// mimalloc returns them to the system (at once: `process::allocator::tune`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use server::{Application, telemetry};

/// A failed start is one readable line (what and why) and exit status 1, not a debug dump.
#[tokio::main]
async fn main() -> std::process::ExitCode {
    process::allocator::tune();
    telemetry::init();
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), server::startup::StartError> {
    let config = Config::from_env()?;
    tracing::info!(settings = ?config.settings, "starting server");
    if let Some(addr) = config.settings.server.metrics_addr {
        let histograms = [domain::metrics::HISTOGRAMS, server::http_metrics::HISTOGRAMS].concat();
        process::metrics::install(addr, &histograms)?;
        server::http_metrics::describe();
        tracing::info!(%addr, "metrics served at /metrics");
    }
    let app = Application::build(config).await?;
    tracing::info!(port = app.port(), "listening on http://127.0.0.1:{}", app.port());
    app.run_until_stopped().await?;
    Ok(())
}
