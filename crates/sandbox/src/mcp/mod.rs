//! `/mcp`: the docs and this sandbox for AI assistants, as an MCP server
//! (the official Rust SDK, `rmcp`, over Streamable HTTP).
//!
//! Tools: `search_docs`, `get_page`, `list_operations`, `get_operation` and
//! `call_operation`; every page is also a resource. All of it comes from
//! the docs model the explorer is built from (`explorer_content::DOCS`), so
//! the answers never disagree with the pages. `call_operation` sends the
//! request to this sandbox's own router, in process, with the credential
//! from the MCP request's `Authorization` header; it is neither stored nor
//! logged.

mod call;
mod docs;

use std::sync::Arc;

use axum::Router;
use axum::http::request::Parts;
use rmcp::handler::server::{tool::Extension, wrapper::Parameters};
use rmcp::model::{
    CallToolResult, ContentBlock, Implementation, ListResourcesResult, PaginatedRequestParams,
    ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult, Resource, ResourceContents,
    ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::transport::streamable_http_server::session::never::NeverSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler, schemars, tool, tool_handler, tool_router};
use serde::Deserialize;
use serde_json::{Map, Value};

/// The service mounted at `/mcp`. `api` is the sandbox's own router, which
/// `call_operation` sends requests to. Stateless (no MCP session is kept)
/// and answering plain JSON. Against DNS rebinding and other sites' pages,
/// it answers loopback hosts only, unless `hosts` names more, and a browser
/// request only from a page of those hosts (requests without an `Origin`,
/// from MCP clients, pass).
pub fn service(api: Router, hosts: &[String]) -> StreamableHttpService<DocsServer, NeverSessionManager> {
    let mut allowed = vec!["localhost".to_owned(), "127.0.0.1".to_owned(), "::1".to_owned()];
    allowed.extend(hosts.iter().cloned());
    let origins: Vec<String> = ["http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"]
        .into_iter()
        .map(str::to_owned)
        .chain(hosts.iter().flat_map(|h| [format!("https://{h}:*"), format!("http://{h}:*")]))
        .collect();
    let config = StreamableHttpServerConfig::default()
        .with_legacy_session_mode(false)
        .with_json_response(true)
        .with_allowed_hosts(allowed)
        .with_allowed_origins(origins)
        .enforce_origin_validation();
    let api = Arc::new(api);
    StreamableHttpService::new(
        move || Ok(DocsServer { api: api.clone() }),
        NeverSessionManager::default().into(),
        config,
    )
}

#[derive(Clone)]
pub struct DocsServer {
    api: Arc<Router>,
}

#[derive(Deserialize, schemars::JsonSchema)]
struct SearchArgs {
    /// Words to look for, as in the explorer's search box.
    query: String,
    /// How many hits to return (default 10, at most 50).
    limit: Option<u32>,
}

#[derive(Deserialize, schemars::JsonSchema)]
struct RouteArgs {
    /// The page's route or address, e.g. `/errors`, `/reference/create-resource` or `/reference/create-resource.md`.
    route: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
struct OperationArgs {
    /// The operation id, e.g. `create-resource` (see list_operations).
    id: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
struct CallArgs {
    /// The operation id, e.g. `list-resources`.
    id: String,
    /// Path, query and header parameters by name, e.g. {"id": "res_8f2a", "limit": 5}.
    params: Option<Map<String, Value>>,
    /// The JSON request body, for operations that take one.
    body: Option<Value>,
}

fn text(content: String) -> CallToolResult {
    CallToolResult::success(vec![ContentBlock::text(content)])
}

/// A tool that ran but could not do what was asked: the caller (a model)
/// reads the message and can correct itself.
fn refusal(message: String) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(message)])
}

#[tool_router]
impl DocsServer {
    #[tool(
        description = "Search the Cloud API docs (pages, sections, operations, parameters, fields). Returns ranked hits with their page routes."
    )]
    async fn search_docs(&self, Parameters(args): Parameters<SearchArgs>) -> CallToolResult {
        match docs::search(&args.query, args.limit.unwrap_or(10).clamp(1, 50) as usize) {
            Ok(hits) => text(hits),
            Err(why) => refusal(why),
        }
    }

    #[tool(description = "One page of the docs as markdown, by route (see search_docs or the page resources).")]
    async fn get_page(&self, Parameters(args): Parameters<RouteArgs>) -> CallToolResult {
        match docs::page(&args.route) {
            Ok(markdown) => text(markdown),
            Err(why) => refusal(why),
        }
    }

    #[tool(description = "Every operation of the Cloud API: id, method, path, summary, credential and scope.")]
    async fn list_operations(&self) -> CallToolResult {
        text(docs::operations())
    }

    #[tool(description = "One operation in full: parameters, request body and the JSON Schema of every response body.")]
    async fn get_operation(&self, Parameters(args): Parameters<OperationArgs>) -> CallToolResult {
        match docs::operation(&args.id) {
            Ok(json) => text(json),
            Err(why) => refusal(why),
        }
    }

    #[tool(
        description = "Send an operation to this sandbox with the Authorization header of this MCP connection (an API key or a token, sent as `Authorization: Bearer …`). Returns the status, headers and body."
    )]
    async fn call_operation(
        &self,
        Parameters(args): Parameters<CallArgs>,
        Extension(parts): Extension<Parts>,
    ) -> CallToolResult {
        let credential = parts.headers.get(axum::http::header::AUTHORIZATION).cloned();
        match call::call(&self.api, &args.id, &args.params.unwrap_or_default(), args.body.as_ref(), credential).await {
            Ok(answer) => text(answer),
            Err(why) => refusal(why),
        }
    }
}

#[tool_handler]
impl ServerHandler for DocsServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_resources().enable_tools().build())
            .with_server_info(Implementation::new("cloud-api-sandbox", env!("CARGO_PKG_VERSION")))
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, McpError> {
        let resources = docs::resources()
            .into_iter()
            .map(|(uri, title, description)| {
                Resource::new(uri, title.clone()).with_description(description).with_mime_type("text/markdown")
            })
            .collect();
        Ok(ListResourcesResult::with_all_items(resources))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        let markdown = docs::resource(&request.uri).map_err(|why| McpError::resource_not_found(why, None))?;
        Ok(ReadResourceResult::new(vec![ResourceContents::text(markdown, request.uri).with_mime_type("text/markdown")])
            .into())
    }
}
