//! Events to every instance: each commit is announced with NOTIFY, which
//! PostgreSQL delivers in commit order, and each instance relays the events
//! to its own streams, catching up per workspace after a reconnection.

use std::sync::Arc;

use tokio_postgres::NoTls;

use super::Pg;
use crate::store::events::StoredEvent;
use crate::store::{StoreError, StoreResult};

impl Pg {
    /// Starts, once, the task that hands every announced event to this
    /// instance's streams. PostgreSQL delivers notifications in commit
    /// order, and each workspace's events commit in id order.
    pub fn listen(self: &Arc<Self>) {
        use std::sync::atomic::Ordering;
        if self.listening.swap(true, Ordering::SeqCst) {
            return;
        }
        let pg = Arc::clone(self);
        tokio::spawn(async move {
            loop {
                if let Err(error) = pg.relay().await {
                    tracing::warn!(%error, "the event listener lost its connection; reconnecting");
                }
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            }
        });
    }

    async fn relay(&self) -> StoreResult<()> {
        use futures_util::StreamExt;
        let (client, mut connection) = self.settings.connect(NoTls).await?;
        let (sender, mut notifications) = tokio::sync::mpsc::unbounded_channel();
        let pump = tokio::spawn(async move {
            let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
            while let Some(message) = messages.next().await {
                match message {
                    Ok(tokio_postgres::AsyncMessage::Notification(n)) => {
                        if sender.send(n.payload().to_owned()).is_err() {
                            break;
                        }
                    }
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
        });
        client.batch_execute(&format!("LISTEN {}", self.channel)).await?;
        // Whatever was committed while this instance did not listen (a
        // reconnection) is relayed first, workspace by workspace.
        let known: Vec<(String, i64)> = self.relayed_now().into_iter().collect();
        for (workspace, last) in known {
            self.relay_after(&client, &workspace, last, i64::MAX).await?;
        }
        self.listens.send_replace(true);
        while let Some(payload) = notifications.recv().await {
            let Some((seq, workspace)) = payload.split_once(' ') else { continue };
            let Ok(seq) = seq.parse::<i64>() else { continue };
            // Events of a workspace commit in id order: relay any this
            // instance has not seen yet, up to this one.
            let last = self.relayed_now().get(workspace).copied().unwrap_or(seq - 1);
            self.relay_after(&client, workspace, last, seq).await?;
        }
        pump.abort();
        self.listens.send_replace(false);
        Err(StoreError::Postgres("the notification stream ended".to_owned()))
    }

    fn relayed_now(&self) -> std::collections::HashMap<String, i64> {
        self.relayed.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// Relays the events of `workspace` with `after < seq <= upto`, in order.
    async fn relay_after(
        &self,
        client: &tokio_postgres::Client,
        workspace: &str,
        after: i64,
        upto: i64,
    ) -> StoreResult<()> {
        if upto <= after {
            return Ok(());
        }
        let rows = client
            .query(
                "SELECT seq, type, payload FROM events WHERE workspace = $1 AND seq > $2 AND seq <= $3 ORDER BY seq",
                &[&workspace, &after, &upto],
            )
            .await?;
        for row in rows {
            let event = StoredEvent {
                seq: row.get(0),
                workspace: workspace.to_owned(),
                event_type: row.get(1),
                payload: row.get(2),
            };
            if let Ok(mut relayed) = self.relayed.lock() {
                relayed.insert(workspace.to_owned(), event.seq);
            }
            self.events.publish(Arc::new(event));
        }
        Ok(())
    }

    /// Starts the listener and waits until it listens, so that no event
    /// committed after the server starts can pass unseen.
    pub async fn listening(self: &Arc<Self>) -> StoreResult<()> {
        self.listen();
        let mut listens = self.listens.subscribe();
        let ready = listens.wait_for(|on| *on);
        match tokio::time::timeout(std::time::Duration::from_secs(10), ready).await {
            Ok(Ok(_)) => Ok(()),
            _ => Err(StoreError::Postgres("could not listen for events within 10 s".to_owned())),
        }
    }
}
