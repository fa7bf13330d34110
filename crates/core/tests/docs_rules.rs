//! Rules read from the real docs rather than written into the views: the
//! scopes a token can ask for, and where each operation's page lives.

use explorer_core::Docs;
use explorer_core::routes::operation_route;

fn docs() -> Docs {
    Docs::load(explorer_content::FILES).expect("the content loads")
}

#[test]
fn scopes_are_those_the_operations_require() {
    assert_eq!(docs().scopes(), ["projects:read", "resources:read", "resources:write"]);
}

#[test]
fn every_operation_lives_at_its_route() {
    let docs = docs();
    for op in docs.operations() {
        let page = docs.page_at(&operation_route(&op.id)).expect("a page at the route");
        assert_eq!(page.operation.as_ref().map(|o| &o.id), Some(&op.id));
    }
}
