"""The release and what changed in it, the map's licence, the JSON API and how to cite."""

from __future__ import annotations

import flask
from dash import html

from components.data_catalog import API_PREFIX, citation
from components.datasets import sources_from
from components.formatting import format_date, format_number
from components.i18n import N_, translator
from components.map import MAP_ATTRIBUTION
from components.notices import empty_state
from components.shell import page_href
from components.sources import linked_line_mentions, source_links
from components.units import counted, n_
from data_access.queries import meta
from data_access.queries.catalog import release_change_list, release_changes
from data_access.vocabulary import STATUS_WORDS

from .params import PATH
from .parts import definition_item, section_heading

# How the release's own list of changes names each kind (changes.csv, column `kind`).
CHANGE_KIND_LABELS = {"corrected": N_("Corrected"), "added": N_("Added"), "clarified": N_("Clarified")}


def recorded_changes(lang: str, version: str) -> list:
    """The release's own record of what it corrected, added or clarified, each with its line of the report."""
    _ = translator(lang)
    changes = release_change_list(lang)
    parts: list = [html.H3(_("What changed in this release"), className="h6")]
    if changes.empty:
        parts.append(
            html.P(_("Release {version} records no changes of its own.").format(version=version), id="data-release-own")
        )
        return parts
    counts = changes["kind"].value_counts()
    parts.append(
        html.P(
            _(
                "Changes release {version} records against the release before it: {n} (corrected: {corrected}, added: {added}, clarified: {clarified})."
            ).format(
                version=version,
                n=format_number(len(changes), lang),
                **{kind: format_number(int(counts.get(kind, 0)), lang) for kind in CHANGE_KIND_LABELS},
            )
        )
    )
    items = []
    for row in changes.to_dict("records"):
        source = sources_from(changes[changes["code"] == row["code"]], lang)
        items.append(
            html.Li(
                [
                    html.Span(_(CHANGE_KIND_LABELS.get(row["kind"], row["kind"])) + ": ", className="fw-semibold"),
                    *linked_line_mentions(row["text"], lang),
                    " (",
                    *source_links(source, lang),
                    ")",
                ],
                **{"data-kind": row["kind"]},
            )
        )
    parts.append(html.Ul(items, id="data-release-own"))
    return parts


def request_origin() -> str:
    """The scheme and host the page was asked for ('' outside a request): the start of a citable link."""
    return flask.request.host_url.rstrip("/") if flask.has_request_context() else ""


def release_section(lang: str) -> html.Section:
    """The release: version, date, licence, checksum; what changed since the release before it."""
    _ = translator(lang)
    release = meta.release_info(lang)
    changes = release_changes()
    parts: list = [section_heading("data-release-title", lang)]
    if not release:
        parts.append(empty_state(_("No release has been imported yet.")))
        return html.Section(parts, **{"aria-labelledby": "data-release-title"})
    details = (
        definition_item(_("Version"), release["version"])
        + definition_item(_("Published"), format_date(release["published"], lang))
        + definition_item(_("Title"), release["title"])
        + definition_item(_("Source"), release["source"])
        + definition_item(_("Licence"), release["licence"])
        + definition_item(_("Checksum (SHA-256)"), html.Code(release["checksum"], className="text-break"))
    )
    parts.append(html.Dl(details, className="row", id="data-release-details"))
    parts.extend(recorded_changes(lang, release["version"]))
    parts.append(html.H3(_("What changed from the previous release"), className="h6"))
    if changes["previous"] is None:
        parts.append(
            html.P(
                _(
                    "This is the first release imported into this database: there is no earlier release to compare it with."
                ),
                id="data-release-changes",
            )
        )
    else:
        status_changes = changes["status_changes"]
        parts.append(
            html.P(
                counted(
                    lang,
                    n_(
                        "Compared with release {previous}: {n} recommendation changed status.",
                        "Compared with release {previous}: {n} recommendations changed status.",
                    ),
                    len(status_changes),
                    previous=changes["previous"],
                ),
                id="data-release-changes",
            )
        )
        if len(status_changes):
            parts.append(
                html.Ul(
                    [
                        html.Li(
                            # Codes, words already translated and a date: nothing here to translate.
                            "{code}: {old} → {new} ({date})".format(
                                code=row["recommendation"],
                                old=_(STATUS_WORDS.get(row["old_status"], row["old_status"])),
                                new=_(STATUS_WORDS.get(row["new_status"], row["new_status"])),
                                date=format_date(row["status_date"], lang),
                            )
                        )
                        for row in status_changes.to_dict("records")
                    ]
                )
            )
    return html.Section(parts, **{"aria-labelledby": "data-release-title"})


def map_section(lang: str) -> html.Section:
    """The licence and attribution of the region boundaries."""
    _ = translator(lang)
    return html.Section(
        [
            section_heading("data-map-title", lang),
            html.P(_(MAP_ATTRIBUTION)),
            html.P(
                _(
                    "The region boundaries (20 first-level units, 2024) come from the geokz package by Alexander Rodionov, licensed under Creative Commons Attribution 4.0 International, which derives them from the OCHA Humanitarian Data Exchange administrative boundaries of Kazakhstan (COD-AB). They were converted to GeoJSON and simplified for the web, without other change. Regions join the map by the map key in the Regions dataset."
                )
            ),
        ],
        **{"aria-labelledby": "data-map-title"},
    )


def api_section(lang: str) -> html.Section:
    """The JSON API in two sentences and an example."""
    _ = translator(lang)
    example = f"{API_PREFIX}/observations?indicator=complaints_received&lang={lang}"
    return html.Section(
        [
            section_heading("data-api-title", lang),
            html.P(
                _(
                    "The same data is available to programs as a read-only JSON API: regions, state bodies, indicators with their definitions, figures filtered by indicator, topic, period, region, state body, facility type, category or status, recommendations with their status history, and releases. Lists come in pages; ?lang= chooses the language of names. The OpenAPI document describes every route."
                )
            ),
            html.Ul(
                [
                    html.Li(html.A(_("OpenAPI document"), href=f"{API_PREFIX}/openapi.json", id="data-openapi-link")),
                    html.Li([_("Example") + ": ", html.A(html.Code(example), href=example)]),
                ]
            ),
        ],
        **{"aria-labelledby": "data-api-title"},
    )


def cite_section(lang: str) -> html.Section:
    """How to cite the data, with a permanent link to this page."""
    _ = translator(lang)
    release = meta.release_info(lang)
    url = request_origin() + page_href(PATH, lang)
    return html.Section(
        [
            section_heading("data-cite-title", lang),
            html.P(_("Cite the report the figures come from, and the data release you used:")),
            html.Blockquote(
                html.P(citation(release, lang, url), className="mb-0"),
                className="border-start ps-3",
                id="data-citation",
            ),
            html.P(
                _(
                    "Figures may be reused with attribution under the licence of the release. A link to a page of the dashboard reproduces the view it shows."
                )
            ),
        ],
        **{"aria-labelledby": "data-cite-title"},
    )
