//! A product's options (`docs/domain.md`, "Product options"): up to three names, each with its
//! values, in the order the admin gave them - the order shoppers see. A variant is one choice of
//! a value for every name ([`Choice`]).
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, DomainResult, Field};

/// Option names a product may have (색상, 사이즈, 소재).
pub const MAX_OPTIONS: usize = 3;
/// Values one option may have.
pub const MAX_VALUES: usize = 50;
/// Variants a product may have: what one "generate the combinations" may create, and a table an
/// admin can still read.
pub const MAX_VARIANTS: usize = 200;
/// Characters of a name or a value.
const MAX_LABEL: usize = 50;

/// One option: its name and its values, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductOption {
    pub name: String,
    pub values: Vec<String>,
}

/// A product's options, checked: names unique, values unique within their option, none empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options(Vec<ProductOption>);

impl Options {
    pub fn parse(raw: Vec<ProductOption>) -> DomainResult<Self> {
        if raw.len() > MAX_OPTIONS {
            return Err(DomainError::validation(Field::Options, format!("at most {MAX_OPTIONS} options")));
        }
        let mut options: Vec<ProductOption> = Vec::with_capacity(raw.len());
        for o in raw {
            let name = label(&o.name)?;
            if options.iter().any(|seen| seen.name == name) {
                return Err(DomainError::validation(Field::Options, format!("option {name} is named twice")));
            }
            if o.values.is_empty() || o.values.len() > MAX_VALUES {
                return Err(DomainError::validation(
                    Field::Options,
                    format!("option {name} needs 1 to {MAX_VALUES} values"),
                ));
            }
            let mut values: Vec<String> = Vec::with_capacity(o.values.len());
            for v in &o.values {
                let v = label(v)?;
                if values.contains(&v) {
                    return Err(DomainError::validation(Field::Options, format!("value {v} of {name} is named twice")));
                }
                values.push(v);
            }
            options.push(ProductOption { name, values });
        }
        Ok(Self(options))
    }

    /// As stored on the product row (written by [`Options::to_json`], so trusted).
    pub(crate) fn stored(json: &str) -> Self {
        match serde_json::from_str(json) {
            Ok(list) => Self(list),
            Err(e) => {
                tracing::error!(error = %e, "a product's stored options do not read back");
                Self::default()
            }
        }
    }

    pub(crate) fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "[]".to_owned())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn list(&self) -> &[ProductOption] {
        &self.0
    }

    pub fn into_list(self) -> Vec<ProductOption> {
        self.0
    }

    /// The choice `chosen` (name -> value) makes: exactly these option names, each with one of
    /// its values.
    pub fn choice(&self, chosen: &BTreeMap<String, String>) -> DomainResult<Choice> {
        self.same_names(chosen)?;
        let mut values = Vec::with_capacity(self.0.len());
        for o in &self.0 {
            let v = label(&chosen[&o.name])?;
            if !o.values.contains(&v) {
                return Err(DomainError::validation(Field::Options, format!("{} has no value {v}", o.name)));
            }
            values.push((o.name.clone(), v));
        }
        Ok(Choice(values))
    }

    /// As [`Options::choice`], except that a value the option does not have yet joins the end of
    /// its values (a new colour added later). Returns whether the options grew.
    pub fn choose_growing(&mut self, chosen: &BTreeMap<String, String>) -> DomainResult<(Choice, bool)> {
        self.same_names(chosen)?;
        let mut grew = false;
        let mut values = Vec::with_capacity(self.0.len());
        for o in &mut self.0 {
            let v = label(&chosen[&o.name])?;
            if !o.values.contains(&v) {
                if o.values.len() >= MAX_VALUES {
                    return Err(DomainError::validation(
                        Field::Options,
                        format!("option {} has {MAX_VALUES} values already", o.name),
                    ));
                }
                o.values.push(v.clone());
                grew = true;
            }
            values.push((o.name.clone(), v));
        }
        Ok((Choice(values), grew))
    }

    /// Every combination of one value per option, the first option varying slowest (블랙/S,
    /// 블랙/M, ..., 화이트/S, ...); refused past [`MAX_VARIANTS`].
    pub fn combinations(&self) -> DomainResult<Vec<Choice>> {
        let count = self.0.iter().map(|o| o.values.len()).product::<usize>();
        if self.0.is_empty() || count > MAX_VARIANTS {
            return Err(DomainError::validation(
                Field::Options,
                format!("1 to {MAX_VARIANTS} combinations (these options make {count})"),
            ));
        }
        let mut all: Vec<Vec<(String, String)>> = vec![Vec::new()];
        for o in &self.0 {
            all = all
                .into_iter()
                .flat_map(|prefix| {
                    o.values.iter().map(move |v| {
                        let mut next = prefix.clone();
                        next.push((o.name.clone(), v.clone()));
                        next
                    })
                })
                .collect();
        }
        Ok(all.into_iter().map(Choice).collect())
    }

    fn same_names(&self, chosen: &BTreeMap<String, String>) -> DomainResult<()> {
        let same = chosen.len() == self.0.len() && self.0.iter().all(|o| chosen.contains_key(&o.name));
        if same {
            Ok(())
        } else {
            let names: Vec<&str> = self.0.iter().map(|o| o.name.as_str()).collect();
            Err(DomainError::validation(Field::Options, format!("a variant names exactly the options {names:?}")))
        }
    }
}

