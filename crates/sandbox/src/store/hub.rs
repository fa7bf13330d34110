//! Live events, delivered per workspace: a stream is woken only by its own
//! workspace's events, and each workspace (each key) may hold a bounded
//! number of open streams.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

use super::events::StoredEvent;

/// Live events a slow stream may fall behind by before it re-reads the log.
const BUFFER: usize = 1024;

#[derive(Clone, Default)]
pub struct Hub(Arc<Mutex<HashMap<String, Channel>>>);

struct Channel {
    sender: broadcast::Sender<Arc<StoredEvent>>,
    streams: usize,
}

/// An open stream's live events; dropping it frees its place.
pub struct Subscription {
    pub receiver: broadcast::Receiver<Arc<StoredEvent>>,
    hub: Hub,
    workspace: String,
}

/// The workspace already has its maximum of open streams.
#[derive(Debug, PartialEq, Eq)]
pub struct TooManyStreams;

impl Hub {
    /// Announces a committed event to its workspace's open streams, if any.
    pub fn publish(&self, event: Arc<StoredEvent>) {
        if let Ok(channels) = self.0.lock()
            && let Some(channel) = channels.get(&event.workspace)
        {
            // No receiver left is fine: the event is in the log.
            let _ = channel.sender.send(event);
        }
    }

    /// Opens a stream on `workspace`, unless it already has `cap` of them.
    pub fn subscribe(&self, workspace: &str, cap: usize) -> Result<Subscription, TooManyStreams> {
        let mut channels = self.0.lock().map_err(|_| TooManyStreams)?;
        let channel = channels
            .entry(workspace.to_owned())
            .or_insert_with(|| Channel { sender: broadcast::channel(BUFFER).0, streams: 0 });
        if channel.streams >= cap {
            return Err(TooManyStreams);
        }
        channel.streams += 1;
        Ok(Subscription { receiver: channel.sender.subscribe(), hub: self.clone(), workspace: workspace.to_owned() })
    }

    /// Open streams of `workspace`.
    pub fn streams(&self, workspace: &str) -> usize {
        self.0.lock().ok().and_then(|c| c.get(workspace).map(|c| c.streams)).unwrap_or(0)
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Ok(mut channels) = self.hub.0.lock()
            && let Some(channel) = channels.get_mut(&self.workspace)
        {
            channel.streams -= 1;
            if channel.streams == 0 {
                channels.remove(&self.workspace);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(workspace: &str, seq: i64) -> Arc<StoredEvent> {
        Arc::new(StoredEvent {
            seq,
            workspace: workspace.into(),
            event_type: "resource.created".into(),
            payload: "{}".into(),
        })
    }

    #[test]
    fn a_stream_sees_only_its_workspace() {
        let hub = Hub::default();
        let mut a = hub.subscribe("ws_a", 5).unwrap();
        let mut b = hub.subscribe("ws_b", 5).unwrap();
        hub.publish(event("ws_b", 1));
        hub.publish(event("ws_a", 2));
        assert_eq!(a.receiver.try_recv().unwrap().seq, 2);
        assert!(a.receiver.try_recv().is_err(), "not woken by another workspace");
        assert_eq!(b.receiver.try_recv().unwrap().seq, 1);
    }

    #[test]
    fn the_cap_counts_open_streams_and_a_closed_one_frees_its_place() {
        let hub = Hub::default();
        let first = hub.subscribe("ws", 2).unwrap();
        let _second = hub.subscribe("ws", 2).unwrap();
        assert_eq!(hub.subscribe("ws", 2).err(), Some(TooManyStreams));
        assert!(hub.subscribe("other", 2).is_ok(), "per workspace");
        drop(first);
        assert_eq!(hub.streams("ws"), 1);
        assert!(hub.subscribe("ws", 2).is_ok());
    }
}
