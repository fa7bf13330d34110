//! A compact binary form of the docs model, and of shared requests.
//!
//! The markdown is parsed once, at build time, and the browser receives the
//! result in this form. Parsing in the browser would ship pulldown-cmark and
//! its HTML entity table too: about 50 KB of the 200 KB gzip budget. Share
//! links and the stored history use the same form (behind their own
//! version prefix, see `share`). Lengths and integers are LEB128, enums a
//! tag byte; decoding checks every length against what is left, so hostile
//! input is an error, never a panic or a huge allocation.

use crate::docs::{Docs, NavEntry, NavSection};
use crate::markdown::*;
use crate::operation::*;
use crate::request::Draft;
use crate::share::{HistoryEntry, SharedRequest, Target};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub &'static str);

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the embedded docs are corrupt: {}", self.0)
    }
}

pub trait Encode {
    fn encode(&self, out: &mut Vec<u8>);
}

pub trait Decode: Sized {
    fn decode(input: &mut Reader<'_>) -> Result<Self, DecodeError>;
}

pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, DecodeError> {
        let (&first, rest) = self.bytes.split_first().ok_or(DecodeError("unexpected end"))?;
        self.bytes = rest;
        Ok(first)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if n > self.bytes.len() {
            return Err(DecodeError("a length runs past the end"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn varint(&mut self) -> Result<u64, DecodeError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(DecodeError("an integer is too long"))
    }
}

/// Encodes a value into a fresh buffer.
pub fn to_bytes<T: Encode>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    value.encode(&mut out);
    out
}

/// Decodes a value that must use all of `bytes`.
pub fn from_bytes<T: Decode>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut reader = Reader { bytes };
    let value = T::decode(&mut reader)?;
    if reader.bytes.is_empty() { Ok(value) } else { Err(DecodeError("bytes left over")) }
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

impl Encode for u64 {
    fn encode(&self, out: &mut Vec<u8>) {
        put_varint(out, *self);
    }
}
impl Decode for u64 {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.varint()
    }
}

macro_rules! narrow_int {
    ($($t:ty),*) => {$(
        impl Encode for $t {
            fn encode(&self, out: &mut Vec<u8>) {
                put_varint(out, *self as u64);
            }
        }
        impl Decode for $t {
            fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                <$t>::try_from(r.varint()?).map_err(|_| DecodeError("an integer is out of range"))
            }
        }
    )*};
}
narrow_int!(u8, u16, u32, usize);

/// Zigzag, so that small negative numbers stay short.
impl Encode for i64 {
    fn encode(&self, out: &mut Vec<u8>) {
        put_varint(out, ((self << 1) ^ (self >> 63)) as u64);
    }
}
impl Decode for i64 {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let z = r.varint()?;
        Ok(((z >> 1) as i64) ^ -((z & 1) as i64))
    }
}

impl Encode for bool {
    fn encode(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
}
impl Decode for bool {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(DecodeError("a flag is neither 0 nor 1")),
        }
    }
}

impl Encode for f64 {
    fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}
impl Decode for f64 {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let bytes: [u8; 8] = r.take(8)?.try_into().map_err(|_| DecodeError("short float"))?;
        Ok(f64::from_le_bytes(bytes))
    }
}

impl Encode for String {
    fn encode(&self, out: &mut Vec<u8>) {
        put_varint(out, self.len() as u64);
        out.extend_from_slice(self.as_bytes());
    }
}
impl Decode for String {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let len = usize::decode(r)?;
        let bytes = r.take(len)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| DecodeError("a string is not UTF-8"))
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        put_varint(out, self.len() as u64);
        for item in self {
            item.encode(out);
        }
    }
}
impl<T: Decode> Decode for Vec<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let len = usize::decode(r)?;
        // Every item takes at least one byte: refuse lengths the input cannot hold.
        if len > r.bytes.len() {
            return Err(DecodeError("a list is longer than the input"));
        }
        (0..len).map(|_| T::decode(r)).collect()
    }
}

impl<T: Encode> Encode for Option<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.encode(out);
            }
        }
    }
}
impl<T: Decode> Decode for Option<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        match r.byte()? {
            0 => Ok(None),
            1 => Ok(Some(T::decode(r)?)),
            _ => Err(DecodeError("an option tag is neither 0 nor 1")),
        }
    }
}

impl<A: Encode, B: Encode> Encode for (A, B) {
    fn encode(&self, out: &mut Vec<u8>) {
        self.0.encode(out);
        self.1.encode(out);
    }
}
impl<A: Decode, B: Decode> Decode for (A, B) {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok((A::decode(r)?, B::decode(r)?))
    }
}

