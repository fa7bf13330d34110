//! The typed definition of one API operation, as declared in its markdown
//! page. Forms, validation, snippets, cURL matching and the OpenAPI export
//! are all generated from this, so it says everything a client must know.

use std::fmt;

use crate::markdown::Inline;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub const ALL: [Method; 5] = [Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Accepts any letter case, as cURL does.
    pub fn parse(text: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(text))
    }

    /// Methods whose requests carry a body by convention.
    pub fn has_body(self) -> bool {
        matches!(self, Method::Post | Method::Put | Method::Patch)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which credential an operation takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Auth {
    /// No credential is read.
    None,
    /// A credential is verified when one is sent, but none is needed.
    Optional,
    /// An API key or a bearer token.
    Bearer,
    /// An API key only (the token exchange: a token cannot mint a token).
    ApiKey,
}

impl Auth {
    pub fn as_str(self) -> &'static str {
        match self {
            Auth::None => "none",
            Auth::Optional => "optional",
            Auth::Bearer => "bearer",
            Auth::ApiKey => "api-key",
        }
    }

    pub fn requires_credential(self) -> bool {
        matches!(self, Auth::Bearer | Auth::ApiKey)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Location {
    Path,
    Query,
    Header,
    /// A top-level member of the JSON request body.
    Body,
}

impl Location {
    pub const ALL: [Location; 4] = [Location::Path, Location::Query, Location::Header, Location::Body];

    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Body => "body",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ParamType {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
}

impl ParamType {
    pub const ALL: [ParamType; 6] = [
        ParamType::String,
        ParamType::Integer,
        ParamType::Number,
        ParamType::Boolean,
        ParamType::Object,
        ParamType::Array,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Integer => "integer",
            ParamType::Number => "number",
            ParamType::Boolean => "boolean",
            ParamType::Object => "object",
            ParamType::Array => "array",
        }
    }

    pub fn is_numeric(self) -> bool {
        matches!(self, ParamType::Integer | ParamType::Number)
    }

    /// Types whose values are written as JSON text in a form.
    pub fn is_structured(self) -> bool {
        matches!(self, ParamType::Object | ParamType::Array)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    Uuid,
    DateTime,
    Uri,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Uuid, Format::DateTime, Format::Uri];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Uuid => "uuid",
            Format::DateTime => "date-time",
            Format::Uri => "uri",
        }
    }
}

/// The limits a value must respect. Only the ones that apply to the
/// parameter's type can be set; the definition parser enforces that.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Constraints {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub max_properties: Option<usize>,
    pub enum_values: Vec<String>,
    pub format: Option<Format>,
    /// Checked everywhere a value is validated (see `request::validate`).
    pub pattern: Option<String>,
    /// Type of an object's values or an array's items.
    pub values: Option<ParamType>,
}

impl Constraints {
    /// Whether a value must be checked beyond its type.
    pub fn is_empty(&self) -> bool {
        *self == Constraints { values: self.values, ..Constraints::default() }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Param {
    pub location: Location,
    pub name: String,
    pub ty: ParamType,
    pub required: bool,
    pub nullable: bool,
    /// The default as written; for structured types, JSON text.
    pub default: Option<String>,
    pub example: Option<String>,
    pub constraints: Constraints,
    /// A named object (see `crate::schema`): the value itself when `ty` is
    /// `Object` without `values`, otherwise its items or values.
    pub object: Option<String>,
    /// Inline markdown, as written.
    pub description: String,
    /// The description parsed, for display (filled in by the page parser).
    pub rendered: Vec<Inline>,
    /// Line of the declaration in its file.
    pub line: usize,
}

impl Param {
    /// The named object the value itself must be (`data: Resource`).
    pub fn is_object(&self) -> Option<&str> {
        (self.ty == ParamType::Object && self.constraints.values.is_none()).then_some(self.object.as_deref())?
    }

    /// The named object every item (array) or value (object) must be.
    pub fn items_object(&self) -> Option<&str> {
        (self.constraints.values == Some(ParamType::Object)).then_some(self.object.as_deref())?
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ResponseHeader {
    pub name: String,
    /// Sent only sometimes (`optional header` in the definition); the
    /// others are always sent with this status.
    pub optional: bool,
    pub description: String,
    pub rendered: Vec<Inline>,
}

/// An example body shown for a response or a request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Example {
    /// The fence language: `json`, `text`, `sse`.
    pub lang: String,
    pub body: String,
    /// Line of the opening fence in its file.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Response {
    pub status: u16,
    /// The named object the body is (for a stream: each event's data);
    /// `None` when the response has no body.
    pub body: Option<String>,
    /// Inline markdown, as written.
    pub description: String,
    pub rendered: Vec<Inline>,
    pub headers: Vec<ResponseHeader>,
    pub example: Option<Example>,
    /// Line of the declaration in its file.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Operation {
    /// Stable identifier, equal to the page's file stem.
    pub id: String,
    pub method: Method,
    /// Template with `{name}` placeholders, e.g. `/v1/resources/{id}`.
    pub path: String,
    pub summary: String,
    pub group: String,
    pub auth: Auth,
    pub scope: Option<String>,
    pub paginated: bool,
    pub streaming: bool,
    pub idempotent: bool,
    pub deprecated: bool,
    pub sunset: Option<String>,
    pub successor: Option<String>,
    /// Content type of the request body, when the operation takes one.
    pub body_type: Option<String>,
    pub params: Vec<Param>,
    pub responses: Vec<Response>,
    pub request_example: Option<Example>,
    /// Path of the page relative to `content/`.
    pub file: String,
    /// Line of the definition block's opening fence.
    pub line: usize,
}

impl Operation {
    pub fn params_in(&self, location: Location) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(move |p| p.location == location)
    }

    pub fn param(&self, location: Location, name: &str) -> Option<&Param> {
        self.params_in(location).find(|p| {
            // Header names are case-insensitive on the wire.
            if location == Location::Header { p.name.eq_ignore_ascii_case(name) } else { p.name == name }
        })
    }

    pub fn response(&self, status: u16) -> Option<&Response> {
        self.responses.iter().find(|r| r.status == status)
    }

    /// The first 2xx response: what success looks like.
    pub fn success(&self) -> Option<&Response> {
        self.responses.iter().find(|r| (200..300).contains(&r.status))
    }

    pub fn has_body(&self) -> bool {
        self.body_type.is_some()
    }
}
