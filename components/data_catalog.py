"""What each published dataset is, in words, and the files it is published as.

Titles and descriptions of the datasets and their columns (translated through
the catalogues), the Frictionless Data Package built from them, and the CSV,
XLSX and JSON files of one dataset. The numbers come in as DataFrames from
`data_access.queries.catalog`; nothing here reads the database.
"""

from __future__ import annotations

import io
import zipfile

import orjson
import pandas as pd

from data_access.queries.catalog import DATASETS_BY_NAME, FieldInfo, dataset_fields

from .files import csv_bytes, json_bytes, records, xlsx_bytes
from .formatting import format_date
from .i18n import N_, gettext

# dataset -> (title, description)
DATASET_TEXT = {
    "observations": (
        N_("Figures"),
        N_(
            "Every figure of the report the dashboard shows, one row each: indicator, period, breakdown (region, state body, facility type, category), value, status, and the line and table of the report it comes from. Rates, shares and changes are not stored: the dashboard computes them from these counts."
        ),
    ),
    "indicators": (N_("Indicators"), N_("What each figure counts: topic, unit, name and definition.")),
    "data_notes": (
        N_("Data notes"),
        N_("Where the report is inconsistent or leaves a figure open, and how the dataset deals with it."),
    ),
    "regions": (
        N_("Regions"),
        N_(
            "The regions of Kazakhstan: ISO 3166-2:KZ code, kind (oblast or city of republican significance), names, and the key that joins the map boundaries."
        ),
    ),
    "agencies": (N_("State bodies"), N_("The state bodies named in the report, with full and short names.")),
    "facility_types": (
        N_("Facility types"),
        N_("Kinds of closed institutions and the state body responsible for them."),
    ),
    "categories": (
        N_("Categories"),
        N_(
            "Other breakdowns of the figures: issuing body, origin and kind of complaint, sector, and which of two counts the report gives for the same thing."
        ),
    ),
    "recommendations": (
        N_("Recommendations"),
        N_(
            "The report's recommendations to named state bodies: text, date issued, current status and its date, source."
        ),
    ),
    "recommendation_addressees": (
        N_("Recommendation addressees"),
        N_("Which state bodies each recommendation is addressed to, one row per pair."),
    ),
    "recommendation_status_history": (
        N_("Recommendation status history"),
        N_("Every status each recommendation has had, with the release that recorded it; kept across releases."),
    ),
    "ombudsman_visits": (
        N_("The Ombudsman's visits"),
        N_(
            "The Ombudsman's own monitoring visits, one institution each, with the number of recommendations issued after the visit."
        ),
    ),
    "milestones": (
        N_("Milestones"),
        N_("Dated milestones of the international and national framework against torture."),
    ),
    "changes": (
        N_("Changes in this release"),
        N_(
            "What the current release corrected, added or clarified against the release before it: the row and column changed, the old and the new value, the line of the report that settles it, and the change in words."
        ),
    ),
    "releases": (
        N_("Releases"),
        N_("Every data release imported into this database: version, date, title, source, licence and checksum."),
    ),
}