/// Field-by-field codec for a struct.
macro_rules! record {
    ($t:ident { $($field:ident),* $(,)? }) => {
        impl Encode for $t {
            fn encode(&self, out: &mut Vec<u8>) {
                $(self.$field.encode(out);)*
            }
        }
        impl Decode for $t {
            fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                Ok($t { $($field: Decode::decode(r)?),* })
            }
        }
    };
}

/// Codec for a field-less enum, by variant position.
macro_rules! unit_enum {
    ($t:ident [$($variant:ident),* $(,)?]) => {
        impl Encode for $t {
            fn encode(&self, out: &mut Vec<u8>) {
                const ALL: &[$t] = &[$($t::$variant),*];
                out.push(ALL.iter().position(|v| v == self).expect("listed") as u8);
            }
        }
        impl Decode for $t {
            fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                const ALL: &[$t] = &[$($t::$variant),*];
                ALL.get(usize::from(r.byte()?)).copied().ok_or(DecodeError(concat!("unknown ", stringify!($t))))
            }
        }
    };
}

record!(Docs { title, pages, nav });
record!(NavSection { title, entries });
record!(Page { file, route, title, blocks, headings, operation });
record!(HeadingRef { level, anchor, text });
record!(CodeBlock { lang, code, role });
record!(ListItem { checked, blocks });
record!(Operation {
    id,
    method,
    path,
    summary,
    group,
    auth,
    scope,
    paginated,
    streaming,
    idempotent,
    deprecated,
    sunset,
    successor,
    body_type,
    params,
    responses,
    request_example,
    file,
    line,
});
record!(Param { location, name, ty, required, nullable, default, example, constraints, description, rendered, line });
record!(Constraints { minimum, maximum, min_length, max_length, max_properties, enum_values, format, pattern, values });
record!(ResponseHeader { name, description, rendered });
record!(Example { lang, body });
record!(Response { status, description, rendered, headers, example });
record!(Draft { path, query, headers, body });
record!(SharedRequest { operation, method, url, target, api_version, draft });
record!(HistoryEntry { request, status, at_ms, duration_ms });

unit_enum!(CalloutKind [Note, Warning, HeadsUp]);
unit_enum!(Align [None, Left, Center, Right]);
unit_enum!(Method [Get, Post, Put, Patch, Delete]);
unit_enum!(Auth [None, Optional, Bearer, ApiKey]);
unit_enum!(Location [Path, Query, Header, Body]);
unit_enum!(ParamType [String, Integer, Number, Boolean, Object, Array]);
unit_enum!(Format [Uuid, DateTime, Uri]);

impl Encode for NavEntry {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            NavEntry::Page { index, title } => {
                out.push(0);
                index.encode(out);
                title.encode(out);
            }
            NavEntry::Group { title, pages } => {
                out.push(1);
                title.encode(out);
                pages.encode(out);
            }
        }
    }
}
impl Decode for NavEntry {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(match r.byte()? {
            0 => NavEntry::Page { index: Decode::decode(r)?, title: Decode::decode(r)? },
            1 => NavEntry::Group { title: Decode::decode(r)?, pages: Decode::decode(r)? },
            _ => return Err(DecodeError("unknown NavEntry")),
        })
    }
}

impl Encode for Target {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Target::Sandbox => out.push(0),
            Target::Production => out.push(1),
            Target::Custom(url) => {
                out.push(2);
                url.encode(out);
            }
        }
    }
}
impl Decode for Target {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(match r.byte()? {
            0 => Target::Sandbox,
            1 => Target::Production,
            2 => Target::Custom(Decode::decode(r)?),
            _ => return Err(DecodeError("unknown Target")),
        })
    }
}

impl Encode for CodeRole {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            CodeRole::Plain => out.push(0),
            CodeRole::RequestExample => out.push(1),
            CodeRole::ResponseExample(status) => {
                out.push(2);
                status.encode(out);
            }
        }
    }
}
impl Decode for CodeRole {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(match r.byte()? {
            0 => CodeRole::Plain,
            1 => CodeRole::RequestExample,
            2 => CodeRole::ResponseExample(Decode::decode(r)?),
            _ => return Err(DecodeError("unknown CodeRole")),
        })
    }
}

impl Encode for LinkTarget {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            LinkTarget::Internal { route, anchor } => {
                out.push(0);
                route.encode(out);
                anchor.encode(out);
            }
            LinkTarget::Anchor(a) => {
                out.push(1);
                a.encode(out);
            }
            LinkTarget::External(url) => {
                out.push(2);
                url.encode(out);
            }
        }
    }
}
impl Decode for LinkTarget {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(match r.byte()? {
            0 => LinkTarget::Internal { route: Decode::decode(r)?, anchor: Decode::decode(r)? },
            1 => LinkTarget::Anchor(Decode::decode(r)?),
            2 => LinkTarget::External(Decode::decode(r)?),
            _ => return Err(DecodeError("unknown LinkTarget")),
        })
    }
}

