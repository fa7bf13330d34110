//! The whole reference: every page of `content/`, in SUMMARY order, with
//! the sidebar built from it. Loading checks everything a reader could trip
//! over — unlisted or missing pages, broken links and anchors, two operations
//! on one route — and reports each problem with its file and line.

#[cfg(feature = "markdown")]
use crate::error::ContentError;
use crate::markdown::Page;
#[cfg(feature = "markdown")]
use crate::markdown::{LinkCheck, parse_page};
use crate::operation::Operation;
use crate::schema::ObjectDef;
#[cfg(feature = "markdown")]
use crate::summary::{SummaryItem, parse_summary};

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Docs {
    pub title: String,
    /// In reading order (SUMMARY.md).
    pub pages: Vec<Page>,
    pub nav: Vec<NavSection>,
    /// Every documented object, in reading order (each also stays on its page).
    pub objects: Vec<ObjectDef>,
}

/// A ```` ```json object <Name> ```` example, checked once every object is known.
#[cfg(feature = "markdown")]
struct ObjectExample {
    file: String,
    name: String,
    line: usize,
    code: String,
}

/// A part of the sidebar; the first one (the overview) has no title.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NavSection {
    pub title: Option<String>,
    pub entries: Vec<NavEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum NavEntry {
    /// Index into `Docs::pages`, with the title SUMMARY gives it.
    Page {
        index: usize,
        title: String,
    },
    Group {
        title: String,
        pages: Vec<(usize, String)>,
    },
}

/// Files in `content/` that are not pages.
#[cfg(feature = "markdown")]
const NOT_PAGES: [&str; 2] = ["SUMMARY.md", "README.md"];

impl Docs {
    /// Builds the docs from `(path, text)` pairs such as `explorer_content::FILES`.
    #[cfg(feature = "markdown")]
    pub fn load(files: &[(&str, &str)]) -> Result<Docs, Vec<ContentError>> {
        let text_of = |path: &str| files.iter().find(|(p, _)| *p == path).map(|(_, t)| *t);
        let Some(summary_text) = text_of("SUMMARY.md") else {
            return Err(vec![ContentError::new("SUMMARY.md", 1, "content/SUMMARY.md is missing")]);
        };
        let summary = parse_summary(summary_text)?;
        let mut errors = Vec::new();
        let mut pages: Vec<Page> = Vec::new();
        let mut links: Vec<(String, LinkCheck)> = Vec::new();
        let mut object_examples: Vec<ObjectExample> = Vec::new();
        let mut index_of: Vec<(String, usize)> = Vec::new();
        // Pages that failed to parse: links to them are not reported again.
        let mut broken: Vec<&str> = Vec::new();

        for link in summary.links() {
            if index_of.iter().any(|(f, _)| *f == link.file) {
                errors.push(ContentError::new("SUMMARY.md", link.line, format!("{} is listed twice", link.file)));
                continue;
            }
            let Some(text) = text_of(&link.file) else {
                errors.push(ContentError::new("SUMMARY.md", link.line, format!("{} does not exist", link.file)));
                continue;
            };
            if crate::routes::is_api_path(&crate::routes::route_for_file(&link.file)) {
                errors.push(ContentError::new(
                    "SUMMARY.md",
                    link.line,
                    format!("{} would be served at an API address; rename the file", link.file),
                ));
                continue;
            }
            match parse_page(&link.file, text) {
                Ok((page, checks)) => {
                    links.extend(checks.links.into_iter().map(|l| (link.file.clone(), l)));
                    object_examples.extend(
                        checks.object_examples.into_iter().map(|(name, line, code)| ObjectExample {
                            file: link.file.clone(),
                            name,
                            line,
                            code,
                        }),
                    );
                    index_of.push((link.file.clone(), pages.len()));
                    pages.push(page);
                }
                Err(page_errors) => {
                    errors.extend(page_errors);
                    broken.push(link.file.as_str());
                }
            }
        }
        for (path, _) in files {
            if !NOT_PAGES.contains(path) && !summary.links().iter().any(|l| l.file == *path) {
                errors.push(ContentError::new(
                    path,
                    1,
                    "this page is not listed in SUMMARY.md, so no reader can reach it",
                ));
            }
        }
        check_links(&pages, &links, &broken, &mut errors);
        check_operations(&pages, &mut errors);
        let objects = check_objects(&pages, &mut errors);
        if errors.is_empty() {
            check_examples(&pages, &objects, &object_examples, &mut errors);
        }

        let find = |file: &str| index_of.iter().find(|(f, _)| f == file).map(|(_, i)| *i);
        let mut nav = Vec::new();
        if !summary.prefix.is_empty() {
            let entries = summary
                .prefix
                .iter()
                .filter_map(|l| find(&l.file).map(|index| NavEntry::Page { index, title: l.title.clone() }))
                .collect();
            nav.push(NavSection { title: None, entries });
        }
        for part in &summary.parts {
            let mut entries = Vec::new();
            for item in &part.items {
                match item {
                    SummaryItem::Link(l) => {
                        if let Some(index) = find(&l.file) {
                            entries.push(NavEntry::Page { index, title: l.title.clone() });
                        }
                    }
                    SummaryItem::Group { title, links } => {
                        let group_pages: Vec<(usize, String)> =
                            links.iter().filter_map(|l| find(&l.file).map(|i| (i, l.title.clone()))).collect();
                        for (index, _) in &group_pages {
                            if let Some(op) = &pages[*index].operation
                                && op.group != *title
                            {
                                errors.push(ContentError::new(
                                    &op.file,
                                    op.line + 1,
                                    format!(
                                        "the operation's group `{}` differs from its SUMMARY.md group `{title}`",
                                        op.group
                                    ),
                                ));
                            }
                        }
                        entries.push(NavEntry::Group { title: title.clone(), pages: group_pages });
                    }
                }
            }
            nav.push(NavSection { title: Some(part.title.clone()), entries });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Docs { title: summary.title, pages, nav, objects })
    }

