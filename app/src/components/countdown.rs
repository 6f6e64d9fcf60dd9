//! The live countdown to an order's payment deadline. It runs in the browser only: the server
//! renders the deadline as text, and after hydration the remaining time ticks every half second.
//! Once the deadline has passed it asks the page (every 2 s) to re-read the order, which the
//! worker expires - so the page turns to "Expired" without a reload.
use std::time::Duration;

use leptos::prelude::*;
use leptos::web_sys::js_sys::Date;

use crate::i18n::{t, ta};

#[component]
pub fn Countdown(
    /// The deadline, milliseconds since the Unix epoch.
    expires_at_ms: i64,
    /// The deadline's time of day in the shop's zone ("18:32 KST"), shown before the page is
    /// hydrated and beside the countdown after.
    pay_by: String,
    /// Called every 2 s once the deadline has passed.
    on_due: Callback<()>,
) -> impl IntoView {
    let now = RwSignal::new(None::<f64>);
    let last_poll = StoredValue::new(0.0_f64);
    Effect::new(move |_| {
        let tick = move || {
            let t = Date::now();
            now.set(Some(t));
            if t >= expires_at_ms as f64 && t - last_poll.get_value() >= 2_000.0 {
                last_poll.set_value(t);
                on_due.run(());
            }
        };
        tick();
        if let Ok(handle) = set_interval_with_handle(tick, Duration::from_millis(500)) {
            on_cleanup(move || handle.clear());
        }
    });
    let text = move || match now.get() {
        None => ta("countdown-pay-by", &[("time", pay_by.as_str().into())]),
        Some(now) => {
            let left = ((expires_at_ms as f64 - now) / 1000.0).ceil() as i64;
            if left > 0 {
                let clock = format!("{}:{:02}", left / 60, left % 60);
                ta("countdown-left", &[("left", clock.into()), ("time", pay_by.as_str().into())])
            } else {
                t("countdown-up")
            }
        }
    };
    view! { <p class="countdown" role="timer" aria-live="off" data-testid="countdown">{text}</p> }
}
