//! Projects: the same seeded three in every workspace.

use axum::Json;
use axum::extract::State;
use axum::http::Uri;

use super::{Checked, IdShape};
use crate::auth::{Auth, ProjectsRead};
use crate::clock::parse_rfc3339;
use crate::error::{Code, Problem, ProblemBody};
use crate::ids::Position;
use crate::model::{Health, Project, ProjectPage, ProjectStatus};
use crate::query::Query;
use crate::routes::resources::{LIMIT_DEFAULT, LIMIT_MAX, LIMIT_MIN};
use crate::state::AppState;

struct Seed {
    id: &'static str,
    name: &'static str,
    status: Health,
    region: &'static str,
    uptime: f64,
    created_at: &'static str,
    updated_at: &'static str,
}

/// Newest first, as listed.
const SEEDS: [Seed; 3] = [
    Seed {
        id: "proj_b71d",
        name: "analytics-batch",
        status: Health::Healthy,
        region: "ap-south-1",
        uptime: 99.95,
        created_at: "2026-01-20T10:45:00Z",
        updated_at: "2026-04-26T19:40:02Z",
    },
    Seed {
        id: "proj_3c91",
        name: "staging-api",
        status: Health::Degraded,
        region: "eu-west-1",
        uptime: 99.71,
        created_at: "2025-11-02T13:10:00Z",
        updated_at: "2026-04-27T08:05:44Z",
    },
    Seed {
        id: "proj_8f2a",
        name: "production-api",
        status: Health::Healthy,
        region: "us-east-1",
        uptime: 99.998,
        created_at: "2025-09-15T08:30:00Z",
        updated_at: "2026-04-28T14:22:09Z",
    },
];

impl Seed {
    fn position(&self) -> Position {
        Position {
            created_at: parse_rfc3339(self.created_at).unwrap_or(0),
            id: u64::from_str_radix(self.id.trim_start_matches("proj_"), 16).unwrap_or(0),
        }
    }
}

pub struct ProjectShape;

impl IdShape for ProjectShape {
    const WHAT: &'static str = "project";
    const EXAMPLE: &'static str = "proj_8f2a";
    fn accepts(id: &str) -> bool {
        id.strip_prefix("proj_").is_some_and(|rest| {
            (1..=32).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
    }
}

type ProjectId = Checked<ProjectShape>;

/// List projects
///
/// The projects this workspace can see, newest first, cursor-paginated like resources.
#[utoipa::path(
    get,
    path = "/v1/projects",
    operation_id = "list-projects",
    tag = "Projects",
    params(
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 100, description = "How many projects one page holds (1–100, default 20)."),
        ("cursor" = Option<String>, Query, pattern = "^[A-Za-z0-9_-]{22}$", description = "The `next_cursor` of the previous page."),
    ),
    responses(
        (status = 200, description = "A page of projects, newest first.", body = ProjectPage),
        (status = 400, description = "`limit` out of range, an invalid cursor, an unknown query parameter or a bad `X-API-Version`.", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("api_key" = ["projects:read"]), ("bearer" = ["projects:read"]))
)]
pub async fn list(_auth: Auth<ProjectsRead>, uri: Uri) -> Result<Json<ProjectPage>, Problem> {
    let query = Query::parse(&uri, &["limit", "cursor"])?;
    let limit = query.integer("limit", LIMIT_MIN, LIMIT_MAX, LIMIT_DEFAULT)? as usize;
    let after = query
        .get("cursor")
        .map(|c| {
            Position::decode(c).ok_or_else(|| {
                Problem::new(
                    Code::InvalidCursor,
                    "`cursor` is not a cursor this API issued; pass back a `next_cursor` unchanged.",
                )
                .param("cursor")
            })
        })
        .transpose()?;
    let mut remaining = SEEDS.iter().filter(|s| {
        after.is_none_or(|a| {
            let p = s.position();
            (p.created_at, p.id) < (a.created_at, a.id)
        })
    });
    let page: Vec<&Seed> = remaining.by_ref().take(limit).collect();
    let has_more = remaining.next().is_some();
    let next_cursor = if has_more { page.last().map(|s| s.position().encode()) } else { None };
    Ok(Json(ProjectPage {
        data: page
            .into_iter()
            .map(|s| Project {
                id: s.id.to_owned(),
                name: s.name.to_owned(),
                region: s.region.to_owned(),
                created_at: s.created_at.to_owned(),
            })
            .collect(),
        next_cursor,
        has_more,
    }))
}

/// Get a project's status
#[utoipa::path(
    get,
    path = "/v2/projects/{id}/status",
    operation_id = "get-project-status",
    tag = "Projects",
    params(("id" = String, Path, pattern = "^proj_[a-z0-9]{1,32}$", description = "The project id, e.g. `proj_8f2a`.")),
    responses(
        (status = 200, description = "The project's current health.", body = ProjectStatus),
        (status = 400, description = "A malformed `id`, a query parameter or a bad `X-API-Version`.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 404, description = "No project with this id.", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("api_key" = ["projects:read"]), ("bearer" = ["projects:read"]))
)]
pub async fn status(
    State(_state): State<AppState>,
    _auth: Auth<ProjectsRead>,
    ProjectId { 0: id, .. }: ProjectId,
    uri: Uri,
) -> Result<Json<ProjectStatus>, Problem> {
    Query::parse(&uri, &[])?;
    SEEDS
        .iter()
        .find(|s| s.id == id)
        .map(|s| {
            Json(ProjectStatus {
                id: s.id.to_owned(),
                name: s.name.to_owned(),
                status: s.status,
                region: s.region.to_owned(),
                uptime: s.uptime,
                updated_at: s.updated_at.to_owned(),
            })
        })
        .ok_or_else(|| Problem::not_found("project"))
}
