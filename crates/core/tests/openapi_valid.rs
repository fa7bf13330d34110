//! The OpenAPI export of the docs is a valid OpenAPI 3.1 document, as judged
//! by a real validator: `python3 -m openapi_spec_validator <file>` from the
//! `openapi-spec-validator` package (PyPI), installed with pip when it is
//! missing. Without python3 or pip the test fails and says so: it never
//! passes without having validated.

use std::path::{Path, PathBuf};
use std::process::Command;

use explorer_core::Docs;
use explorer_core::openapi::export;

const PYTHON: &str = "python3";
const PACKAGE: &str = "openapi-spec-validator";

fn can_import() -> bool {
    match Command::new(PYTHON).args(["-c", "import openapi_spec_validator"]).output() {
        Ok(out) => out.status.success(),
        Err(error) => panic!(
            "`{PYTHON}` could not be run ({error}). It is needed to validate the OpenAPI export with {PACKAGE}; \
             install Python 3 with pip, then run the tests again."
        ),
    }
}

/// Imports the validator, installing it with pip first if needed.
fn ensure_validator() {
    if can_import() {
        return;
    }
    let install = Command::new(PYTHON)
        .args(["-m", "pip", "install", "--quiet", PACKAGE])
        .output()
        .unwrap_or_else(|error| panic!("`{PYTHON} -m pip install {PACKAGE}` could not be run: {error}"));
    assert!(
        install.status.success(),
        "`{PYTHON} -m pip install --quiet {PACKAGE}` failed ({}), so the OpenAPI export cannot be validated:\n{}{}",
        install.status,
        String::from_utf8_lossy(&install.stdout),
        String::from_utf8_lossy(&install.stderr),
    );
    assert!(can_import(), "{PACKAGE} was installed, but `import openapi_spec_validator` still fails");
}

fn temp_file(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("explorer-openapi-{}-{name}.json", std::process::id()))
}

/// Runs the validator on `path`: whether it accepted it, and what it said.
fn validate(path: &Path) -> (bool, String) {
    let out = Command::new(PYTHON)
        .args(["-m", "openapi_spec_validator"])
        .arg(path)
        .output()
        .unwrap_or_else(|error| panic!("`{PYTHON} -m openapi_spec_validator` could not be run: {error}"));
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), said)
}

#[test]
fn the_export_passes_openapi_spec_validator() {
    ensure_validator();
    let docs = Docs::load(explorer_content::FILES).expect("the docs load");
    let text = export(&docs, "http://127.0.0.1:8080");
    assert!(text.contains("\"openapi\": \"3.1.0\""), "the export declares OpenAPI 3.1");

    let path = temp_file("export");
    std::fs::write(&path, &text).expect("the export is written to a temp file");
    let (valid, said) = validate(&path);
    assert!(valid, "openapi-spec-validator rejects the export (kept at {}):\n{said}", path.display());
    assert!(said.contains("OK"), "the validator's verdict: {said}");
    let _ = std::fs::remove_file(&path);

    // The validator is no rubber stamp: the same document with one parameter
    // in an impossible location is rejected.
    let broken = text.replacen("\"in\": \"query\"", "\"in\": \"body\"", 1);
    assert_ne!(broken, text, "test setup: the export has a query parameter");
    let path = temp_file("broken");
    std::fs::write(&path, &broken).expect("the broken copy is written");
    let (valid, said) = validate(&path);
    let _ = std::fs::remove_file(&path);
    assert!(!valid, "openapi-spec-validator accepted a parameter `in: body`:\n{said}");
}
