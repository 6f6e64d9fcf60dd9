use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub facade: domain::OrderFacade,
    pub redis_addr: Option<String>,
    /// How the session cookie is written (`Secure` behind TLS).
    pub cookie: app::cookies::SessionCookie,
    /// The zone the shop's days are counted in (`SHOP_TIME_ZONE`).
    pub time_zone: chrono_tz::Tz,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
