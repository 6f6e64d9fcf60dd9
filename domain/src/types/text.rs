use crate::error::{DomainError, Field};

/// Free text a person typed (a name, a description): trimmed, at most `max` characters, and free
/// of control characters - PostgreSQL refuses NUL outright (the API fuzzing found it answering
/// 500), and the others have no place in a name. `multiline` lets line breaks and tabs through.
pub fn clean_text(field: Field, raw: &str, max: usize, multiline: bool) -> Result<String, DomainError> {
    let text = raw.trim();
    let allowed = |c: char| !c.is_control() || (multiline && matches!(c, '\n' | '\r' | '\t'));
    if !text.chars().all(allowed) {
        return Err(DomainError::validation(field, "must not contain control characters"));
    }
    if text.chars().count() > max {
        return Err(DomainError::validation(field, format!("must be at most {max} characters")));
    }
    Ok(text.to_owned())
}

/// Trimmed, 1..=200 characters.
pub fn parse_name(raw: &str) -> Result<String, DomainError> {
    let name = clean_text(Field::Name, raw, 200, false)?;
    if name.is_empty() {
        return Err(DomainError::validation(Field::Name, "must be 1 to 200 characters"));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::clean_text;
    use crate::error::Field;

    #[test]
    fn control_characters_are_refused_and_line_breaks_only_where_allowed() {
        assert_eq!(clean_text(Field::Name, "  Mug ", 10, false).unwrap(), "Mug");
        assert!(clean_text(Field::Name, "\u{0}\u{b3}", 10, false).is_err());
        assert!(clean_text(Field::Name, "a\nb", 10, false).is_err());
        assert_eq!(clean_text(Field::Description, "a\nb", 10, true).unwrap(), "a\nb");
        assert!(clean_text(Field::Description, "a\u{0}b", 10, true).is_err());
        assert!(clean_text(Field::Name, "abcdefghijk", 10, false).is_err());
    }
}
