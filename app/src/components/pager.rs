//! "Previous · Page 2 of 7 · Next" under a paged list: plain links, so paging works without
//! JavaScript and every page has its own address.
use leptos::prelude::*;

use crate::i18n::{t, ta};

/// `href(n)` is the address of page `n` (the list's other parameters kept).
#[component]
pub fn Pager(page: u64, pages: u64, href: impl Fn(u64) -> String + 'static) -> impl IntoView {
    view! {
        <nav class="pager" aria-label=t("pager-label")>
            {(page > 1).then(|| view! { <a rel="prev" href=href(page - 1)>{t("pager-previous")}</a> })}
            <span>{ta("pager-page-of", &[("page", (page as i64).into()), ("pages", (pages as i64).into())])}</span>
            {(page < pages).then(|| view! { <a rel="next" href=href(page + 1)>{t("pager-next")}</a> })}
        </nav>
    }
}
