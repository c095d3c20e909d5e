"""The API's documentation page, rendered on the server from the OpenAPI document.

No Swagger UI: it needs JavaScript, and the site's pages work without it. The page
lists each operation with its parameters and the fields of its answer, in Swedish or
English (the schema's descriptions are "svenska / English").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEPARATOR = " / "


def in_language(text: str, language: str) -> str:
    """The Swedish or the English half of a bilingual description."""
    sv, found, en = (text or "").partition(SEPARATOR)
    if not found:
        return text or ""
    return en.strip() if language == "en" else sv.strip()


@dataclass
class Param:
    name: str
    location: str
    required: bool
    type: str
    description: str


@dataclass
class FieldDoc:
    name: str
    type: str
    description: str


@dataclass
class Operation:
    method: str
    path: str
    operation_id: str
    summary: str
    description: str
    params: list[Param]
    statuses: list[str]
    result_name: str
    fields: list[FieldDoc] = field(default_factory=list)
    item_name: str = ""
    item_fields: list[FieldDoc] = field(default_factory=list)


def _ref_name(schema: dict[str, Any]) -> str:
    ref = schema.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref else ""


def type_name(schema: dict[str, Any]) -> str:
    """A short type: "string", "integer | null", "list[ValueOut]", "andel-e-faktura | …"."""
    if "$ref" in schema:
        return _ref_name(schema)
    if "anyOf" in schema:
        return " | ".join(type_name(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "")
    if kind == "array":
        return f"list[{type_name(schema.get('items', {}))}]"
    if kind == "object":
        return "object"
    fmt = schema.get("format")
    return f"{kind} ({fmt})" if fmt else str(kind or "any")


def _fields(component: dict[str, Any], language: str) -> list[FieldDoc]:
    return [
        FieldDoc(
            name=name,
            type=type_name(prop),
            description=in_language(prop.get("description", ""), language),
        )
        for name, prop in component.get("properties", {}).items()
    ]


def operations(schema: dict[str, Any], language: str) -> list[Operation]:
    components = schema.get("components", {}).get("schemas", {})
    result = []
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            params = [
                Param(
                    name=p["name"],
                    location=p.get("in", ""),
                    required=bool(p.get("required")),
                    type=type_name(p.get("schema", {})),
                    description=in_language(
                        p.get("description", p.get("schema", {}).get("description", "")), language
                    ),
                )
                for p in op.get("parameters", [])
            ]
            # Status keys are ints in ninja's dict and strings once it is JSON.
            responses = {str(status): value for status, value in op.get("responses", {}).items()}
            ok = responses.get("200", {}).get("content", {}).get("application/json", {})
            result_name = _ref_name(ok.get("schema", {}))
            component = components.get(result_name, {})
            operation = Operation(
                method=method.upper(),
                path=path,
                operation_id=op.get("operationId", ""),
                summary=in_language(op.get("summary", ""), language),
                description=in_language(op.get("description", ""), language),
                params=params,
                statuses=sorted(responses),
                result_name=result_name,
                fields=_fields(component, language),
            )
            results = component.get("properties", {}).get("results", {})
            item_name = _ref_name(results.get("items", {}))
            if item_name:
                operation.item_name = item_name
                operation.item_fields = _fields(components.get(item_name, {}), language)
            result.append(operation)
    return result
