"""Validate recorded Radarr/Sonarr exchanges against the apps' OpenAPI documents.

The documents are the unmodified upstream specs in the shared spec directory
(env ``MYFLIX_SPECS_DIR``, else ``../shared/specs`` next to the repo root). They
are never edited: the few places where the real servers differ from them
(documented in ARR_ENDPOINTS.md) are patched on an in-memory copy, see
``SERVER_DEVIATIONS``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
import json
import os
from pathlib import Path
import re
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_FILES = {"radarr": "radarr-openapi.json", "sonarr": "sonarr-openapi.json"}

# Command bodies carry each command's own fields (ARR_ENDPOINTS.md, "Commands"),
# which the generic CommandResource / Command schemas (additionalProperties:
# false) do not list. Exactly these are allowed on top of the spec.
_INT_LIST = {"type": "array", "items": {"type": "integer", "format": "int32"}}
COMMAND_FIELDS: dict[str, dict[str, Any]] = {
    "movieIds": _INT_LIST,
    "episodeIds": _INT_LIST,
    "seriesIds": _INT_LIST,
    "seriesId": {"type": "integer", "format": "int32"},
    "seasonNumber": {"type": "integer", "format": "int32"},
    "isNewMovie": {"type": "boolean"},
    "isNewSeries": {"type": "boolean"},
    "monitored": {"type": "boolean"},
    "filterKey": {"type": "string"},
    "filterValue": {"type": "string"},
    "path": {"type": "string"},
    "downloadClientId": {"type": "string"},
    "importMode": {"type": "string", "enum": ["auto", "move", "copy"]},
}

# Success codes the servers send where the documents list only 200.
SAME_AS_200 = {"201", "202"}

# Paths the apps serve outside the documented API (backup archives are static
# files under the URL base).
UNDOCUMENTED_PREFIXES = ("/backup/",)


def _patch_sonarr_wiki_url(doc: dict[str, Any]) -> None:
    """Sonarr types ``HealthResource.wikiUrl`` as an HttpUri object; it sends a string."""
    props = doc["components"]["schemas"]["HealthResource"]["properties"]
    props["wikiUrl"] = {"type": "string", "nullable": True}


def _patch_command_fields(doc: dict[str, Any]) -> None:
    for name in ("CommandResource", "Command"):
        doc["components"]["schemas"][name]["properties"].update(COMMAND_FIELDS)


SERVER_DEVIATIONS = {
    "radarr": (_patch_command_fields,),
    "sonarr": (_patch_command_fields, _patch_sonarr_wiki_url),
}


def specs_dir() -> Path | None:
    """Return the spec directory, or None when it is not there."""
    env = os.environ.get("MYFLIX_SPECS_DIR")
    candidates = [Path(env)] if env else []
    candidates.append(REPO_ROOT.parent / "shared" / "specs")
    for candidate in candidates:
        if all((candidate / name).is_file() for name in SPEC_FILES.values()):
            return candidate
    return None


@dataclass(frozen=True)
class Operation:
    """One path template + method of the document."""

    template: str
    method: str
    spec: dict[str, Any]


class OpenApiSpec:
    """One app's document, with path matching and schema validation."""

    def __init__(self, app: str, document: dict[str, Any]) -> None:
        """Keep a patched copy of ``document`` (the file itself is never touched)."""
        self.app = app
        self.document = copy.deepcopy(document)
        for patch in SERVER_DEVIATIONS[app]:
            patch(self.document)
        self._patterns = [
            (re.compile("^" + re.sub(r"\{[^/]+\}", r"[^/]+", t) + "$"), t)
            for t in self.document["paths"]
        ]

    def operation(self, method: str, path: str) -> Operation | None:
        """Find the operation for a concrete path (literal templates win)."""
        method = method.lower()
        matches = [t for pattern, t in self._patterns if pattern.match(path)]
        matches.sort(key=lambda t: t.count("{"))
        for template in matches:
            spec = self.document["paths"][template].get(method)
            if spec is not None:
                return Operation(template, method, spec)
        return None

    def errors(self, schema: dict[str, Any], instance: Any) -> list[str]:
        """Validate ``instance`` against a schema of this document ($refs resolved)."""
        rooted = {**schema, "components": self.document["components"]}
        validator = OAS30Validator(rooted, format_checker=oas30_format_checker)
        return [
            f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
            for e in validator.iter_errors(instance)
        ]

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """Follow a local ``$ref`` one level."""
        ref = schema.get("$ref")
        if not ref:
            return schema
        node: Any = self.document
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        return dict(node)

    def response_errors(
        self, method: str, path: str, status: int, body: bytes
    ) -> list[str]:
        """Check a 2xx response body against the operation's response schema."""
        op = self.operation(method, path)
        if op is None:
            return [f"{method} {path}: not in the {self.app} document"]
        responses = op.spec.get("responses", {})
        code = str(status)
        if code not in responses and code in SAME_AS_200:
            code = "200"
        if code not in responses:
            return [f"{method} {op.template}: status {status} not documented"]
        content = responses[code].get("content") or {}
        schema = (content.get("application/json") or {}).get("schema")
        if schema is None:
            return []  # documented without a body (DELETE): nothing to check
        try:
            payload = json.loads(body)
        except ValueError:
            return [f"{method} {op.template}: response is not JSON"]
        return [f"{method} {op.template}: {e}" for e in self.errors(schema, payload)]

    def request_errors(
        self, method: str, path: str, query: list[tuple[str, str]], body: Any
    ) -> list[str]:
        """Check a request: operation exists, query params declared, body valid."""
        op = self.operation(method, path)
        if op is None:
            return [f"{method} {path}: not in the {self.app} document"]
        where = f"{method} {op.template}"
        params = {
            p["name"]: p for p in op.spec.get("parameters", []) if p["in"] == "query"
        }
        problems = []
        for name, value in query:
            if name not in params:
                problems.append(f"{where}: query parameter {name!r} is not declared")
                continue
            schema = self.resolve(params[name].get("schema", {}))
            if schema.get("type") == "array":
                schema = self.resolve(schema.get("items", {}))
            problems += [
                f"{where}: ?{name}={value}: {e}"
                for e in self.errors(schema, _coerce(value, schema))
            ]
        if body is not None:
            content = (op.spec.get("requestBody") or {}).get("content") or {}
            body_schema = (content.get("application/json") or {}).get("schema")
            if body_schema is None:
                problems.append(f"{where}: sends a body the document does not take")
            else:
                problems += [
                    f"{where} body: {e}" for e in self.errors(body_schema, body)
                ]
        return problems


def _coerce(value: str, schema: dict[str, Any]) -> Any:
    """Turn a query string value into the JSON type its schema declares."""
    kind = schema.get("type")
    if kind == "integer" and re.fullmatch(r"-?\d+", value):
        return int(value)
    if kind == "number" and re.fullmatch(r"-?\d+(\.\d+)?", value):
        return float(value)
    if kind == "boolean" and value in ("true", "false"):
        return value == "true"
    return value


def load_spec(app: str) -> OpenApiSpec:
    """Load one app's document, or skip the test when the specs are absent."""
    directory = specs_dir()
    if directory is None:
        pytest.skip(
            "OpenAPI documents not found: set MYFLIX_SPECS_DIR to the directory "
            "holding radarr-openapi.json and sonarr-openapi.json "
            f"(looked in {REPO_ROOT.parent / 'shared' / 'specs'})"
        )
    document = json.loads((directory / SPEC_FILES[app]).read_text(encoding="utf-8"))
    return OpenApiSpec(app, document)
