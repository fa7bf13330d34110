//! Rules for names that appear on the wire: path templates and header names.

/// The names of a path template's `{placeholders}`, in order.
pub fn path_placeholders(path: &str) -> Result<Vec<&str>, String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| format!("the path {path:?} has a `{{` that is never closed"))?;
        let name = &after[..close];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("the path {path:?} has an invalid placeholder `{{{name}}}`"));
        }
        names.push(name);
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err(format!("the path {path:?} has a `}}` without its `{{`"));
    }
    Ok(names)
}

/// RFC 9110 token characters.
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert_eq!(path_placeholders("/a/{x}/b/{y_2}").unwrap(), ["x", "y_2"]);
        assert!(path_placeholders("/a/{}").is_err());
        assert!(path_placeholders("/a/}").is_err());
    }

    #[test]
    fn header_names() {
        assert!(is_header_name("X-Request-Id"));
        assert!(!is_header_name("X Request"));
        assert!(!is_header_name(""));
        assert!(!is_header_name("Bad:Name"));
    }
}
