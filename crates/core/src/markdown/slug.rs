//! Heading anchors. One rule everywhere (pages, search, links, the
//! sandbox's `doc_url`): lowercase, spaces become `-`, and only letters,
//! digits, `-` and `_` are kept.

/// The anchor of a heading's text.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// Hands out anchors that are unique within one page, GitHub style:
/// `setup`, `setup-1`, `setup-2`.
#[derive(Debug, Default)]
pub struct Slugger {
    used: Vec<String>,
}

impl Slugger {
    pub fn unique(&mut self, slug: String) -> String {
        let slug = if slug.is_empty() { "section".to_owned() } else { slug };
        let mut candidate = slug.clone();
        let mut n = 1;
        while self.used.contains(&candidate) {
            candidate = format!("{slug}-{n}");
            n += 1;
        }
        self.used.push(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Required headers"), "required-headers");
        assert_eq!(slugify("rate_limited"), "rate_limited");
        assert_eq!(slugify("What are the API rate limits?"), "what-are-the-api-rate-limits");
        assert_eq!(slugify("  Step 3 — exchange  the key "), "step-3-exchange-the-key");
        assert_eq!(slugify("`X-API-Version`"), "x-api-version");
        assert_eq!(slugify("Überblick"), "überblick");
    }

    #[test]
    fn unique_slugs() {
        let mut s = Slugger::default();
        assert_eq!(s.unique("a".into()), "a");
        assert_eq!(s.unique("a".into()), "a-1");
        assert_eq!(s.unique("a".into()), "a-2");
        assert_eq!(s.unique(String::new()), "section");
    }
}
