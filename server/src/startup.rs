//! Building the application: database, migrations, demo data, the router, the listener. Tests
//! build it on port 0 and talk to it over HTTP.
use std::sync::Arc;

use app::{App, shell};
use axum::Router;
use axum::routing::get;
use domain::OrderFacade;
use domain::status::Role;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use migration::MigratorTrait;
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::health;
use crate::state::AppState;

pub type StartError = Box<dyn std::error::Error + Send + Sync>;

pub struct Application {
    listener: TcpListener,
    router: Router,
    port: u16,
}

impl Application {
    pub async fn build(config: Config) -> Result<Self, StartError> {
        let url = &config.settings.database.url;
        // The start lock needs a connection of its own besides the ones migrating.
        let pool = config.settings.database.max_connections.max(2);
        let db = domain::db::connect_when_ready(url, pool, config.settings.database.wait).await?;
        let scheduler = Arc::new(queue::QueueScheduler::new(config.queue.clone()));
        tracing::info!(queue = config.queue.describe(), "expiry jobs are enqueued");
        let mut facade = OrderFacade::new(db.clone(), config.settings.orders.payment_ttl)
            .with_scheduler(scheduler)
            .with_placing_limit(config.settings.orders.orders_per_account_per_minute);
        if let Some(hook) = crate::gateway_hook::from_env()? {
            tracing::warn!(
                "{} is set: the test gateway runs a fault hook after each charge",
                crate::gateway_hook::VARIABLE
            );
            let gateway = domain::payment::TestGateway::new(db.clone()).with_after_charge(hook);
            facade = facade.with_gateway(Arc::new(gateway));
        }
        // Servers started together on a new database take turns: one migrates and seeds.
        domain::db::with_start_lock(&db, url, || async {
            if config.settings.server.migrate {
                migration::Migrator::up(&db, None).await?;
            }
            prepare_accounts(&facade, &config).await
        })
        .await?;

        let listener = TcpListener::bind(config.settings.server.site_addr).await?;
        let addr = listener.local_addr()?;
        let site_root = std::path::PathBuf::from(&config.settings.server.site_root);
        let bundle = crate::site::Bundle::of_this_binary(&config.settings.server.output_name);
        let missing = bundle.missing_in(&site_root);
        if !missing.is_empty() {
            let missing = missing.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
            if bundle.hashed {
                // A release binary beside a site of another build: its pages would load nothing.
                return Err(format!(
                    "the site at {} lacks {missing}, which this release server's pages name: run `make release` and set LEPTOS_SITE_ROOT to its site (target/release-site)",
                    site_root.display()
                )
                .into());
            }
            tracing::warn!(%missing, "the site lacks the hydration bundle: pages will work without JavaScript only (run `make build`)");
        }
        let leptos_options = LeptosOptions::builder()
            .output_name(Arc::<str>::from(config.settings.server.output_name.as_str()))
            .site_root(Arc::<str>::from(config.settings.server.site_root.as_str()))
            .site_pkg_dir("pkg")
            .site_addr(addr)
            .hash_files(bundle.hashed)
            .build();
        let cookie = app::cookies::SessionCookie { secure: config.settings.server.secure_cookies };
        let time_zone = app::format::ShopTimeZone(config.settings.orders.time_zone);
        let state = AppState {
            leptos_options: leptos_options.clone(),
            facade: facade.clone(),
            redis_addr: config.settings.queue.redis_url.as_deref().and_then(health::redis_addr),
            cookie,
            time_zone: config.settings.orders.time_zone,
        };
        // What every page render and server function reads: the shop, the cookie policy, the zone.
        let context = {
            let facade = facade.clone();
            let bundle = bundle.clone();
            move || {
                provide_context(facade.clone());
                provide_context(bundle.clone());
                provide_context(cookie);
                provide_context(time_zone);
            }
        };
        let (api, _) = crate::api::router();
        let routes = generate_route_list(App);
        let router = Router::new()
            .route("/healthz", get(health::healthz))
            .route("/readyz", get(health::readyz))
            .route("/lang/{code}", get(crate::language::switch))
            .route("/media/{hash}", get(crate::media::serve))
            .route("/admin/orders.csv", get(crate::order_export::csv))
            .route(
                "/admin/products/{id}/images",
                axum::routing::post(crate::image_upload::from_form)
                    .layer(axum::extract::DefaultBodyLimit::max(crate::image_upload::FORM_BODY_LIMIT)),
            )
            .merge(api)
            .merge(crate::site::routes(&site_root, &bundle))
            .leptos_routes_with_context(&state, routes, context.clone(), move || shell(leptos_options.clone()))
            .route_layer(axum::middleware::from_fn(crate::http_metrics::note_route))
            // Unknown paths render the 404 page, which needs the same context as every page.
            .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
            .layer(axum::middleware::from_fn(crate::language::middleware))
            .layer(axum::middleware::from_fn(crate::security::same_origin))
            .layer(axum::middleware::from_fn(crate::security::headers))
            .layer(axum::middleware::from_fn(crate::unread_body::middleware))
            // Inside `client_ip`, which names the address these limits count by.
            .layer(axum::middleware::from_fn({
                let server = &config.settings.server;
                let limits = Arc::new(crate::rate_limits::AddressLimits::new(
                    server.sign_ups_per_address_per_minute,
                    server.orders_per_address_per_minute,
                ));
                move |request, next| crate::rate_limits::middleware(limits.clone(), request, next)
            }))
            .layer(axum::middleware::from_fn({
                let trusted = Arc::new(config.settings.server.trusted_proxies.clone());
                move |request, next| crate::client_ip::middleware(trusted.clone(), request, next)
            }))
            // A request that takes longer than this is answered 408 instead of hanging.
            .layer(tower_http::timeout::TimeoutLayer::with_status_code(
                axum::http::StatusCode::REQUEST_TIMEOUT,
                std::time::Duration::from_secs(30),
            ))
            .layer(tower_http::catch_panic::CatchPanicLayer::custom(crate::panic_answer::answer))
            .with_state(state);
        // Past capacity a fast 503 instead of a queue (health checks and staff apart).
        let server = &config.settings.server;
        let router = crate::overload::bounded(router, server.requests_in_flight, server.staff_requests_in_flight);
        // Requests are counted and timed only when someone can read the figures (METRICS_ADDR).
        let router = if config.settings.server.metrics_addr.is_some() {
            tokio::spawn(sample_pool(db.clone()));
            router.layer(axum::middleware::from_fn(crate::http_metrics::record))
        } else {
            router
        };
        let router =
            router.layer(TraceLayer::new_for_http()).layer(axum::middleware::from_fn(crate::request_id::middleware));
        Ok(Self { port: addr.port(), listener, router })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGTERM or Ctrl-C, letting requests in flight finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        use axum::serve::ListenerExt;
        // Without TCP_NODELAY an answer written in two parts (headers, then a file's body) waits
        // for the client's delayed ACK: 40 ms per static file on a keep-alive connection.
        let listener = self.listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "could not set TCP_NODELAY on a connection");
            }
        });
        let service = self.router.into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, service).with_graceful_shutdown(process::shutdown_signal()).await
    }
}