    /// Reads docs that `load` produced at build time (`explorer_content::DOCS`).
    pub fn from_embedded(bytes: &[u8]) -> Result<Docs, crate::codec::DecodeError> {
        crate::codec::from_bytes(bytes)
            .map_err(|why| crate::codec::DecodeError(format!("the embedded docs are corrupt: {why}")))
    }

    /// The compact form the build embeds.
    pub fn to_embedded(&self) -> Vec<u8> {
        crate::codec::to_bytes(self)
    }

    /// The page at a browser path (trailing slashes and queries ignored).
    pub fn page_at(&self, path: &str) -> Option<&Page> {
        let route = crate::routes::normalize_path(path);
        self.pages.iter().find(|p| p.route == route)
    }

    /// A documented object by name (`Resource`).
    pub fn object(&self, name: &str) -> Option<&ObjectDef> {
        self.objects.iter().find(|o| o.name == name)
    }

    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.pages.iter().filter_map(|p| p.operation.as_ref())
    }

    pub fn operation(&self, id: &str) -> Option<&Operation> {
        self.operations().find(|o| o.id == id)
    }

    /// Every scope an operation requires, in the order the docs first use
    /// them: what a token can be asked for.
    pub fn scopes(&self) -> Vec<&str> {
        let mut scopes: Vec<&str> = Vec::new();
        for scope in self.operations().filter_map(|op| op.scope.as_deref()) {
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
        scopes
    }
}

#[cfg(feature = "markdown")]
fn check_links(pages: &[Page], links: &[(String, LinkCheck)], broken: &[&str], errors: &mut Vec<ContentError>) {
    for (from, link) in links.iter().filter(|(_, l)| !broken.contains(&l.file.as_str())) {
        let Some(target) = pages.iter().find(|p| p.file == link.file) else {
            errors.push(ContentError::new(
                from,
                link.line,
                format!("the link points to {}, which is not a page", link.file),
            ));
            continue;
        };
        if let Some(anchor) = &link.anchor
            && !target.has_anchor(anchor)
        {
            errors.push(ContentError::new(
                from,
                link.line,
                format!("{} has no heading with the anchor #{anchor}", link.file),
            ));
        }
    }
}