# field -> description; (dataset, field) -> description where a field means something else in that dataset.
FIELD_TEXT = {
    "code": N_("Code of the row; other tables refer to it."),
    "name": N_("Name, in the language of the download."),
    "short": N_("Short name, in the language of the download."),
    "kind": N_("Kind of region: `oblast`, or `city` (city of republican significance)."),
    "geo_pcode": N_("Key of the region in the map boundaries (ADM1_PCODE)."),
    "agency": N_("Code of the state body (see State bodies); empty when the figure is not broken down by state body."),
    "agency_name": N_("Short name of the state body, in the language of the download."),
    "topic": N_("Topic: `complaints`, `cases`, `compensation`, `visits`, `recommendations`, `terminals` or `npm`."),
    "unit": N_(
        "What the value counts (`complaints`, `persons`, `tenge`, `per_1000` = per 1,000 convicted persons, `percent`, ...)."
    ),
    "definition": N_("Definition, in the language of the download."),
    "group": N_("Which breakdown the category belongs to."),
    "source_line": N_("Line of the report's text the figure comes from."),
    "source_ref": N_("Table or figure of the report, or `text` for a figure quoted in the running text."),
    "text": N_("Text, in the language of the download."),
    "indicator": N_("Code of the indicator (see Indicators)."),
    "indicator_name": N_("Name of the indicator, in the language of the download."),
    "period": N_("A year (2025) or a span of years (2021-2022), exactly as the report gives it."),
    "period_start": N_("First year of the period."),
    "period_end": N_("Last year of the period."),
    "region": N_("ISO 3166-2:KZ code of the region (see Regions); empty when the figure is not broken down by region."),
    "region_name": N_("Name of the region, in the language of the download."),
    "facility_type": N_("Code of the facility type (see Facility types); empty when not broken down by facility type."),
    "facility_type_name": N_("Name of the facility type, in the language of the download."),
    "category": N_("Code of the category (see Categories); empty when not broken down by category."),
    "category_name": N_("Name of the category, in the language of the download."),
    "value": N_("The figure, counted in the unit of the `unit` column; empty when it is not published."),
    "status": N_(
        "`published`; `not_published` (the report names the figure but its value is lost or not given); `suppressed` (below the disclosure threshold)."
    ),
    "note": N_("Code of the data note that applies (see Data notes)."),
    "note_text": N_("Text of the data note, in the language of the download."),
    "issuer": N_("Who issued the recommendation: `report`, `npm`, `ombudsman` or `regional_reps`."),
    "issued": N_("Date issued; the first day of the year or month when only the year or month is known."),
    "issued_precision": N_("How precise the date issued is: `day`, `month` or `year`."),
    "status_date": N_("Date of the status; the first day of the year when only the year is known."),
    "recommendation": N_("Code of the recommendation (see Recommendations)."),
    "release_version": N_("Release that recorded this status."),
    "visit_month": N_("Month of the visit (YYYY-MM)."),
    "institution": N_("The institution visited, in the language of the download."),
    "recommendations_issued": N_(
        "Number of recommendations issued after the visit; empty when the report does not give it."
    ),
    "persons_received": N_(
        "Number of people the Ombudsman received in person at the visit (for the visit abroad: citizens of Kazakhstan met); empty when the report does not give it."
    ),
    "persons_received_line": N_("Line of the report's text that gives the number of people received."),
    "target_table": N_("The dataset of the release whose row changed."),
    "target_key": N_("Key of the row that changed: its key columns joined by '|', an empty part for an empty cell."),
    "target_column": N_("The column that changed; empty when a whole row was added."),
    "old_value": N_("What the previous release held; empty for an addition."),
    "new_value": N_("What this release holds."),
    "date": N_("Date; the first day of the year or month when only the year or month is known."),
    "precision": N_("How precise the date is: `day`, `month` or `year`."),
    "title": N_("Title, in the language of the download."),
    "version": N_("Version of the release."),
    "published": N_("Date the release was published."),
    "source": N_("The publication the figures come from, in the language of the download."),
    "licence": N_("Licence of the data (SPDX identifier)."),
    "checksum": N_("SHA-256 checksum of the release files as imported."),
    "source_sha256": N_("SHA-256 checksum of the report text the release cites by line (the text served at /report)."),
    "is_current": N_("Whether this is the release the dashboard shows."),
}
FIELD_TEXT_BY_DATASET = {
    ("milestones", "kind"): N_(
        "Kind of milestone: `international`, `law`, `institution`, `cat` (UN Committee against Torture) or `upr` (Universal Periodic Review)."
    ),
    ("recommendations", "status"): N_("Current status: `proposed`, `in_progress`, `fulfilled` or `not_fulfilled`."),
    ("recommendation_status_history", "status"): N_(
        "Status: `proposed`, `in_progress`, `fulfilled` or `not_fulfilled`."
    ),
    ("facility_types", "agency"): N_(
        "Code of the state body responsible (see State bodies); empty when none is named."
    ),
    ("recommendation_addressees", "agency"): N_(
        "Code of a state body the recommendation is addressed to (see State bodies)."
    ),
    ("ombudsman_visits", "agency"): N_(
        "Code of the state body responsible for the institution; empty for a visit abroad."
    ),
    ("ombudsman_visits", "region"): N_("ISO 3166-2:KZ code of the region; empty for a visit abroad."),
    ("ombudsman_visits", "facility_type"): N_("Code of the facility type; empty when not known."),
    ("data_notes", "source_line"): N_("Line of the report's text the note is about."),
    ("changes", "kind"): N_(
        "Kind of change: corrected (a value or text was wrong), added (a figure or note the release did not hold), clarified (a note says what the report leaves open)."
    ),
    ("changes", "source_line"): N_("Line of the report's text that settles the change."),
    ("changes", "text"): N_("The change in words, in the language of the download."),
    ("data_notes", "text"): N_("The note, in the language of the download."),
    ("recommendations", "text"): N_("Text of the recommendation, in the language of the download."),
    ("milestones", "title"): N_("What happened, in the language of the download."),
    ("releases", "title"): N_("Title of the release, in the language of the download."),
    ("indicators", "unit"): N_(
        "What the indicator counts (`complaints`, `persons`, `tenge`, `per_1000` = per 1,000 convicted persons, `percent`, ...)."
    ),
}

