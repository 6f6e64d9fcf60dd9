use server::config::Config;
use server::{Application, telemetry};

#[tokio::main]
async fn main() -> Result<(), server::startup::StartError> {
    telemetry::init();
    let config = Config::from_env()?;
    tracing::info!(?config.shop, addr = %config.site_addr, "starting server");
    let app = Application::build(config).await?;
    tracing::info!(port = app.port(), "listening on http://127.0.0.1:{}", app.port());
    app.run_until_stopped().await?;
    Ok(())
}