#[cfg(feature = "markdown")]
fn check_operations(pages: &[Page], errors: &mut Vec<ContentError>) {
    let ops: Vec<&Operation> = pages.iter().filter_map(|p| p.operation.as_ref()).collect();
    for (i, op) in ops.iter().enumerate() {
        if let Some(first) = ops[..i].iter().find(|o| o.method == op.method && o.path == op.path) {
            errors.push(ContentError::new(
                &op.file,
                op.line,
                format!("{} {} is already defined in {}", op.method, op.path, first.file),
            ));
        }
        if let Some(successor) = &op.successor
            && !ops.iter().any(|o| o.id == *successor)
        {
            errors.push(ContentError::new(
                &op.file,
                op.line,
                format!("the successor `{successor}` is not an operation"),
            ));
        }
    }
}

/// Every object once, by name, and every name a response or field gives
/// defined. Returns the objects in reading order.
#[cfg(feature = "markdown")]
fn check_objects(pages: &[Page], errors: &mut Vec<ContentError>) -> Vec<ObjectDef> {
    let mut objects: Vec<ObjectDef> = Vec::new();
    for object in pages.iter().flat_map(|p| &p.objects) {
        match objects.iter().find(|o| o.name == object.name) {
            Some(first) => errors.push(ContentError::new(
                &object.file,
                object.line,
                format!("the object {} is already defined in {}:{}", object.name, first.file, first.line),
            )),
            None => objects.push(object.clone()),
        }
    }
    let known = |name: &str| objects.iter().any(|o| o.name == name);
    let unknown = |name: &str| {
        let names: Vec<&str> = objects.iter().map(|o| o.name.as_str()).collect();
        if names.is_empty() {
            format!("no object is named {name}, and the docs define none")
        } else {
            format!("no object is named {name}; the docs define {}", names.join(", "))
        }
    };
    for op in pages.iter().filter_map(|p| p.operation.as_ref()) {
        for response in &op.responses {
            if let Some(body) = &response.body
                && !known(body)
            {
                errors.push(ContentError::new(&op.file, response.line, unknown(body)));
            }
        }
        for param in op.params.iter().filter(|p| p.object.as_deref().is_some_and(|o| !known(o))) {
            errors.push(ContentError::new(&op.file, param.line, unknown(param.object.as_deref().unwrap_or_default())));
        }
    }
    for object in &objects {
        for field in object.fields.iter().filter(|f| f.object.as_deref().is_some_and(|o| !known(o))) {
            errors.push(ContentError::new(
                &object.file,
                field.line,
                unknown(field.object.as_deref().unwrap_or_default()),
            ));
        }
    }
    objects
}

/// Every JSON example, request and response, matches its schema.
#[cfg(feature = "markdown")]
fn check_examples(
    pages: &[Page],
    objects: &[ObjectDef],
    object_examples: &[ObjectExample],
    errors: &mut Vec<ContentError>,
) {
    use crate::schema::{Difference, Expect, check_example, check_value};
    let report = |file: &str, line: usize, what: String, differences: Vec<Difference>| {
        let list: Vec<String> = differences.iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
        ContentError::new(file, line, format!("{what} does not match the docs: {}", list.join("; ")))
    };
    for op in pages.iter().filter_map(|p| p.operation.as_ref()) {
        let examples = op
            .request_example
            .iter()
            .map(|e| (None, e))
            .chain(op.responses.iter().filter_map(|r| r.example.as_ref().map(|e| (Some(r.status), e))));
        for (status, example) in examples {
            let what = match status {
                None => "the request example".to_owned(),
                Some(status) => format!("the example of response {status}"),
            };
            match check_example(objects, op, status, example) {
                Ok(differences) if differences.is_empty() => {}
                Ok(differences) => errors.push(report(&op.file, example.line, what, differences)),
                Err(why) => errors.push(ContentError::new(&op.file, example.line, format!("{what}: {why}"))),
            }
        }
    }
    for example in object_examples {
        if !objects.iter().any(|o| o.name == example.name) {
            errors.push(ContentError::new(&example.file, example.line, format!("no object is named {}", example.name)));
            continue;
        }
        let Ok(value) = crate::json_text::parse(&example.code) else { continue };
        let differences = check_value(objects, Expect::Object(example.name.clone()), &value);
        if !differences.is_empty() {
            errors.push(report(&example.file, example.line, format!("the example of {}", example.name), differences));
        }
    }
}

