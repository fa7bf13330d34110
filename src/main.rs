//! Browser entry point: mounts the explorer on `<body>`.

fn main() {
    // Debug builds say why they panicked (release builds abort, smaller).
    #[cfg(debug_assertions)]
    std::panic::set_hook(Box::new(|info| web_sys::console::error_1(&info.to_string().into())));
    leptos::mount::mount_to_body(explorer::App);
}