/// The admin from `ADMIN_EMAIL`/`ADMIN_PASSWORD`, and in demo mode the demo accounts and catalog.
async fn prepare_accounts(facade: &OrderFacade, config: &Config) -> Result<(), StartError> {
    use domain::operations::seed::{DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD};
    use domain::types::{Email, Password};
    let admin = match &config.settings.server.admin {
        Some((email, password)) => Some((email.clone(), password.clone(), false)),
        None if config.settings.orders.seed_demo_data => {
            Some((Email::parse(DEMO_ADMIN_EMAIL)?, Password::parse(DEMO_ADMIN_PASSWORD)?, true))
        }
        None => None,
    };
    if let Some((email, password, demo)) = admin {
        facade.accounts().ensure_user(&email, &password, Role::Admin).await?;
        if demo {
            tracing::info!(email = email.as_str(), password = DEMO_ADMIN_PASSWORD, "demo admin account");
        } else {
            tracing::info!(email = email.as_str(), "admin account from ADMIN_EMAIL");
        }
    }
    if config.settings.orders.seed_demo_data {
        let seeded = facade.operations().seed_demo_data().await?;
        tracing::info!(email = seeded.shopper_email, password = seeded.shopper_password, "demo shopper account");
    }
    Ok(())
}

/// The pool gauges, every few seconds, for the life of the process.
async fn sample_pool(db: sea_orm::DatabaseConnection) {
    let mut ticker = tokio::time::interval(process::metrics::SAMPLE_EVERY);
    loop {
        ticker.tick().await;
        domain::metrics::record_pool(&db);
    }
}
