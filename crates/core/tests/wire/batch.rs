//! Checking many requests with one program run, for languages whose every
//! run costs a compile (Go, Rust): the program holds one function per
//! request, runs those named by its arguments in order, and writes
//! `wire-case N` to stderr before each, so a failure names its request.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use explorer_core::request::Secret;

use super::cases::Item;
use super::server::{CaptureServer, check, command, finish};

/// What the program writes to stderr before running case N.
pub const MARK: &str = "wire-case ";

/// A generated program, and the line on which each case's code starts.
pub struct Program {
    pub text: String,
    pub starts: Vec<usize>,
}

impl Program {
    pub fn new() -> Program {
        Program { text: String::new(), starts: Vec::new() }
    }

    /// Appends the code of the next case.
    pub fn case(&mut self, code: &str) {
        self.starts.push(self.text.lines().count() + 1);
        self.text.push_str(code);
    }

    /// The case whose code holds the first line a compiler reported in
    /// `stderr` as `file:LINE`.
    pub fn blame(&self, stderr: &str, file: &str) -> Option<usize> {
        let at = stderr.find(&format!("{file}:"))? + file.len() + 1;
        let digits: String = stderr[at..].chars().take_while(char::is_ascii_digit).collect();
        let line: usize = digits.parse().ok()?;
        self.starts.iter().rposition(|&start| start <= line)
    }
}

/// Runs a compile, failing the test with the compiler's words and the
/// snippet it blames.
pub fn compile(
    lang: &str,
    compiler: Command,
    program: &Program,
    file: &str,
    items: &[Item],
    code: &dyn Fn(&Item) -> String,
) {
    let output = finish(compiler, None, Duration::from_secs(900)).unwrap_or_else(|e| panic!("{lang}: {e}"));
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let blamed = match program.blame(&stderr, file) {
            Some(i) => format!("\nin the snippet of case {i}:\n{}\nfor {:#?}", code(&items[i]), items[i].case),
            None => String::new(),
        };
        panic!("{lang}: the snippets do not compile:\n{stderr}{blamed}");
    }
}

/// Runs `exe` once per secret mode, with the indices of that mode's items as
/// arguments (the environment differs: see `server::command`), and checks
/// every request it sent, in order.
pub fn check_all(
    lang: &str,
    server: &CaptureServer,
    items: &[Item],
    exe: &Path,
    adds: &[&str],
    code: &dyn Fn(&Item) -> String,
) {
    let fail = |i: usize, error: &str| -> ! {
        panic!("{lang}: {error}\nfor the case {:#?}\nwith the snippet:\n{}", items[i].case, code(&items[i]))
    };
    for secret in [Secret::Placeholder, Secret::Reveal] {
        let chosen: Vec<usize> = (0..items.len()).filter(|&i| items[i].case.secret == secret).collect();
        if chosen.is_empty() {
            continue;
        }
        server.drain();
        let mut run = command(exe, secret);
        run.args(chosen.iter().map(usize::to_string));
        let output = finish(run, None, Duration::from_secs(120)).unwrap_or_else(|e| panic!("{lang}: {e}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().rev().find_map(|l| l.strip_prefix(MARK)).and_then(|n| n.trim().parse().ok());
        for &i in &chosen {
            if !output.status.success() && last == Some(i) {
                fail(i, &format!("the program failed on this request:\n{stderr}"));
            }
            let got = server.next().unwrap_or_else(|e| fail(i, &format!("{e}; stderr:\n{stderr}")));
            if let Err(error) = check(&items[i].request, &items[i].base, &got, adds) {
                fail(i, &format!("{error}\nreceived {got:#?}"));
            }
        }
        if !output.status.success() {
            panic!("{lang}: the program failed ({}):\n{stderr}", output.status);
        }
    }
}

/// Runs its closure when dropped, so a failed test cleans up too.
pub struct Cleanup<F: FnMut()>(pub F);

impl<F: FnMut()> Drop for Cleanup<F> {
    fn drop(&mut self) {
        (self.0)()
    }
}