impl Encode for Inline {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Inline::Text(t) => {
                out.push(0);
                t.encode(out);
            }
            Inline::Code(t) => {
                out.push(1);
                t.encode(out);
            }
            Inline::Emphasis(c) => {
                out.push(2);
                c.encode(out);
            }
            Inline::Strong(c) => {
                out.push(3);
                c.encode(out);
            }
            Inline::Strikethrough(c) => {
                out.push(4);
                c.encode(out);
            }
            Inline::Link { target, content } => {
                out.push(5);
                target.encode(out);
                content.encode(out);
            }
            Inline::SoftBreak => out.push(6),
            Inline::HardBreak => out.push(7),
        }
    }
}
impl Decode for Inline {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(match r.byte()? {
            0 => Inline::Text(Decode::decode(r)?),
            1 => Inline::Code(Decode::decode(r)?),
            2 => Inline::Emphasis(Decode::decode(r)?),
            3 => Inline::Strong(Decode::decode(r)?),
            4 => Inline::Strikethrough(Decode::decode(r)?),
            5 => Inline::Link { target: Decode::decode(r)?, content: Decode::decode(r)? },
            6 => Inline::SoftBreak,
            7 => Inline::HardBreak,
            _ => return Err(DecodeError("unknown Inline")),
        })
    }
}

impl Encode for Block {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Block::Heading { level, anchor, content } => {
                out.push(0);
                level.encode(out);
                anchor.encode(out);
                content.encode(out);
            }
            Block::Paragraph(c) => {
                out.push(1);
                c.encode(out);
            }
            Block::Code(c) => {
                out.push(2);
                c.encode(out);
            }
            Block::List { start, items } => {
                out.push(3);
                start.encode(out);
                items.encode(out);
            }
            Block::Quote(b) => {
                out.push(4);
                b.encode(out);
            }
            Block::Callout { kind, blocks } => {
                out.push(5);
                kind.encode(out);
                blocks.encode(out);
            }
            Block::Table { align, head, rows } => {
                out.push(6);
                align.encode(out);
                head.encode(out);
                rows.encode(out);
            }
            Block::Rule => out.push(7),
            Block::OperationDefinition => out.push(8),
        }
    }
}
impl Decode for Block {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(match r.byte()? {
            0 => Block::Heading { level: Decode::decode(r)?, anchor: Decode::decode(r)?, content: Decode::decode(r)? },
            1 => Block::Paragraph(Decode::decode(r)?),
            2 => Block::Code(Decode::decode(r)?),
            3 => Block::List { start: Decode::decode(r)?, items: Decode::decode(r)? },
            4 => Block::Quote(Decode::decode(r)?),
            5 => Block::Callout { kind: Decode::decode(r)?, blocks: Decode::decode(r)? },
            6 => Block::Table { align: Decode::decode(r)?, head: Decode::decode(r)?, rows: Decode::decode(r)? },
            7 => Block::Rule,
            8 => Block::OperationDefinition,
            _ => return Err(DecodeError("unknown Block")),
        })
    }
}

#[cfg(all(test, feature = "markdown"))]
mod tests {
    use super::*;

    #[test]
    fn the_real_docs_survive_a_round_trip() {
        let docs = Docs::load(explorer_content::FILES).expect("content loads");
        let bytes = to_bytes(&docs);
        let back: Docs = from_bytes(&bytes).unwrap();
        assert_eq!(back, docs);
    }

    #[test]
    fn scalars_round_trip() {
        for n in [0i64, -1, 1, i64::MIN, i64::MAX, 1_764_547_200_000] {
            assert_eq!(from_bytes::<i64>(&to_bytes(&n)), Ok(n));
        }
        let value = (vec![0u64, 127, 128, u64::MAX], (Some(-1.5f64), (String::from("é\u{0}"), None::<bool>)));
        type Nested = (Vec<u64>, (Option<f64>, (String, Option<bool>)));
        let back: Nested = from_bytes(&to_bytes(&value)).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn corrupt_input_is_an_error_not_a_panic() {
        let docs = Docs::load(explorer_content::FILES).expect("content loads");
        let bytes = to_bytes(&docs);
        for cut in [0, 1, bytes.len() / 3, bytes.len() - 1] {
            assert!(from_bytes::<Docs>(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert_eq!(from_bytes::<Docs>(&extra), Err(DecodeError("bytes left over")));
        assert!(from_bytes::<Vec<String>>(&[0xff, 0xff, 0xff, 0xff, 0x0f]).is_err());
        assert!(from_bytes::<Block>(&[42]).is_err());
    }
}
