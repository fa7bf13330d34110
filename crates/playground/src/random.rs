//! Randomness from the browser, for idempotency keys.

use explorer_core::token::uuid_v4;
use leptos::prelude::window;

/// A fresh UUID v4 from `crypto.getRandomValues`.
pub fn uuid() -> String {
    let mut bytes = [0u8; 16];
    if let Ok(crypto) = window().crypto() {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    uuid_v4(bytes)
}
