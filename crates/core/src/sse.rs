//! Server-sent events, read incrementally from the chunks a streaming fetch
//! delivers (which split lines and even characters anywhere).

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Event {
    pub id: Option<String>,
    /// `message` when the stream names none.
    pub event: String,
    pub data: String,
}

#[derive(Debug, Default)]
pub struct Parser {
    pending: Vec<u8>,
    /// How much of `pending` is known to hold no line break, so that a long
    /// line arriving in many chunks is scanned once, not once per chunk.
    scanned: usize,
    /// Bytes read from or moved within `pending`, for the test that keeps
    /// the parser linear (a count of work, not a time).
    #[cfg(test)]
    work: usize,
    id: Option<String>,
    event: Option<String>,
    data: Vec<String>,
    /// The last id seen: what `Last-Event-ID` should carry on reconnect.
    pub last_id: Option<String>,
}

impl Parser {
    /// Feeds bytes; returns the events they complete.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<Event> {
        self.pending.extend_from_slice(chunk);
        let mut events = Vec::new();
        // Lines are read in place and the buffer is drained once per chunk:
        // draining line by line moves the rest of the buffer each time, which
        // is quadratic for a large chunk of short lines.
        let mut start = 0;
        let mut from = self.scanned;
        while let Some(len) = self.pending[from..].iter().position(|b| *b == b'\n') {
            let end = from + len;
            #[cfg(test)]
            {
                self.work += end + 1 - from;
            }
            let raw = &self.pending[start..end];
            let line = String::from_utf8_lossy(raw.strip_suffix(b"\r").unwrap_or(raw)).into_owned();
            start = end + 1;
            from = start;
            if let Some(event) = self.line(&line) {
                events.push(event);
            }
        }
        #[cfg(test)]
        {
            let moved = if start > 0 { self.pending.len() - start } else { 0 };
            self.work += (self.pending.len() - from) + moved;
        }
        self.pending.drain(..start);
        self.scanned = self.pending.len();
        events
    }

    fn line(&mut self, line: &str) -> Option<Event> {
        if line.is_empty() {
            if self.data.is_empty() {
                self.event = None;
                return None;
            }
            let event = Event {
                id: self.id.take(),
                event: self.event.take().unwrap_or_else(|| "message".to_owned()),
                data: std::mem::take(&mut self.data).join("\n"),
            };
            if event.id.is_some() {
                self.last_id.clone_from(&event.id);
            }
            return Some(event);
        }
        if line.starts_with(':') {
            return None; // a comment, e.g. a keep-alive
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "data" => self.data.push(value.to_owned()),
            "event" => self.event = Some(value.to_owned()),
            "id" if !value.contains('\0') => self.id = Some(value.to_owned()),
            _ => {}
        }
        None
    }
}

impl Event {
    /// The data as a person reads it: JSON indented, anything else as sent.
    pub fn readable_data(&self) -> String {
        match crate::json_text::parse(&self.data) {
            Ok(value) if self.data.trim_start().starts_with(['{', '[']) => crate::json_text::pretty(&value),
            _ => self.data.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_shown_indented_when_it_is_json() {
        let event = |data: &str| Event { id: None, event: "message".into(), data: data.into() };
        assert_eq!(
            event("{\"id\":\"evt_1\",\"n\":[1,2]}").readable_data(),
            "{\n  \"id\": \"evt_1\",\n  \"n\": [\n    1,\n    2\n  ]\n}"
        );
        assert_eq!(event("plain words").readable_data(), "plain words");
        assert_eq!(event("42").readable_data(), "42");
        assert_eq!(event("{broken").readable_data(), "{broken");
    }

    #[test]
    fn events_across_arbitrary_chunks() {
        let stream = b": keep-alive\n\nid: 7\nevent: resource.created\ndata: {\"id\":\"evt_1\",\ndata: \"x\":1}\n\nid: 8\r\ndata: plain\r\n\r\n";
        for size in 1..stream.len() {
            let mut parser = Parser::default();
            let events: Vec<Event> = stream.chunks(size).flat_map(|c| parser.push(c)).collect();
            assert_eq!(events.len(), 2, "chunk size {size}");
            assert_eq!(events[0].event, "resource.created");
            assert_eq!(events[0].id.as_deref(), Some("7"));
            assert_eq!(events[0].data, "{\"id\":\"evt_1\",\n\"x\":1}");
            assert_eq!(events[1], Event { id: Some("8".into()), event: "message".into(), data: "plain".into() });
            assert_eq!(parser.last_id.as_deref(), Some("8"));
        }
    }

    #[test]
    fn a_megabyte_chunk_of_short_lines_and_a_long_line_in_small_chunks() {
        let mut chunk = Vec::new();
        for i in 0..50_000 {
            chunk.extend_from_slice(format!("id: {i}\ndata: x\n\n").as_bytes());
        }
        let mut parser = Parser::default();
        let events = parser.push(&chunk);
        assert_eq!(events.len(), 50_000);
        // Each byte is scanned once and the rest moved once: draining line
        // by line would move about 50,000 times the chunk.
        assert!(parser.work <= 3 * chunk.len(), "{} units of work for {} bytes", parser.work, chunk.len());
        assert_eq!(parser.last_id.as_deref(), Some("49999"));
        assert!(parser.pending.is_empty());

        // One 200 KB line in 1 KB pieces: scanned once, read whole.
        let line = format!("data: {}\n\n", "y".repeat(200_000));
        let mut parser = Parser::default();
        let events: Vec<Event> = line.as_bytes().chunks(1024).flat_map(|c| parser.push(c)).collect();
        assert_eq!(events.len(), 1);
        assert!(parser.work <= 3 * line.len(), "{} units of work for {} bytes", parser.work, line.len());
        assert_eq!(events[0].data.len(), 200_000);
    }

    #[test]
    fn multibyte_characters_split_between_chunks() {
        let mut parser = Parser::default();
        let bytes = "data: é😀\n\n".as_bytes();
        let mut events = parser.push(&bytes[..7]);
        events.extend(parser.push(&bytes[7..]));
        assert_eq!(events[0].data, "é😀");
    }
}
