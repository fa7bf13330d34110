//! Something fetched once, on first use (the playground's chunk): whether a
//! caller may use it now, must start fetching it, or waits for the fetch
//! under way. One fetch at a time, so callers during a download share it
//! and its failure; after a failure the next caller starts again.

use std::mem;

/// Where the fetch stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadStatus {
    NotLoaded,
    Loading,
    Ready,
    /// Why the last fetch failed, in words for the page.
    Failed(String),
}

/// What a caller asking for the thing should do.
#[derive(Debug, PartialEq, Eq)]
pub enum Ask<W> {
    /// It is ready: use it now.
    Now(W),
    /// Start the fetch; the caller waits for it with any others.
    Start,
    /// A fetch is under way; the caller waits for it.
    Wait,
}

/// The status and the callers waiting for the fetch under way.
#[derive(Debug)]
pub struct Load<W> {
    status: LoadStatus,
    waiting: Vec<W>,
}

impl<W> Default for Load<W> {
    fn default() -> Self {
        Self { status: LoadStatus::NotLoaded, waiting: Vec::new() }
    }
}

impl<W> Load<W> {
    pub fn status(&self) -> &LoadStatus {
        &self.status
    }

    /// A caller wants the thing; `waiter` is what it does with it.
    pub fn ask(&mut self, waiter: W) -> Ask<W> {
        match self.status {
            LoadStatus::Ready => Ask::Now(waiter),
            LoadStatus::Loading => {
                self.waiting.push(waiter);
                Ask::Wait
            }
            LoadStatus::NotLoaded | LoadStatus::Failed(_) => {
                self.waiting.push(waiter);
                self.status = LoadStatus::Loading;
                Ask::Start
            }
        }
    }

    /// The fetch ended. On success, the waiting callers to run, in the order
    /// they asked; on failure none: they are dropped, and the reader asks
    /// again.
    pub fn finish(&mut self, result: Result<(), String>) -> Vec<W> {
        let waiting = mem::take(&mut self.waiting);
        match result {
            Ok(()) => {
                self.status = LoadStatus::Ready;
                waiting
            }
            Err(why) => {
                self.status = LoadStatus::Failed(why);
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_caller_starts_the_others_wait_and_all_run_in_order() {
        let mut load = Load::default();
        assert_eq!(load.status(), &LoadStatus::NotLoaded);
        assert_eq!(load.ask("try it"), Ask::Start);
        assert_eq!(load.status(), &LoadStatus::Loading);
        assert_eq!(load.ask("paste"), Ask::Wait);
        assert_eq!(load.ask("history"), Ask::Wait);
        assert_eq!(load.finish(Ok(())), vec!["try it", "paste", "history"]);
        assert_eq!(load.status(), &LoadStatus::Ready);
        assert_eq!(load.ask("share"), Ask::Now("share"));
        assert_eq!(load.finish(Ok(())), Vec::<&str>::new(), "nothing waits once ready");
    }

    #[test]
    fn a_failure_drops_the_waiting_and_the_next_caller_starts_again() {
        let mut load = Load::default();
        assert_eq!(load.ask(1), Ask::Start);
        assert_eq!(load.ask(2), Ask::Wait);
        assert_eq!(load.finish(Err("the download failed".to_owned())), Vec::<i32>::new());
        assert_eq!(load.status(), &LoadStatus::Failed("the download failed".to_owned()));
        assert_eq!(load.ask(3), Ask::Start, "one new fetch for the next use");
        assert_eq!(load.ask(4), Ask::Wait);
        assert_eq!(load.finish(Ok(())), vec![3, 4], "the callers of the failed fetch are not run");
    }
}
