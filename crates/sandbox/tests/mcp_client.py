"""A real MCP client against the sandbox's /mcp: PyPI's `mcp` package, driven
by crates/sandbox/tests/mcp.rs. It connects with the configuration the README
gives (argv[1], a JSON file) and checks each tool, the resources and a bad
input; it prints one line per check and exits non-zero on the first failure."""

import asyncio
import json
import sys

import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f"ok: {message}")


def text(result):
    return "".join(getattr(block, "text", "") for block in result.content)


async def main(config_path):
    server = json.load(open(config_path))["mcpServers"]["cloud-api"]
    async with httpx2.AsyncClient(headers=server["headers"]) as http:
        async with Client(streamable_http_client(server["url"], http_client=http)) as client:
            check(client.server_info.name == "cloud-api-sandbox", f"initialized with {client.server_info.name}")

            names = sorted(tool.name for tool in (await client.list_tools()).tools)
            check(names == ["call_operation", "get_operation", "get_page", "list_operations", "search_docs"], f"tools {names}")

            hits = json.loads(text(await client.call_tool("search_docs", {"query": "idempotency key"})))["hits"]
            check(any(h["route"].startswith("/idempotency") for h in hits), f"search finds the idempotency guide among {len(hits)} hits")

            page = await client.call_tool("get_page", {"route": "/errors"})
            check(not page.is_error and text(page).startswith("# Errors\n"), "get_page /errors is its markdown")

            operations = json.loads(text(await client.call_tool("list_operations", {})))
            check(any(op["id"] == "create-resource" and op["path"] == "/v1/resources" for op in operations), f"{len(operations)} operations listed")

            operation = json.loads(text(await client.call_tool("get_operation", {"id": "create-resource"})))
            schema = operation["operation"]["responses"]["201"]["content"]["application/json"]["schema"]
            check(schema == {"$ref": "#/components/schemas/Resource"}, "get_operation gives the 201 body's schema")
            check("status" in operation["components"]["schemas"]["Resource"]["properties"], "and the Resource schema itself")

            created = await client.call_tool("call_operation", {"id": "create-resource", "body": {"name": "From MCP"}})
            answer = json.loads(text(created))
            check(answer["status"] == 201 and answer["body"]["id"].startswith("res_"), f"create-resource answered {answer['status']}")
            listed = json.loads(text(await client.call_tool("call_operation", {"id": "list-resources", "params": {"limit": 100}})))
            check(any(r["id"] == answer["body"]["id"] for r in listed["body"]["data"]), "list-resources shows the new resource")

            bad = await client.call_tool("call_operation", {"id": "list-resources", "params": {"limit": 500, "colour": "red"}})
            check(bad.is_error and "limit must be between 1 and 100" in text(bad) and "`colour` is not a parameter" in text(bad),
                  f"a bad input is refused before sending: {text(bad)!r}")
            unknown = await client.call_tool("get_operation", {"id": "create-resources"})
            check(unknown.is_error and "Did you mean `create-resource`?" in text(unknown), "an unknown id says which one was meant")

            resources = (await client.list_resources()).resources
            uris = [r.uri for r in resources]
            check("docs://cloud-api/reference/create-resource.md" in uris and len(uris) >= 20, f"{len(uris)} page resources")
            read = await client.read_resource("docs://cloud-api/errors.md")
            check(read.contents[0].text.startswith("# Errors\n"), "a page resource reads as markdown")

    # Without the Authorization header the API itself says what is missing.
    async with httpx2.AsyncClient() as http:
        async with Client(streamable_http_client(server["url"], http_client=http)) as client:
            answer = json.loads(text(await client.call_tool("call_operation", {"id": "list-resources"})))
            check(answer["status"] == 401 and answer["body"]["code"] == "missing_credentials", "no credential, no access: 401")


asyncio.run(main(sys.argv[1]))
print("all MCP checks passed")
