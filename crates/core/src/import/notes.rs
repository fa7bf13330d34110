//! The notes of a cURL import, each said once, in the order first met.
//!
//! A set beside the list keeps adding linear: a paste with 50,000 distinct
//! `$VAR`s made the old "is it already there?" scan quadratic (2.8 s, on
//! every keystroke of the paste box).

use std::collections::HashSet;

#[derive(Debug, Default, Clone)]
pub(crate) struct Notes {
    list: Vec<String>,
    seen: HashSet<String>,
}

impl Notes {
    /// Adds `note` unless the same words were noted before.
    pub fn add(&mut self, note: String) {
        self.insert(self.list.len(), note);
    }

    /// Adds `note` at `index` (or last), unless noted before.
    pub fn insert(&mut self, index: usize, note: String) {
        if !self.seen.contains(&note) {
            self.seen.insert(note.clone());
            self.list.insert(index.min(self.list.len()), note);
        }
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn into_vec(self) -> Vec<String> {
        self.list
    }
}

impl From<Vec<String>> for Notes {
    fn from(notes: Vec<String>) -> Notes {
        let mut all = Notes::default();
        for note in notes {
            all.add(note);
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_dropped_and_order_is_kept() {
        let mut notes = Notes::from(vec!["b".to_owned(), "a".to_owned(), "b".to_owned()]);
        notes.add("c".into());
        notes.add("a".into());
        notes.insert(1, "d".into());
        notes.insert(0, "c".into());
        assert_eq!(notes.len(), 4);
        assert_eq!(notes.into_vec(), ["b", "d", "a", "c"]);
    }
}
