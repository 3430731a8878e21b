"""The visits page's controls: year, ministry and visiting body, and region and date when there are visit logs."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
from dash import html

from components.i18n import translator
from data_access.queries.meta import regions
from data_access.queries.visits import PACE_BODIES, mandate_pace, visit_log_summary, visit_years
from pages.visits.datasets import body_names
from pages.visits.params import DEFAULT_BODY, View, last_log_date


def control_id(name: str) -> dict:
    """The id of the control `name`: one pattern, so one callback reads them all."""
    return {"type": "visits-control", "name": name}


def _dom_id(name: str) -> str:
    """The DOM id Dash gives a control with a dictionary id (keys sorted, compact JSON), for <label for>."""
    return json.dumps(dict(sorted(control_id(name).items())), separators=(",", ":"))


def _radio_group(name: str, legend: str, options: list[dict], value: str) -> html.Fieldset:
    # dbc's radios are native inputs, each with its own <label for>; Dash 4's dcc.RadioItems nests them in role=option.
    for option in options:
        option["input_id"] = f"visits-{name}-{option['value'] or 'all'}"
    return html.Fieldset(
        [
            html.Legend(legend, className="fs-6 fw-semibold mb-1"),
            dbc.RadioItems(id=control_id(name), options=options, value=value, inline=True, name=f"visits-{name}"),
        ],
        className="visits-filter",
    )


def filters_panel(lang: str, view: View) -> html.Div:
    """The controls: year, ministry, visiting body and, when there are visit logs, region and date."""
    _ = translator(lang)
    bodies = body_names(lang)
    pace = mandate_pace(lang, view.year, DEFAULT_BODY).frame
    controls = [
        _radio_group(
            "year", _("Year"), [{"label": str(y), "value": str(y)} for y in visit_years(lang)], str(view.year)
        ),
        _radio_group(
            "sector",
            _("Ministry"),
            [{"label": _("All"), "value": ""}]
            + [{"label": n, "value": a} for a, n in zip(pace["agency"], pace["agency_name"], strict=True)],
            view.sector or "",
        ),
        _radio_group("body", _("Visits by"), [{"label": bodies[b], "value": b} for b in PACE_BODIES], view.body),
    ]
    summary = visit_log_summary()
    if summary["facilities"]:
        region_options = [{"label": _("All regions"), "value": ""}] + [
            {"label": name, "value": code}
            for code, name in regions(lang).sort_values("name")[["code", "name"]].itertuples(index=False)
        ]
        controls.append(
            html.Div(
                [
                    html.Label(_("Region"), htmlFor=_dom_id("region"), className="fw-semibold d-block mb-1"),
                    dbc.Select(id=control_id("region"), options=region_options, value=view.region or ""),
                ],
                className="visits-filter",
            )
        )
        controls.append(
            html.Div(
                [
                    html.Label(
                        _("Date of the coverage count"), htmlFor=_dom_id("date"), className="fw-semibold d-block mb-1"
                    ),
                    dbc.Input(
                        id=control_id("date"),
                        type="date",
                        value=view.log_date(summary),
                        debounce=True,
                        min=summary["first_visit"].isoformat(),
                        max=last_log_date(summary).isoformat(),
                    ),
                ],
                className="visits-filter",
            )
        )
    return html.Div(controls, className="filters d-print-none", role="group", **{"aria-label": _("Filters")})
