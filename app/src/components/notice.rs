//! Messages next to the thing they concern.
use leptos::prelude::*;

use crate::error::ShopError;

/// The error of the last submission of a form, if it failed; announced to screen readers.
#[component]
pub fn ErrorNote<T>(#[prop(into)] result: Signal<Option<Result<T, ShopError>>>) -> impl IntoView
where
    T: Send + Sync + Clone + 'static,
{
    move || {
        result.with(|r| match r {
            Some(Err(e)) => Some(view! { <p class="error" role="alert">{e.message.clone()}</p> }),
            _ => None,
        })
    }
}
