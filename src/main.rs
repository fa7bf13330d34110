//! Browser entry point: mounts the explorer on `<body>`.

fn main() {
    leptos::mount::mount_to_body(explorer::App);
}