#[cfg(all(test, feature = "markdown"))]
mod tests {
    use super::*;

    const SUMMARY: &str = "# Summary\n\n[Overview](overview.md)\n\n# Guides\n\n- [Errors](guides/errors.md)\n\n# API reference\n\n- Things\n  - [Get](reference/get-thing.md)\n";
    const OVERVIEW: &str =
        "# Overview\n\nSee [errors](guides/errors.md#not_found) and [get](reference/get-thing.md).\n";
    const ERRORS: &str = "# Errors\n\n## not_found\n\nBack to [the overview](../overview.md).\n";
    const GET: &str = "# Get a thing\n\n```operation\nid: get-thing\nmethod: GET\npath: /v1/things/{id}\nsummary: Get a thing\ngroup: Things\nauth: bearer\npath id: string\nresponse 200: The thing.\n```\n";

    fn files<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
        let mut base = vec![
            ("SUMMARY.md", SUMMARY),
            ("overview.md", OVERVIEW),
            ("guides/errors.md", ERRORS),
            ("reference/get-thing.md", GET),
        ];
        for (path, text) in overrides {
            match base.iter_mut().find(|(p, _)| p == path) {
                Some(entry) => entry.1 = text,
                None => base.push((path, text)),
            }
        }
        base
    }

    fn load_errors(overrides: &[(&str, &str)]) -> Vec<String> {
        Docs::load(&files(overrides)).err().unwrap_or_default().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn loads_pages_nav_and_routes() {
        let docs = Docs::load(&files(&[])).unwrap();
        assert_eq!(docs.pages.len(), 3);
        assert_eq!(docs.page_at("/").unwrap().title, "Overview");
        assert_eq!(docs.page_at("/errors/").unwrap().file, "guides/errors.md");
        assert_eq!(docs.page_at("/reference/get-thing").unwrap().operation.as_ref().unwrap().path, "/v1/things/{id}");
        assert!(docs.page_at("/nope").is_none());
        assert_eq!(docs.nav.len(), 3);
        assert_eq!(docs.nav[0].title, None);
        assert_eq!(docs.nav[2].entries, [NavEntry::Group { title: "Things".into(), pages: vec![(2, "Get".into())] }]);
        assert_eq!(docs.operation("get-thing").unwrap().summary, "Get a thing");
    }

    #[test]
    fn broken_links_and_anchors_are_errors() {
        let e = load_errors(&[("overview.md", "# Overview\n\n[x](guides/missing.md)\n")]);
        assert_eq!(e, ["content/overview.md:3: the link points to guides/missing.md, which is not a page"]);
        let e = load_errors(&[("overview.md", "# Overview\n\n[x](guides/errors.md#nope)\n")]);
        assert_eq!(e, ["content/overview.md:3: guides/errors.md has no heading with the anchor #nope"]);
    }

    #[test]
    fn every_file_must_be_listed_and_exist() {
        let e = load_errors(&[("guides/orphan.md", "# Orphan\n")]);
        assert_eq!(e, ["content/guides/orphan.md:1: this page is not listed in SUMMARY.md, so no reader can reach it"]);
        let summary =
            SUMMARY.replace("- [Errors](guides/errors.md)", "- [Errors](guides/errors.md)\n- [Gone](guides/gone.md)");
        let e = load_errors(&[("SUMMARY.md", &summary)]);
        assert_eq!(e, ["content/SUMMARY.md:8: guides/gone.md does not exist"]);
    }

    #[test]
    fn operations_must_be_unique_and_grouped_as_listed() {
        let e = load_errors(&[("reference/get-thing.md", &GET.replace("group: Things", "group: Stuff"))]);
        assert_eq!(
            e,
            [
                "content/reference/get-thing.md:4: the operation's group `Stuff` differs from its SUMMARY.md group `Things`"
            ]
        );
        let twin = GET.replace("id: get-thing", "id: get-twin");
        let summary = SUMMARY.to_owned() + "  - [Twin](reference/get-twin.md)\n";
        let e = load_errors(&[("SUMMARY.md", &summary), ("reference/get-twin.md", &twin)]);
        assert_eq!(
            e,
            ["content/reference/get-twin.md:3: GET /v1/things/{id} is already defined in reference/get-thing.md"]
        );
    }

    #[test]
    fn pages_cannot_take_api_addresses() {
        let summary = SUMMARY.replace("guides/errors.md", "guides/sandbox.md");
        let e = load_errors(&[("SUMMARY.md", &summary), ("guides/sandbox.md", ERRORS)]);
        assert!(
            e.contains(
                &"content/SUMMARY.md:7: guides/sandbox.md would be served at an API address; rename the file"
                    .to_owned()
            ),
            "{e:?}"
        );
    }

    #[test]
    fn page_errors_surface_with_their_lines() {
        let e = load_errors(&[("reference/get-thing.md", &GET.replace("auth: bearer", "auth: sometimes"))]);
        assert_eq!(
            e,
            ["content/reference/get-thing.md:9: unknown auth \"sometimes\": use none, optional, bearer or api-key"]
        );
    }

    #[test]
    fn objects_are_defined_once_and_every_reference_resolves() {
        let thing = "# Errors\n\n## not_found\n\n```object Thing\nid: string, required\nowner: Owner\n```\n";
        let get = GET.replace("response 200:", "response 200 Thing:");
        let e = load_errors(&[("guides/errors.md", thing), ("reference/get-thing.md", &get)]);
        assert_eq!(e, ["content/guides/errors.md:7: no object is named Owner; the docs define Thing"]);
        let get = GET.replace("response 200:", "response 200 Thng:");
        let e = load_errors(&[("reference/get-thing.md", &get)]);
        assert_eq!(e, ["content/reference/get-thing.md:11: no object is named Thng, and the docs define none"]);
        let twice = format!("{thing}\n```object Thing\nid: string\n```\n").replace("owner: Owner\n", "");
        let e = load_errors(&[("guides/errors.md", &twice)]);
        assert_eq!(e, ["content/guides/errors.md:9: the object Thing is already defined in guides/errors.md:5"]);
    }

    #[test]
    fn every_json_example_matches_its_object() {
        let thing = "# Errors\n\n## not_found\n\n```object Thing\nid: string, required, pattern ^t_\n```\n\n```json object Thing\n{\"id\": \"x\"}\n```\n";
        let get = GET.replace("response 200:", "response 200 Thing:")
            + "\n```json response 200\n{\"id\": \"t_1\", \"more\": 1}\n```\n";
        let e = load_errors(&[("guides/errors.md", thing), ("reference/get-thing.md", &get)]);
        assert_eq!(
            e,
            [
                "content/reference/get-thing.md:14: the example of response 200 does not match the docs: $.more: `more` is not a documented field of Thing",
                "content/guides/errors.md:9: the example of Thing does not match the docs: $.id: id must match the pattern ^t_; \"x\" does not",
            ]
        );
        let docs = Docs::load(&files(&[("guides/errors.md", &thing.replace("\"x\"", "\"t_x\""))])).unwrap();
        assert_eq!(docs.object("Thing").unwrap().link(), "/errors#object-thing");
    }
}
