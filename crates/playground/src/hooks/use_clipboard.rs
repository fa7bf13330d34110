//! Copies text and says so for a moment.

use leptos::prelude::*;

/// `(copied, copy)`: `copy.run(text)` writes to the clipboard; `copied`
/// is true for 1.5 s afterwards.
pub fn use_clipboard() -> (ReadSignal<bool>, Callback<String>) {
    let (copied, set_copied) = signal(false);
    let copy = Callback::new(move |text: String| {
        let _ = window().navigator().clipboard().write_text(&text);
        set_copied.set(true);
        set_timeout(move || set_copied.try_set(false).map_or((), |_| ()), std::time::Duration::from_millis(1500));
    });
    (copied, copy)
}