# Observation topics as the indicators table names them.
TOPIC_TEXT = {
    "complaints": N_("Complaints"),
    "cases": N_("Investigations and cases"),
    "compensation": N_("Compensation to victims"),
    "visits": N_("Visits"),
    "recommendations": N_("Recommendations"),
    "terminals": N_("Video surveillance and complaint terminals"),
    "npm": N_("National Preventive Mechanism"),
}

FORMATS = ("csv", "xlsx", "json")
LICENCE_URLS = {
    "CC-BY-4.0": ("https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0 International"),
    "CC0-1.0": ("https://creativecommons.org/publicdomain/zero/1.0/", "Creative Commons Zero 1.0 Universal"),
    "ODC-BY-1.0": ("https://opendatacommons.org/licenses/by/1-0/", "Open Data Commons Attribution License 1.0"),
}
PACKAGE_NAME = "kz-ombudsman-torture-prevention"
API_PREFIX = "/api/v1"


def topic_name(topic: str, lang: str) -> str:
    """The name of an observation topic in `lang` (the code if unknown)."""
    return gettext(lang, TOPIC_TEXT[topic]) if topic in TOPIC_TEXT else topic


def dataset_title(name: str, lang: str) -> str:
    """The title of a dataset in `lang`."""
    return gettext(lang, DATASET_TEXT[name][0])


def dataset_description(name: str, lang: str) -> str:
    """What a dataset holds, in `lang`."""
    return gettext(lang, DATASET_TEXT[name][1])


def field_description(dataset: str, field: str, lang: str) -> str:
    """What a column of a dataset means, in `lang`."""
    text = FIELD_TEXT_BY_DATASET.get((dataset, field)) or FIELD_TEXT[field]
    return gettext(lang, text)


def dataset_links(name: str, lang: str, topic: str | None = None) -> dict[str, str]:
    """Download links of a dataset in each format (of the observations of one `topic`, if given)."""
    path = f"{API_PREFIX}/datasets/{name}/{topic}" if topic else f"{API_PREFIX}/datasets/{name}"
    return {fmt: f"{path}.{fmt}?lang={lang}" for fmt in FORMATS}


def package_link(lang: str) -> str:
    """The link to the whole data package in `lang`."""
    return f"{API_PREFIX}/datapackage.zip?lang={lang}"


def file_name(name: str, lang: str, fmt: str, topic: str | None = None) -> str:
    """The file name a dataset downloads as: `observations-cases-en.csv`."""
    return "-".join(part for part in (name, topic, lang) if part) + f".{fmt}"


# ---------------------------------------------------------------------------------------------
# Table schemas and the data package.


def _field_schema(dataset: str, info: FieldInfo, lang: str) -> dict:
    field: dict = {"name": info.name, "type": info.type, "description": field_description(dataset, info.name, lang)}
    if info.type == "date":
        field["format"] = "%Y-%m-%d"
    constraints: dict = {}
    if info.required:
        constraints["required"] = True
    if info.enum:
        constraints["enum"] = list(info.enum)
    if info.name == "period":
        constraints["pattern"] = r"[0-9]{4}(-[0-9]{4})?"
    if info.name == "visit_month":
        constraints["pattern"] = r"[0-9]{4}-[0-9]{2}"
    if constraints:
        field["constraints"] = constraints
    if info.name == "recommendations_issued":
        field["unit"] = "recommendations"
    if info.name in ("period_start", "period_end"):
        field["unit"] = "year"
    return field


def table_schema(name: str, lang: str) -> dict:
    """The Frictionless table schema of a dataset: fields with types and descriptions, primary and foreign keys."""
    source = DATASETS_BY_NAME[name]
    schema: dict = {
        "fields": [_field_schema(name, info, lang) for info in dataset_fields(name)],
        "missingValues": [""],
        "primaryKey": list(source.primary_key),
    }
    if source.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": field, "reference": {"resource": resource, "fields": key}}
            for field, resource, key in source.foreign_keys
        ]
    return schema


