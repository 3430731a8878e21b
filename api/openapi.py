"""The OpenAPI 3 document of API v1, built from the same field lists the datasets are published with."""

from __future__ import annotations

from components.data_catalog import FORMATS, dataset_description, dataset_title, field_description
from data_access.queries.catalog import DATASET_NAMES, dataset_fields
from data_access.vocabulary import LANGUAGES, RECOMMENDATION_STATUSES

JSON_TYPES = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
}

# component schema name -> the dataset whose columns its rows have
ROW_SCHEMAS = {
    "Region": "regions",
    "Agency": "agencies",
    "FacilityType": "facility_types",
    "Category": "categories",
    "DataNote": "data_notes",
    "Indicator": "indicators",
    "Observation": "observations",
    "Recommendation": "recommendations",
    "Release": "releases",
}
ERROR_TEXT = {
    "400": "Bad request: an unknown parameter, a parameter given twice, or a value that is not allowed.",
    "404": "Nothing at this address.",
    "503": "The database is temporarily unavailable.",
}


def _row_schema(dataset: str) -> dict:
    properties = {}
    required = []
    for info in dataset_fields(dataset):
        prop = {**JSON_TYPES[info.type], "description": field_description(dataset, info.name, "en")}
        if info.enum:
            prop["enum"] = list(info.enum)
        if info.required:
            required.append(info.name)
        else:
            prop["nullable"] = True
        properties[info.name] = prop
    return {
        "type": "object",
        "description": dataset_description(dataset, "en"),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _components() -> dict:
    schemas = {name: _row_schema(dataset) for name, dataset in ROW_SCHEMAS.items()}
    history_item = _row_schema("recommendation_status_history")
    history_item["properties"].pop("recommendation")
    history_item["required"].remove("recommendation")
    schemas["Recommendation"]["properties"]["addressees"] = {
        "type": "array",
        "items": {"type": "string"},
        "description": "Codes of the state bodies the recommendation is addressed to.",
    }
    schemas["Recommendation"]["properties"]["status_history"] = {
        "type": "array",
        "items": history_item,
        "description": "Every status the recommendation has had, oldest first, with the release that recorded it.",
    }
    schemas["Recommendation"]["required"] += ["addressees", "status_history"]
    string_or_null = {"type": "string", "nullable": True}
    schemas["Dataset"] = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "enum": list(DATASET_NAMES)},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "rows": {"type": "integer", "minimum": 0},
            "period_from": {**string_or_null, "description": "First year or date the rows cover."},
            "period_to": {**string_or_null, "description": "Last year or date the rows cover."},
            "units": {"type": "array", "items": {"type": "string"}},
            "schema": {"type": "object", "description": "The Frictionless table schema of the dataset."},
            "downloads": {
                "type": "object",
                "properties": {fmt: {"type": "string"} for fmt in FORMATS},
                "required": list(FORMATS),
            },
        },
        "required": [
            "name",
            "title",
            "description",
            "rows",
            "period_from",
            "period_to",
            "units",
            "schema",
            "downloads",
        ],
        "additionalProperties": False,
    }
    schemas["Error"] = {
        "type": "object",
        "properties": {
            "error": {
                "type": "object",
                "properties": {"status": {"type": "integer"}, "message": {"type": "string"}},
                "required": ["status", "message"],
            }
        },
        "required": ["error"],
    }
    schemas["ListMeta"] = {
        "type": "object",
        "properties": {
            "release": {"type": "string"},
            "lang": {"type": "string", "enum": list(LANGUAGES)},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0},
            "pages": {"type": "integer", "minimum": 1},
        },
        "required": ["release", "lang", "page", "per_page", "total", "pages"],
    }
    schemas["Links"] = {
        "type": "object",
        "properties": {
            "self": {"type": "string"},
            "first": {"type": "string"},
            "last": {"type": "string"},
            "next": string_or_null,
            "prev": string_or_null,
        },
        "required": ["self", "first", "last", "next", "prev"],
    }
    schemas["OneMeta"] = {
        "type": "object",
        "properties": {"release": {"type": "string"}, "lang": {"type": "string", "enum": list(LANGUAGES)}},
        "required": ["release", "lang"],
    }
    return {
        "schemas": schemas,
        "parameters": {
            "lang": {
                "name": "lang",
                "in": "query",
                "description": "Language of names and texts: kk (Kazakh, the default), ru or en.",
                "schema": {"type": "string", "enum": list(LANGUAGES)},
            },
            "page": {
                "name": "page",
                "in": "query",
                "description": "Page number, from 1.",
                "schema": {"type": "integer", "minimum": 1, "maximum": 1_000_000_000},
            },
            "per_page": {
                "name": "per_page",
                "in": "query",
                "description": "Rows per page (default 100).",
                "schema": {"type": "integer", "minimum": 1, "maximum": 1000},
            },
        },
        "responses": {
            code: {"description": text, "content": {"application/json": {"schema": _ref("Error")}}}
            for code, text in ERROR_TEXT.items()
        },
    }


