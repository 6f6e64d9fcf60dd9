//! Pages that keep themselves current by re-reading on a timer (the admin console, an order
//! awaiting payment).
use std::time::Duration;

use leptos::prelude::*;

/// A counter that ticks every `every` while the page is open in a browser, for pages that
/// keep themselves current by re-reading (polling is enough at a console's scale and survives
/// proxies that cut long-lived connections).
pub fn ticker(every: Duration) -> RwSignal<u32> {
    let tick = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if let Ok(handle) = set_interval_with_handle(move || tick.update(|t| *t += 1), every) {
            on_cleanup(move || handle.clear());
        }
    });
    tick
}
