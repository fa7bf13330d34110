//! The Go snippets of a batch as one program: each snippet's `main` becomes
//! `wireCaseN`, and their imports are merged (Go refuses an unused one, so
//! each snippet's own list is exactly what it uses).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use explorer_core::request::{Lang, snippet};

use super::batch::{MARK, Program, compile};
use super::cases::Item;
use super::server::command;

pub fn code(item: &Item) -> String {
    snippet(Lang::Go, &item.request, item.case.secret)
}

/// Writes and compiles the program into `dir`; returns the executable.
pub fn build(dir: &Path, items: &[Item]) -> PathBuf {
    let mut imports = BTreeSet::from(["os".to_owned(), "strconv".to_owned()]);
    let mut functions = Program::new();
    for (i, item) in items.iter().enumerate() {
        let code = code(item);
        let (head, body) = code.split_once("func main() {").expect("a Go snippet has a main");
        let quoted = head.lines().map(str::trim).filter(|l| l.starts_with('"'));
        imports.extend(quoted.map(|l| l.trim_matches('"').to_owned()));
        functions.case(&format!("func wireCase{i}() {{{body}\n"));
    }
    let list: String = imports.iter().map(|i| format!("\t\"{i}\"\n")).collect();
    let names: Vec<String> = (0..items.len()).map(|i| format!("wireCase{i}")).collect();
    let header = format!(
        "package main\n\nimport (\n{list})\n\nfunc main() {{\n\tcases := []func(){{{}}}\n\
         \tfor _, arg := range os.Args[1:] {{\n\t\ti, _ := strconv.Atoi(arg)\n\
         \t\tos.Stderr.WriteString(\"{MARK}\" + arg + \"\\n\")\n\t\tcases[i]()\n\t}}\n}}\n\n",
        names.join(", ")
    );
    // Line numbers in compiler errors count from the top of the file.
    let program = Program {
        starts: functions.starts.iter().map(|s| s + header.lines().count()).collect(),
        text: header + &functions.text,
    };
    std::fs::create_dir_all(dir).expect("a folder for the Go program");
    std::fs::write(dir.join("main.go"), &program.text).expect("write main.go");
    let exe = dir.join("wire");
    let mut go = command("go", explorer_core::request::Secret::Reveal);
    go.current_dir(dir).arg("build").arg("-o").arg(&exe).arg("main.go");
    compile("Go", go, &program, "main.go", items, &code);
    exe
}
