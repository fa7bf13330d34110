//! Compares a response with the docs without holding up the page: the
//! head (status, media type, headers) at once, then the body in slices of
//! at most a few milliseconds each, one browser task per slice, so that a
//! 5 MB body never blocks input or rendering.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use explorer_core::schema::{Check, Difference, ResponseCheck};
use leptos::prelude::*;
use serde_json::Value;

use crate::state::state;

/// Values compared between two looks at the clock.
const STEPS_PER_LOOK: usize = 2_000;
/// How long one slice may run before it gives the browser its turn.
const SLICE_MS: f64 = 8.0;

#[derive(Clone, Debug, PartialEq)]
pub enum CheckProgress {
    /// The body is being compared; `values` so far.
    Running { values: usize },
    /// Finished: the differences kept, and how many there are in all.
    Done { differences: Vec<Difference>, total: usize },
}

pub struct UseDocsCheckReturn {
    pub progress: ReadSignal<CheckProgress>,
}

/// Starts the comparison; it stops by itself if the view goes away first.
pub fn use_docs_check(check: ResponseCheck, body: Option<Arc<Value>>) -> UseDocsCheckReturn {
    let head = check.head;
    let (progress, set_progress) = signal(CheckProgress::Running { values: 0 });
    match (check.body, body) {
        (Some(walk), Some(value)) => {
            let cancelled = Arc::new(AtomicBool::new(false));
            let flag = cancelled.clone();
            on_cleanup(move || flag.store(true, Ordering::Relaxed));
            // After this render: the response shows before any of the walk.
            let job = Job { head, walk, value, set_progress, cancelled };
            set_timeout(move || job.slice(), Duration::ZERO);
        }
        _ => {
            let total = head.len();
            set_progress.set(CheckProgress::Done { differences: head, total });
        }
    }
    UseDocsCheckReturn { progress }
}

struct Job {
    head: Vec<Difference>,
    walk: Check,
    value: Arc<Value>,
    set_progress: WriteSignal<CheckProgress>,
    cancelled: Arc<AtomicBool>,
}

impl Job {
    fn slice(mut self) {
        if self.cancelled.load(Ordering::Relaxed) {
            return;
        }
        let objects = &state().docs.objects;
        let started = js_sys::Date::now();
        let mut done = false;
        while !done && js_sys::Date::now() - started < SLICE_MS {
            done = self.walk.run(objects, &self.value, STEPS_PER_LOOK);
        }
        if done {
            let mut differences = self.head;
            let total = differences.len() + self.walk.total();
            differences.extend(self.walk.differences().iter().cloned());
            self.set_progress.try_set(CheckProgress::Done { differences, total });
        } else {
            self.set_progress.try_set(CheckProgress::Running { values: self.walk.steps() });
            set_timeout(move || self.slice(), Duration::ZERO);
        }
    }
}