def licences(licence: str) -> list[dict]:
    """The data package `licenses` entry for an SPDX identifier."""
    path, title = LICENCE_URLS.get(licence, (None, licence))
    entry = {"name": licence, "title": title}
    if path:
        entry["path"] = path
    return [entry]


def build_datapackage(release: dict, lang: str, rows: dict[str, int]) -> dict:
    """`datapackage.json` for the current release in `lang`: every dataset as a CSV resource with its table schema.

    `release` is `meta.release_info(lang)`; `rows` the number of rows of each dataset.
    """
    version = str(release.get("version", ""))
    source = {"title": str(release.get("source", ""))}
    resources = []
    for name in DATASETS_BY_NAME:
        resources.append(
            {
                "name": name,
                "title": dataset_title(name, lang),
                "description": dataset_description(name, lang),
                "path": f"data/{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": table_schema(name, lang),
                "sources": [source],
                "licenses": licences(str(release.get("licence", ""))),
                "rows": rows.get(name, 0),
            }
        )
    published = release.get("published")
    return {
        "profile": "tabular-data-package",
        "name": f"{PACKAGE_NAME}-{lang}",
        "id": f"{PACKAGE_NAME}/{version}/{lang}",
        "title": str(release.get("title", "")),
        "description": gettext(
            lang,
            "Figures of the Human Rights Commissioner's 2026 special report on counteracting torture, with indicator definitions, data notes and the report line of every figure.",
        ),
        "version": version,
        "created": f"{published.isoformat() if hasattr(published, 'isoformat') else published}T00:00:00Z",
        "language": lang,
        "keywords": ["torture prevention", "Kazakhstan", "ombudsman", "National Preventive Mechanism", "OPCAT"],
        "licenses": licences(str(release.get("licence", ""))),
        "sources": [source],
        "citation": citation(release, lang),
        "resources": resources,
    }


def citation(release: dict, lang: str, url: str | None = None) -> str:
    """How to cite the data: the report, then the dataset, its release and (if given) where it was found."""
    published = release.get("published")
    text = gettext(lang, "{source}. Data: {title}, release {version} ({published}).").format(
        source=str(release.get("source", "")).rstrip("."),
        title=str(release.get("title", "")),
        version=release.get("version", ""),
        published=format_date(published, lang) if published else "",
    )
    return f"{text} {url}" if url else text


# ---------------------------------------------------------------------------------------------
# Files.


def dataset_json(name: str, frame: pd.DataFrame, release: dict, lang: str) -> bytes:
    """A dataset as JSON: what it is, its fields, and its rows under `data`."""
    return json_bytes(
        {
            "dataset": name,
            "title": dataset_title(name, lang),
            "description": dataset_description(name, lang),
            "release": release.get("version"),
            "lang": lang,
            "licence": release.get("licence"),
            "source": release.get("source"),
            "schema": table_schema(name, lang),
            "data": records(frame),
        }
    )


def dataset_xlsx(name: str, frame: pd.DataFrame, lang: str) -> bytes:
    """A dataset as an XLSX workbook: the rows on one sheet, what each column means on another."""
    fields = pd.DataFrame(
        [
            {"field": f["name"], "type": f["type"], "description": f["description"]}
            for f in table_schema(name, lang)["fields"]
        ]
    )
    return xlsx_bytes({name: frame, "fields": fields})


def dataset_bytes(name: str, fmt: str, frame: pd.DataFrame, release: dict, lang: str) -> bytes:
    """The file of a dataset in `fmt` (csv, xlsx or json)."""
    if fmt == "csv":
        return csv_bytes(frame)
    if fmt == "xlsx":
        return dataset_xlsx(name, frame, lang)
    if fmt == "json":
        return dataset_json(name, frame, release, lang)
    raise ValueError(fmt)


def package_zip(frames: dict[str, pd.DataFrame], release: dict, lang: str) -> bytes:
    """Everything as one ZIP: `datapackage.json` and `data/<dataset>.csv` for each dataset."""
    package = build_datapackage(release, lang, {name: len(frame) for name, frame in frames.items()})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", orjson.dumps(package, option=orjson.OPT_INDENT_2))
        for name, frame in frames.items():
            archive.writestr(f"data/{name}.csv", csv_bytes(frame, spreadsheet=False))
    return buffer.getvalue()
