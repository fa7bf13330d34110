//! The one place that names where the shell and the playground meet in
//! the page: the slots the playground's views are mounted in. The calls
//! themselves are the playground crate's `async` functions (split points),
//! so the compiler checks both sides of every call.

/// An element of the shell's page that the playground fills. The shell's
/// renderer marks it with [`Slot::id`] and finds it again by that id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The header's place for the connection chip.
    Connection,
    /// An endpoint page's try-it panel; carries `data-operation`.
    TryIt,
    /// The generic request page's panel.
    Generic,
}

impl Slot {
    pub const fn id(self) -> &'static str {
        match self {
            Slot::Connection => "playground-connection",
            Slot::TryIt => "playground-try-it",
            Slot::Generic => "playground-generic",
        }
    }
}

#[cfg(feature = "browser")]
mod browser {
    use super::Slot;
    use leptos::prelude::document;
    use web_sys::Element;

    impl Slot {
        /// This slot in the current page, if the page has it.
        pub fn find(self) -> Option<Element> {
            document().get_element_by_id(self.id())
        }

        /// Makes `element` this slot.
        pub fn mark(self, element: &Element) {
            element.set_id(self.id());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct() {
        let ids = [Slot::Connection.id(), Slot::TryIt.id(), Slot::Generic.id()];
        assert!(ids.iter().enumerate().all(|(i, id)| !ids[..i].contains(id)));
    }
}
