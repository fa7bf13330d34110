//! The bytes of a share link or a history store, before compression:
//! LEB128 lengths and integers, UTF-8 strings, a tag byte for each choice.
//! Reading never panics: every length is checked against what is left.

use crate::operation::Method;
use crate::request::Draft;

use super::{HistoryEntry, SharedRequest, Target};

#[derive(Default)]
pub(crate) struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn varint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.bytes.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.bytes.push(n as u8);
    }

    pub fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }

    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.bytes.push(0),
            Some(s) => {
                self.bytes.push(1);
                self.str(s);
            }
        }
    }

    fn pairs(&mut self, pairs: &[(String, String)]) {
        self.varint(pairs.len() as u64);
        for (name, value) in pairs {
            self.str(name);
            self.str(value);
        }
    }

    pub fn request(&mut self, r: &SharedRequest) {
        self.opt_str(r.operation.as_deref());
        let method = Method::ALL.iter().position(|m| *m == r.method).unwrap_or(0);
        self.bytes.push(method as u8);
        self.str(&r.url);
        match &r.target {
            Target::Sandbox => self.bytes.push(0),
            Target::Production => self.bytes.push(1),
            Target::Custom(url) => {
                self.bytes.push(2);
                self.str(url);
            }
        }
        self.opt_str(r.api_version.as_deref());
        self.pairs(&r.draft.path);
        self.pairs(&r.draft.query);
        self.pairs(&r.draft.headers);
        self.opt_str(r.draft.body.as_deref());
    }

    pub fn entry(&mut self, e: &HistoryEntry) {
        self.request(&e.request);
        self.varint(e.status.map_or(0, |s| u64::from(s) + 1));
        // Zigzag, so that a time before 1970 stays short and exact.
        self.varint(((e.at_ms << 1) ^ (e.at_ms >> 63)) as u64);
        self.varint(u64::from(e.duration_ms));
    }
}

pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

type Result<T> = std::result::Result<T, &'static str>;

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    fn byte(&mut self) -> Result<u8> {
        let (&first, rest) = self.bytes.split_first().ok_or("it ends too early")?;
        self.bytes = rest;
        Ok(first)
    }

    pub fn varint(&mut self) -> Result<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a number in it is too long")
    }

    /// A count of items that each take at least `min_bytes`: a count larger
    /// than what is left is refused before anything is allocated for it.
    fn count(&mut self, min_bytes: usize) -> Result<usize> {
        let n = usize::try_from(self.varint()?).map_err(|_| "a count in it is too large")?;
        if n.saturating_mul(min_bytes) > self.bytes.len() {
            return Err("a count in it runs past its end");
        }
        Ok(n)
    }

    pub fn str(&mut self) -> Result<String> {
        let len = self.count(1)?;
        let (head, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        String::from_utf8(head.to_vec()).map_err(|_| "a text in it is not UTF-8")
    }

    fn opt_str(&mut self) -> Result<Option<String>> {
        match self.byte()? {
            0 => Ok(None),
            1 => self.str().map(Some),
            _ => Err("an optional value in it has a bad tag"),
        }
    }

    fn pairs(&mut self) -> Result<Vec<(String, String)>> {
        let n = self.count(2)?;
        (0..n).map(|_| Ok((self.str()?, self.str()?))).collect()
    }

    pub fn request(&mut self) -> Result<SharedRequest> {
        let operation = self.opt_str()?;
        let method = *Method::ALL.get(usize::from(self.byte()?)).ok_or("its method is unknown")?;
        let url = self.str()?;
        let target = match self.byte()? {
            0 => Target::Sandbox,
            1 => Target::Production,
            2 => Target::Custom(self.str()?),
            _ => return Err("its environment is unknown"),
        };
        let api_version = self.opt_str()?;
        let draft = Draft { path: self.pairs()?, query: self.pairs()?, headers: self.pairs()?, body: self.opt_str()? };
        Ok(SharedRequest { operation, method, url, target, api_version, draft })
    }

    pub fn entry(&mut self) -> Result<HistoryEntry> {
        let request = self.request()?;
        let status = match self.varint()? {
            0 => None,
            n => Some(u16::try_from(n - 1).map_err(|_| "a status in it is out of range")?),
        };
        let zigzag = self.varint()?;
        let at_ms = ((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64);
        let duration_ms = u32::try_from(self.varint()?).map_err(|_| "a duration in it is out of range")?;
        Ok(HistoryEntry { request, status, at_ms, duration_ms })
    }

    pub fn entries(&mut self) -> Result<Vec<HistoryEntry>> {
        let n = self.count(12)?;
        (0..n).map(|_| self.entry()).collect()
    }
}
