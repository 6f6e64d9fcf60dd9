//! Text that Leptos 0.8 writes into the server's HTML without escaping it, escaped here.
//!
//! Leptos escapes text in elements and attribute values, but two places are written raw on the
//! server (leptos_meta 0.8.7, tachys 0.2.19, the newest 0.8 releases):
//! - the `<title>`: leptos_meta pushes the formatted title into `<head>` as it is, so a search
//!   term or a product name holding `</title><meta http-equiv="refresh" ...>` became live markup;
//! - a `<textarea>`'s children: tachys counts `<textarea>` among the raw-text elements (with
//!   `<script>` and `<style>`), so a description holding `</textarea>` closed the box early and
//!   an admin's next save erased the text.
//!
//! Both are "escapable raw text" in HTML: the browser decodes character references in them, so
//! the escaped text reads exactly as typed. Only the server escapes: in the browser the same
//! strings become `document.title` and DOM text nodes, which are never parsed as markup, and
//! tachys does not hydrate a textarea's children, so the two builds never compare them.

/// `text` as the server must write it inside `<title>` or `<textarea>`; unchanged in the browser.
pub fn escaped_on_server(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        match html_escape::encode_text(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(escaped) => escaped,
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::escaped_on_server;

    #[test]
    fn markup_is_escaped_and_plain_text_kept() {
        assert_eq!(
            escaped_on_server("</title><meta http-equiv=\"refresh\">".into()),
            "&lt;/title&gt;&lt;meta http-equiv=\"refresh\"&gt;"
        );
        assert_eq!(escaped_on_server("a & b </textarea>".into()), "a &amp; b &lt;/textarea&gt;");
        assert_eq!(escaped_on_server("반팔 티셔츠 \"L\"".into()), "반팔 티셔츠 \"L\"");
    }
}
