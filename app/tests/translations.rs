//! The Korean and English files say the same things, and every message the code asks for exists:
//! a missing key would show the shopper the key itself.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const LANGS: [&str; 2] = ["ko", "en"];

/// The checkout being tested (set by cargo when the test runs; the compile-time value names the
/// checkout the binary was built from, which may be another one sharing the target directory).
fn manifest_dir() -> PathBuf {
    PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned()))
}

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The message ids of one language (lines `id = ...` at the start of a line).
fn keys_of(lang: &str) -> BTreeSet<String> {
    let mut files = Vec::new();
    files_under(&manifest_dir().join("locales").join(lang), "ftl", &mut files);
    assert!(!files.is_empty(), "no .ftl files for {lang}");
    let mut keys = BTreeSet::new();
    for file in files {
        for line in std::fs::read_to_string(&file).unwrap().lines() {
            if let Some((id, _)) = line.split_once(" =")
                && !id.is_empty()
                && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                assert!(keys.insert(id.to_owned()), "{id} is defined twice in {lang}");
            }
        }
    }
    keys
}

fn is_key(s: &str) -> bool {
    s.contains('-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The keys the code names: first arguments of `t`, `ta`, `say`, `say_with`, `text`, `text_with`,
/// and string literals right after `=>` (the `match` arms that choose a key).
fn keys_used() -> BTreeSet<(String, String)> {
    let mut files = Vec::new();
    files_under(&manifest_dir().join("src"), "rs", &mut files);
    let mut used = BTreeSet::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let name = file.strip_prefix(manifest_dir()).unwrap().display().to_string();
        let mut rest = source.as_str();
        while let Some(at) = rest.find('"') {
            let before = rest[..at].trim_end();
            let after = &rest[at + 1..];
            let Some(end) = after.find('"') else { break };
            let literal = &after[..end];
            let called = ["t(", "ta(", "say(", "say_with(", "text(", "text_with("]
                .iter()
                .any(|f| before.ends_with(f) && !before.ends_with(&format!("_{f}")));
            if (called || before.ends_with("=>")) && is_key(literal) {
                used.insert((literal.to_owned(), name.clone()));
            }
            rest = &after[end + 1..];
        }
    }
    used
}

#[test]
fn korean_and_english_define_the_same_messages() {
    let ko = keys_of("ko");
    let en = keys_of("en");
    let only_ko: Vec<_> = ko.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&ko).collect();
    assert!(only_ko.is_empty() && only_en.is_empty(), "only in ko: {only_ko:?}; only in en: {only_en:?}");
}

#[test]
fn every_message_the_code_names_exists() {
    let used = keys_used();
    assert!(used.len() > 100, "the scan found only {} keys; is it still reading the code?", used.len());
    for lang in LANGS {
        let keys = keys_of(lang);
        let missing: Vec<_> = used.iter().filter(|(k, _)| !keys.contains(k)).collect();
        assert!(missing.is_empty(), "missing in {lang}: {missing:?}");
    }
}
