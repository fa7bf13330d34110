//! Checks the playground's generated JS against the bridge's list of
//! exports (`explorer_web::bridge::Export`), so that an export renamed or
//! removed on one side fails the build, naming it, instead of a click in
//! the page.

use explorer_web::bridge::Export;

/// The names of the functions `wasm-bindgen` exported in `js`.
fn exported_functions(js: &str) -> Vec<&str> {
    js.lines()
        .filter_map(|line| line.strip_prefix("export function "))
        .filter_map(|rest| rest.split('(').next())
        .map(str::trim)
        .collect()
}

/// Ok when `js` exports exactly the functions the bridge names.
pub fn check(js: &str) -> Result<(), String> {
    let exported = exported_functions(js);
    let named: Vec<&str> = Export::ALL.iter().map(|e| e.name()).collect();
    let missing: Vec<&str> = named.iter().copied().filter(|n| !exported.contains(n)).collect();
    let unnamed: Vec<&str> = exported.iter().copied().filter(|n| !named.contains(n)).collect();
    let mut problems = Vec::new();
    if !missing.is_empty() {
        problems.push(format!(
            "the playground module does not export {}, which the shell calls: export it from crates/playground/src/lib.rs or change crates/web/src/bridge.rs",
            quoted(&missing)
        ));
    }
    if !unnamed.is_empty() {
        problems.push(format!(
            "the playground module exports {}, which crates/web/src/bridge.rs does not name: add it there",
            quoted(&unnamed)
        ));
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("; ")) }
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of `wasm-bindgen --target web` output, with `skip` left out.
    fn js(skip: &str, extra: &str) -> String {
        let mut out = String::from("export class IntoUnderlyingSink {\n}\nfunction helper(a) {}\n");
        for export in Export::ALL.iter().filter(|e| e.name() != skip) {
            out.push_str(&format!("export function {}(slot, operation_id) {{\n    wasm.x();\n}}\n", export.name()));
        }
        out.push_str(extra);
        out.push_str("export { initSync, __wbg_init as default };\n");
        out
    }

    #[test]
    fn passes_when_every_export_is_there() {
        assert_eq!(check(&js("", "")), Ok(()));
    }

    #[test]
    fn names_a_missing_export() {
        let error = check(&js("mount_try_it", "")).unwrap_err();
        assert!(error.contains("does not export `mount_try_it`"), "{error}");
        assert!(!error.contains("`start`"), "{error}");
    }

    #[test]
    fn names_a_renamed_export_both_ways() {
        let error = check(&js("open_paste", "export function open_paste_dialog() {\n}\n")).unwrap_err();
        assert!(error.contains("does not export `open_paste`"), "{error}");
        assert!(error.contains("exports `open_paste_dialog`"), "{error}");
    }
}