def _errors(*codes: str) -> dict:
    return {code: {"$ref": f"#/components/responses/{code}"} for code in codes}


def _param(name: str) -> dict:
    return {"$ref": f"#/components/parameters/{name}"}


def _filter(name: str, description: str, values: list[str] | None) -> dict:
    return {"name": name, "in": "query", "description": description, "schema": {"type": "string", **_enum(values)}}


def _list_operation(summary: str, schema: str, extra: list[dict] | None = None) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": [_param("lang"), *(extra or []), _param("page"), _param("per_page")],
            "responses": {
                "200": {
                    "description": "One page of rows.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "data": {"type": "array", "items": _ref(schema)},
                                    "meta": _ref("ListMeta"),
                                    "links": _ref("Links"),
                                },
                                "required": ["data", "meta", "links"],
                            }
                        }
                    },
                },
                **_errors("400", "503"),
            },
        }
    }


def _one_operation(summary: str, schema: str, example: str | None) -> dict:
    code = {"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}
    if example:
        code["example"] = example
    return {
        "get": {
            "summary": summary,
            "parameters": [code, _param("lang")],
            "responses": {
                "200": {
                    "description": "The row.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {"data": _ref(schema), "meta": _ref("OneMeta")},
                                "required": ["data", "meta"],
                            }
                        }
                    },
                },
                **_errors("400", "404", "503"),
            },
        }
    }


def _enum(values: list[str] | None) -> dict:
    return {"enum": list(values)} if values else {}


def _file_operation(summary: str, description: str, parameter: dict) -> dict:
    content = {
        "text/csv": {"schema": {"type": "string"}},
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            "schema": {"type": "string", "format": "binary"}
        },
        "application/json": {"schema": {"type": "object", "required": ["dataset", "schema", "data"]}},
    }
    return {
        "get": {
            "summary": summary,
            "description": description,
            "parameters": [
                parameter,
                {"name": "format", "in": "path", "required": True, "schema": {"type": "string", "enum": list(FORMATS)}},
                _param("lang"),
            ],
            "responses": {"200": {"description": "The file.", "content": content}, **_errors("400", "404", "503")},
        }
    }


def _first(choices: dict | None, name: str) -> str | None:
    values = (choices or {}).get(name) or []
    return values[0] if values else None