/// One value for each of a product's options, in the product's option order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice(Vec<(String, String)>);

impl Choice {
    /// What makes two variants of one product the same: the values alone (a name or value never
    /// holds a control character, so the separator cannot be typed).
    pub(crate) fn key(&self) -> String {
        self.0.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>().join("\u{1f}")
    }

    /// As shoppers read it: `블랙 / L`.
    pub fn label(&self) -> String {
        self.0.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>().join(" / ")
    }

    pub fn as_map(&self) -> BTreeMap<String, String> {
        self.0.iter().cloned().collect()
    }

    pub(crate) fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "[]".to_owned())
    }

    /// As stored on a variant or an order line (written by [`Choice::to_json`]).
    pub(crate) fn stored(json: &str) -> Self {
        match serde_json::from_str(json) {
            Ok(pairs) => Self(pairs),
            Err(e) => {
                tracing::error!(error = %e, "stored option values do not read back");
                Self(Vec::new())
            }
        }
    }
}

fn label(raw: &str) -> DomainResult<String> {
    let text = crate::types::clean_text(Field::Options, raw, MAX_LABEL, false)?;
    if text.is_empty() {
        return Err(DomainError::validation(
            Field::Options,
            format!("names and values are 1 to {MAX_LABEL} characters"),
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opt(name: &str, values: &[&str]) -> ProductOption {
        ProductOption { name: name.into(), values: values.iter().map(|v| (*v).to_owned()).collect() }
    }

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn options_are_checked_and_combined_in_order() {
        let o = Options::parse(vec![opt("색상", &["블랙", "화이트"]), opt("사이즈", &["S", "M", "L"])]).unwrap();
        let all = o.combinations().unwrap();
        assert_eq!(all.len(), 6);
        assert_eq!(all[0].label(), "블랙 / S");
        assert_eq!(all[5].label(), "화이트 / L");
        assert_eq!(o.choice(&map(&[("사이즈", "L"), ("색상", "블랙")])).unwrap().label(), "블랙 / L");
        assert!(o.choice(&map(&[("색상", "블랙")])).is_err(), "a name missing");
        assert!(o.choice(&map(&[("색상", "레드"), ("사이즈", "L")])).is_err(), "an unknown value");
        assert!(o.choice(&map(&[("색상", "블랙"), ("사이즈", "L"), ("소재", "면")])).is_err(), "a name too many");
    }

    #[test]
    fn bad_options_are_refused() {
        let four = (0..4).map(|i| opt(&format!("o{i}"), &["a"])).collect();
        assert!(Options::parse(four).is_err());
        assert!(Options::parse(vec![opt("색상", &["블랙"]), opt("색상", &["화이트"])]).is_err());
        assert!(Options::parse(vec![opt("색상", &["블랙", "블랙"])]).is_err());
        assert!(Options::parse(vec![opt("색상", &[])]).is_err());
        assert!(Options::parse(vec![opt(" ", &["a"])]).is_err());
        assert!(Options::parse(vec![opt("a\u{1f}b", &["a"])]).is_err());
        let values: Vec<String> = (0..15).map(|i| i.to_string()).collect();
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        let wide = Options::parse(vec![opt("a", &values), opt("b", &values)]).unwrap();
        assert!(wide.combinations().is_err(), "225 combinations is past the limit");
    }

    #[test]
    fn a_new_value_joins_the_end_and_stored_forms_read_back() {
        let mut o = Options::parse(vec![opt("색상", &["블랙"])]).unwrap();
        let (c, grew) = o.choose_growing(&map(&[("색상", "네이비")])).unwrap();
        assert!(grew);
        assert_eq!(o.list()[0].values, ["블랙", "네이비"]);
        assert_eq!(Options::stored(&o.to_json()), o);
        assert_eq!(Choice::stored(&c.to_json()), c);
    }
}
