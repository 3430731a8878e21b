"""How the figures are computed, each method with an example from the data, and the disclosure rule."""

from __future__ import annotations

from dash import html

from components.formatting import format_number, format_percent, format_value
from components.i18n import translator
from components.units import counted, n_
from data_access.queries.catalog import change_example, disclosure_summary, rate_example, share_example

from .parts import section_heading, sources_text


def worked_example(text: str, sources: object, lang: str, element_id: str) -> html.P:
    """A method's example sentence, followed by the report lines its numbers come from."""
    return html.P(
        [text, " ", html.Span("(" + sources_text(sources, lang) + ")", className="text-body-secondary")],
        id=element_id,
    )


def methods_section(lang: str) -> html.Section:
    """How rates, shares, changes and coverage are computed, each with an example computed from the data."""
    _ = translator(lang)
    parts: list = [
        section_heading("data-methods-title", lang),
        html.P(
            _(
                "The release holds the counts the report prints. Rates, shares and changes are never typed in: the dashboard computes them from the counts when a page is shown, and only from figures that are published for the same period. Where the report prints its own rounding of a rate or share, that printed value is kept as a separate indicator (its code ends in _printed) so that the two can be compared."
            )
        ),
        html.H3(_("Rates per 1,000 convicted persons"), className="h6"),
        html.P(_("Rate = complaints about torture ÷ convicted persons × 1,000, for the same region and year.")),
    ]
    rate = rate_example(lang)
    if rate:
        text = _("Example: {region}, {period}: {complaints} ÷ {prisoners} × 1,000 = {rate}.").format(
            region=rate["region_name"],
            period=rate["period"],
            complaints=format_number(rate["complaints"], lang),
            prisoners=format_number(rate["prisoners"], lang),
            rate=format_value(rate["rate"], "per_1000", lang),
        )
        if rate["printed_rate"] is not None:
            text += " " + _("The report prints {printed}.").format(
                printed=format_value(rate["printed_rate"], "per_1000", lang)
            )
        parts.append(worked_example(text, rate["sources"], lang, "data-rate-example"))
    parts += [
        html.H3(_("Shares"), className="h6"),
        html.P(
            _(
                "Share = part ÷ whole of the same period and breakdown, for example recommendations fulfilled ÷ recommendations issued. A share is shown only when both counts are published."
            )
        ),
    ]
    share = share_example(lang)
    if share:
        text = _("Example: NPM recommendations, {period}: {fulfilled} fulfilled ÷ {issued} issued = {share}.").format(
            period=share["period"],
            fulfilled=format_number(share["fulfilled"], lang),
            issued=format_number(share["issued"], lang),
            share=format_percent(share["share"], lang),
        )
        parts.append(worked_example(text, share["sources"], lang, "data-share-example"))
    parts += [
        html.H3(_("Changes on the period before"), className="h6"),
        html.P(
            _(
                "A change compares the latest published figure with the figure for the period of the same length that ends just before it: 2025 with 2024, a span 2023–2024 with 2021–2022. A span of years is never split into single years, and never compared with a single year."
            )
        ),
    ]
    change = change_example(lang)
    if change:
        sign = "+" if change["change"] > 0 else ""
        text = _(
            "Example: {indicator}: {value} in {period} against {previous} in {previous_period}, a change of {change} ({share})."
        ).format(
            indicator=change["indicator_name"],
            value=format_number(change["value"], lang),
            period=change["period"],
            previous=format_number(change["previous_value"], lang),
            previous_period=change["previous_period"],
            change=sign + format_number(change["change"], lang),
            share=sign + format_percent(change["change_share"], lang),
        )
        parts.append(worked_example(text, change["sources"], lang, "data-change-example"))
    parts += [
        html.H3(_("Coverage of the visit mandate"), className="h6"),
        html.P(
            _(
                "Coverage = facilities under the NPM's mandate visited at least once in the period ÷ facilities under the mandate. The mandate asks for every facility to be visited at least once in four years. Where facility-level visit logs exist, coverage is counted over that four-year window from the logs; the bundled release has none, so coverage uses the counts the report prints. The report gives two different numbers of mandated facilities; see the data notes."
            )
        ),
        html.H3(_("Figures that are not published"), className="h6"),
        html.P(
            _(
                'Where the report names a figure but does not give it (for example the lost cells of Table 3), the figure is kept with the status not published and no value. It is shown as "not published", never as zero, and it is left out of every total, rate and share.'
            )
        ),
    ]
    return html.Section(parts, **{"aria-labelledby": "data-methods-title"})


def disclosure_section(lang: str) -> html.Section:
    """The disclosure rule and how the current release's cells stand against it."""
    _ = translator(lang)
    summary = disclosure_summary()
    return html.Section(
        [
            section_heading("data-disclosure-title", lang),
            html.P(
                _(
                    "The database holds aggregates only: no names, no personal identification numbers, nothing about a person. An import refuses any column that looks like personal data. Figures below the region level (a single facility) are suppressed when they count fewer than {threshold}: such a cell keeps the status suppressed and no value, and is shown as such."
                ).format(threshold=format_number(summary["threshold"], lang))
            ),
            html.P(
                counted(
                    lang,
                    n_(
                        "In the current release: {n} figure published, {not_published} not published by the report, {suppressed} suppressed.",
                        "In the current release: {n} figures published, {not_published} not published by the report, {suppressed} suppressed.",
                    ),
                    summary["published"],
                    not_published=format_number(summary["not_published"], lang),
                    suppressed=format_number(summary["suppressed"], lang),
                ),
                id="data-disclosure-counts",
            ),
        ],
        **{"aria-labelledby": "data-disclosure-title"},
    )