def openapi_document(choices: dict[str, list[str]] | None) -> dict:
    """The OpenAPI 3.0 document; `choices` lists the values each observation filter accepts (from the data)."""
    choices = choices or {}
    observation_filters = [
        _filter("indicator", "Indicator code (see /indicators).", choices.get("indicator")),
        _filter("topic", "Only the indicators of this topic.", choices.get("topic")),
        _filter(
            "period",
            "A year (2025) or a span of years (2021-2022) exactly as the report gives it.",
            choices.get("period"),
        ),
        _filter("region", "Region code, ISO 3166-2:KZ (see /regions).", choices.get("region")),
        _filter("agency", "State body code (see /agencies).", choices.get("agency")),
        _filter("facility_type", "Facility type code (see /facility-types).", choices.get("facility_type")),
        _filter("category", "Category code (see /categories).", choices.get("category")),
        _filter("status", "published, not_published or suppressed.", choices.get("status")),
    ]
    paths = {
        "/": {
            "get": {
                "summary": "The routes of the API and where this document is.",
                "responses": {
                    "200": {
                        "description": "The index.",
                        "content": {"application/json": {"schema": {"type": "object", "required": ["data"]}}},
                    },
                    **_errors("400"),
                },
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "This document.",
                "responses": {
                    "200": {
                        "description": "OpenAPI 3.0 document.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    **_errors("400", "503"),
                },
            }
        },
        "/releases": _list_operation("Every data release imported, newest first.", "Release"),
        "/regions": _list_operation("The regions.", "Region"),
        "/regions/{code}": _one_operation("One region.", "Region", _first(choices, "region")),
        "/agencies": _list_operation("The state bodies named in the report.", "Agency"),
        "/agencies/{code}": _one_operation("One state body.", "Agency", _first(choices, "agency")),
        "/facility-types": _list_operation("Facility types.", "FacilityType"),
        "/categories": _list_operation("Categories (other breakdowns).", "Category"),
        "/data-notes": _list_operation(
            "Data notes: where the report is inconsistent or leaves a figure open.", "DataNote"
        ),
        "/indicators": _list_operation(
            "Indicators with their definitions.",
            "Indicator",
            [_filter("topic", "Only this topic.", choices.get("topic"))],
        ),
        "/indicators/{code}": _one_operation(
            "One indicator with its definition.", "Indicator", _first(choices, "indicator")
        ),
        "/observations": _list_operation("The figures, filtered.", "Observation", observation_filters),
        "/recommendations": _list_operation(
            "The report's recommendations with their status history.",
            "Recommendation",
            [
                _filter("status", "Current status.", list(RECOMMENDATION_STATUSES)),
                _filter("issuer", "Who issued it.", ["report", "npm", "ombudsman", "regional_reps"]),
                _filter("agency", "Only recommendations addressed to this state body.", choices.get("agency")),
            ],
        ),
        "/recommendations/{code}": _one_operation(
            "One recommendation with its status history.", "Recommendation", _first(choices, "recommendation")
        ),
        "/datasets": _list_operation(
            "Every dataset: description, rows, period, units, table schema, download links.", "Dataset"
        ),
        "/datasets/{name}.{format}": _file_operation(
            "One dataset as a file.",
            "; ".join(f"{name}: {dataset_title(name, 'en')}" for name in DATASET_NAMES),
            {"name": "name", "in": "path", "required": True, "schema": {"type": "string", "enum": list(DATASET_NAMES)}},
        ),
        "/datasets/observations/{topic}.{format}": _file_operation(
            "The figures of one topic as a file.",
            "The rows of the observations dataset whose indicator belongs to the topic.",
            {
                "name": "topic",
                "in": "path",
                "required": True,
                "schema": {"type": "string", **_enum(choices.get("topic"))},
            },
        ),
        "/datapackage.zip": {
            "get": {
                "summary": "Every dataset at once: a Frictionless Data Package in a ZIP.",
                "parameters": [_param("lang")],
                "responses": {
                    "200": {
                        "description": "datapackage.json and data/<dataset>.csv for each dataset.",
                        "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
                    },
                    **_errors("400", "503"),
                },
            }
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Torture Prevention Dashboard API",
            "version": "1",
            "description": "Read-only figures of the Kazakhstan Human Rights Commissioner's 2026 special report on "
            "counteracting torture, with definitions, data notes and the report line of every figure. GET only; "
            "paginated lists; names in ?lang= (kk, ru, en); CORS open. Errors are JSON with a message.",
            "license": {"name": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": _components(),
    }
