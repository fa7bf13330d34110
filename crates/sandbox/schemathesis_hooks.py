"""schemathesis hooks for the sandbox (loaded by schemathesis.sh).

Valid data must be accepted with a valid credential and an existing id, so
positive-mode cases get both. Credentials: schemathesis draws a random
`Authorization: Bearer …` or body `api_key` from the schema, which is well
formed but names no key; the sandbox rightly answers 401. Those become the
bench key (the one `-H X-API-Key` sends too, so the two agree). Ids: an id drawn at random from a path
parameter's pattern names nothing, so the sandbox rightly answers 404. These
hooks give every positive-mode case an id that exists: a fresh resource for
`/v1/resources/{id}` (fresh, so a DELETE never leaves a later case without
one) and a seeded project for `/v2/projects/{id}/status`. Negative-mode cases
keep their generated ids: those check the 400 for a malformed one.
"""

import json
import os
import urllib.request

import schemathesis

BASE = os.environ["SANDBOX_URL"].rstrip("/")
KEY = os.environ["SANDBOX_KEY"]
_project = None


def _call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{BASE}{path}", data=data, method=method)
    request.add_header("X-API-Key", KEY)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def _existing_id(path):
    global _project
    if path.startswith("/v1/resources/"):
        return _call("POST", "/v1/resources", {"name": "schemathesis-seed"})["id"]
    if path.startswith("/v2/projects/"):
        if _project is None:
            _project = _call("GET", "/v1/projects?limit=1")["data"][0]["id"]
        return _project
    return None


@schemathesis.hook
def before_call(context, case, **kwargs):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    for name in list(case.headers or {}):
        if name.lower() == "authorization":
            case.headers[name] = f"Bearer {KEY}"
    if isinstance(case.body, dict) and "api_key" in case.body:
        case.body["api_key"] = KEY
    if not case.path_parameters or "id" not in case.path_parameters:
        return
    existing = _existing_id(case.operation.path)
    if existing is not None:
        case.path_parameters["id"] = existing
