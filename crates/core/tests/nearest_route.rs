//! The hint under a 404 in the generic panel, over the real docs: a
//! mistyped route names the nearest documented one.

use explorer_core::Docs;
use explorer_core::operation::{Method, nearest_operation, undocumented_route_hint};

fn docs() -> Docs {
    Docs::load(explorer_content::FILES).expect("the content loads")
}

#[test]
fn typos_find_the_documented_route() {
    let docs = docs();
    let id = |m, p| nearest_operation(&docs, m, p).map(|op| op.id.clone());
    assert_eq!(id(Method::Get, "/v1/resorces").as_deref(), Some("list-resources"));
    assert_eq!(id(Method::Post, "/v1/resources/").as_deref(), Some("create-resource"));
    assert_eq!(id(Method::Get, "/v1/resource/res_8f2a").as_deref(), Some("get-resource"));
    assert_eq!(id(Method::Patch, "/v1/resoucres/res_8f2a").as_deref(), Some("update-resource"));
    assert_eq!(id(Method::Get, "/cloud/v1/projetcs").as_deref(), Some("list-projects"));
    assert_eq!(id(Method::Get, "/totally/else/entirely/here"), None);
}

#[test]
fn hints_say_not_documented() {
    let docs = docs();
    assert_eq!(
        undocumented_route_hint(&docs, Method::Get, "/v1/resorces"),
        "GET /v1/resorces is not a documented route. The nearest documented one is GET /v1/resources (List resources)."
    );
    assert!(undocumented_route_hint(&docs, Method::Get, "/zzz/qqq/xxx/yyy").contains("not a documented route; search"));
}
