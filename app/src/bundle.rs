//! The hydration bundle: the names a page gives its files, and the one script that starts it.
use std::path::{Path, PathBuf};

use leptos::prelude::*;

/// The file cargo-leptos writes beside the server binary when it hashes the bundle's names.
pub const HASH_FILE: &str = "hash.txt";

/// The names the pages give the bundle's files (inside `pkg/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// Named by content hash (release build): cacheable forever.
    pub hashed: bool,
    pub js: String,
    pub wasm: String,
    pub css: String,
}

impl Bundle {
    /// What the pages of this binary will name: hashed names when `hash.txt` lies beside it.
    pub fn of_this_binary(output_name: &str) -> Self {
        let beside = std::env::current_exe().ok().and_then(|exe| exe.parent().map(|dir| dir.join(HASH_FILE)));
        match beside.and_then(|file| std::fs::read_to_string(file).ok()) {
            Some(hashes) => Self::hashed(output_name, &hashes),
            None => Self::plain(output_name),
        }
    }

    pub fn plain(name: &str) -> Self {
        Self { hashed: false, js: format!("{name}.js"), wasm: format!("{name}.wasm"), css: format!("{name}.css") }
    }

    /// From `hash.txt`'s `js: <hash>`, `wasm: <hash>`, `css: <hash>` lines.
    pub fn hashed(name: &str, hashes: &str) -> Self {
        let hash_of = |kind: &str| {
            hashes.lines().find_map(|line| {
                let (file, hash) = line.trim().split_once(':')?;
                (file.trim() == kind).then(|| hash.trim().to_owned())
            })
        };
        let named = |kind: &str| match hash_of(kind) {
            Some(hash) => format!("{name}.{hash}.{kind}"),
            None => format!("{name}.{kind}"),
        };
        Self { hashed: true, js: named("js"), wasm: named("wasm"), css: named("css") }
    }

    /// The bundle's files missing from the site at `site_root`.
    pub fn missing_in(&self, site_root: &Path) -> Vec<PathBuf> {
        [&self.js, &self.wasm, &self.css]
            .into_iter()
            .map(|file| site_root.join("pkg").join(file))
            .filter(|path| !path.is_file())
            .collect()
    }
}

/// Starts the bundle once the page has loaded and the browser is idle (at most 2 s after the
/// load): the page's own pictures and styles are fetched first, with nothing of the bundle's
/// competing for the connection - no `modulepreload` or `preload` hints, which Lighthouse showed
/// taking the phone's bandwidth from the product picture that is the page's largest paint. Forms
/// and links work before then; they are plain HTML. One inline module script with this render's
/// nonce (the page's Content-Security-Policy admits nothing else inline).
#[component]
pub fn HydrationScript(bundle: Bundle) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    // Instantiating, warming up and hydrating run as three tasks (`next` yields to the browser
    // between them): input and painting wait for the longest task, not for their sum.
    let script = format!(
        "const next = () => new Promise(r => setTimeout(r, 0));\n\
         const start = () => import('/pkg/{js}').then(m => m.default({{module_or_path: '/pkg/{wasm}'}}).then(next).then(() => m.warm_up()).then(next).then(() => m.hydrate()));\n\
         const idle = () => ('requestIdleCallback' in window) ? requestIdleCallback(start, {{timeout: 2000}}) : setTimeout(start, 0);\n\
         if (document.readyState === 'complete') idle(); else addEventListener('load', idle, {{once: true}});",
        js = bundle.js,
        wasm = bundle.wasm,
    );
    view! { <script type="module" nonce=nonce>{script}</script> }
}

#[cfg(test)]
mod tests {
    use super::Bundle;

    #[test]
    fn hash_txt_names_the_hashed_files() {
        let b = Bundle::hashed("shop", "js: abc123\nwasm: def456\ncss: 789fff\n");
        assert_eq!(
            (b.js.as_str(), b.wasm.as_str(), b.css.as_str()),
            ("shop.abc123.js", "shop.def456.wasm", "shop.789fff.css")
        );
        assert!(b.hashed);
        assert_eq!(Bundle::plain("shop").wasm, "shop.wasm");
    }
}
