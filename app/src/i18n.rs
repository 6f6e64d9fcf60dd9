//! Korean and English. The words live in Fluent files (`app/locales/{ko,en}/*.ftl`), read at
//! compile time; components translate with [`t`] in the page's language, server functions with
//! [`say`] in the language of the request they answer, so a page and the data it hydrates always
//! speak the same language.
//!
//! The language is decided once per request, at the server's edge (`server/src/language.rs`):
//! the `lang` cookie (set by the switcher), else `Accept-Language`, else Korean. The edge writes
//! its choice into the request's cookies (and the response's, when it was not there yet), so the
//! server render and every server function read one value: the cookie. The server writes it into
//! the page as `<html lang>`, which is where the hydrating page reads it.
use fluent_templates::static_loader;
use leptos::prelude::*;

static_loader! {
    pub static TRANSLATIONS = {
        locales: "./locales",
        fallback_language: "ko",
        // No Unicode isolation marks around arguments: amounts and counts are plain text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The cookie that remembers the shopper's language.
pub const LANG_COOKIE: &str = "lang";

/// A language the pages speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// The home market's language, and the default.
    #[default]
    Ko,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ko, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    /// The language's own name, as the switcher shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Ko => "한국어",
            Lang::En => "English",
        }
    }

    /// `ko`, `ko-KR`, `en`, `en-US`...; anything else is not a language the shop speaks.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ko" => Some(Lang::Ko),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The best match of an `Accept-Language` header (`en-US,en;q=0.9,ko;q=0.8`): the spoken
    /// language with the highest weight, the earlier one on a tie; Korean when none matches.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(Lang, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::parse) else { continue };
            let weight = pieces
                .find_map(|p| p.trim().strip_prefix("q=").map(|q| q.trim().parse::<f32>().unwrap_or(0.0)))
                .unwrap_or(1.0);
            if weight > 0.0 && best.is_none_or(|(_, w)| weight > w) {
                best = Some((lang, weight));
            }
        }
        best.map_or_else(Lang::default, |(lang, _)| lang)
    }

    fn id(self) -> fluent_templates::LanguageIdentifier {
        match self {
            Lang::Ko => fluent_templates::langid!("ko"),
            Lang::En => fluent_templates::langid!("en"),
        }
    }

    /// The message `key` in this language (the key itself if it is missing, which a test forbids).
    pub fn text(self, key: &str) -> String {
        self.lookup(key, None)
    }

    /// One bundle asked directly: the loader's own lookup negotiates the language again on every
    /// call (likely-subtag tables and all), a cost every text of a hydrating page paid.
    fn lookup(self, key: &str, args: Option<&Args>) -> String {
        let found = TRANSLATIONS.lookup_single_language(&self.id(), key, args);
        found
            .or_else(|_| TRANSLATIONS.lookup_single_language(&Lang::default().id(), key, args))
            .unwrap_or_else(|_| key.to_owned())
    }

    /// The message `key` with its arguments (`{ $count }`...).
    pub fn text_with(self, key: &str, args: &[(&'static str, Arg)]) -> String {
        let args: Args = args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Num(n) => fluent_templates::fluent_bundle::FluentValue::from(*n),
                    Arg::Text(s) => fluent_templates::fluent_bundle::FluentValue::from(s.clone()),
                };
                (std::borrow::Cow::Borrowed(*name), value)
            })
            .collect();
        self.lookup(key, Some(&args))
    }
}

type Args =
    std::collections::HashMap<std::borrow::Cow<'static, str>, fluent_templates::fluent_bundle::FluentValue<'static>>;

/// An argument of a message: a number selects plural forms ("1 order", "3 orders").
#[derive(Debug, Clone)]
pub enum Arg {
    Num(i64),
    Text(String),
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

/// The language of the page being rendered: the request's on the server, `<html lang>` in the
/// browser. Fixed for a page load (the switcher reloads the page), so a plain context.
pub fn lang() -> Lang {
    use_context::<PageLang>().map_or_else(Lang::default, |PageLang(lang)| lang)
}

#[derive(Debug, Clone, Copy)]
struct PageLang(Lang);

/// `t("key")`: the message in the page's language.
pub fn t(key: &str) -> String {
    lang().text(key)
}

/// `ta("key", &[("count", n.into())])`: the message with arguments in the page's language.
pub fn ta(key: &str, args: &[(&'static str, Arg)]) -> String {
    lang().text_with(key, args)
}

/// The language of the request being answered (server functions and the document shell).
#[cfg(feature = "ssr")]
pub fn request_lang() -> Lang {
    crate::request::request_cookie(LANG_COOKIE).and_then(|c| Lang::parse(&c)).unwrap_or_default()
}

/// `say("key")`: the message in the language of the request a server function answers.
#[cfg(feature = "ssr")]
pub fn say(key: &str) -> String {
    request_lang().text(key)
}

/// `say_with("key", &[...])`: [`say`] with arguments.
#[cfg(feature = "ssr")]
pub fn say_with(key: &str, args: &[(&'static str, Arg)]) -> String {
    request_lang().text_with(key, args)
}

/// Gives every component below it the page's language.
#[component]
pub fn I18nProvider(children: Children) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let lang = request_lang();
    #[cfg(not(feature = "ssr"))]
    let lang = document_lang();
    provide_context(PageLang(lang));
    children()
}

/// The language the server rendered the page in (`<html lang>`, written by `crate::shell`).
#[cfg(not(feature = "ssr"))]
pub fn document_lang() -> Lang {
    document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default()
}

/// Parses the translations and readies the page language's plural rules, so that the hydration
/// which follows in another task finds them made (the browser calls this before `hydrate`).
#[cfg(not(feature = "ssr"))]
pub fn warm_up() {
    let _ = document_lang().text_with("orders-count", &[("count", Arg::Num(1))]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_heaviest_spoken_language() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9,ko;q=0.8"), Lang::En);
        assert_eq!(Lang::from_accept_language("ko-KR,ko;q=0.9,en-US;q=0.8"), Lang::Ko);
        assert_eq!(Lang::from_accept_language("fr-FR,fr;q=0.9,en;q=0.5"), Lang::En);
        assert_eq!(Lang::from_accept_language("de;q=0.9,ko;q=0.2,en;q=0.3"), Lang::En);
        assert_eq!(Lang::from_accept_language("en;q=0, ko;q=0.1"), Lang::Ko);
    }

    #[test]
    fn no_spoken_language_means_korean() {
        assert_eq!(Lang::from_accept_language(""), Lang::Ko);
        assert_eq!(Lang::from_accept_language("fr-FR,de"), Lang::Ko);
        assert_eq!(Lang::from_accept_language("*"), Lang::Ko);
    }

    #[test]
    fn plurals_follow_each_language() {
        let orders = |lang: Lang, n: i64| lang.text_with("orders-count", &[("count", n.into())]);
        assert_eq!(orders(Lang::En, 1), "1 order");
        assert_eq!(orders(Lang::En, 3), "3 orders");
        assert_eq!(orders(Lang::Ko, 1), "주문 1건");
        assert_eq!(orders(Lang::Ko, 3), "주문 3건");
    }
}
