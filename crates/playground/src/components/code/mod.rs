//! Highlighted code, as classified text runs (never markup).

use explorer_core::highlight::{Token, highlight};
use leptos::prelude::*;

pub fn highlighted(lang: &str, code: &str) -> impl IntoView + use<> {
    highlight(lang, code)
        .into_iter()
        .map(|(token, text)| match token {
            Token::Plain => text.to_owned().into_any(),
            token => view! { <span class=token.class()>{text.to_owned()}</span> }.into_any(),
        })
        .collect_view()
}
