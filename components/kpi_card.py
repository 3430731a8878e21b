"""The one KPI card: a value, its unit, the change on the year before in words, a sentence, the source."""

from __future__ import annotations

from dash import dcc, html

from .formatting import format_number, format_percent, is_missing
from .i18n import ngettext, translator
from .sources import linked_line_mentions, source_links
from .units import COUNT_FORMS, count_parts


def _source_list(source: str | list[str]) -> list[str]:
    # A `Source` is a str too: only a list (several sources) is taken apart.
    return list(source) if isinstance(source, list | tuple) else [source] if source else []


def points_change_in_words(difference: float, previous_period: str, lang: str) -> str:
    """'Up 0.4 percentage points on 2024': a change of a percentage, named in percentage points.

    Never as a per cent of the earlier percentage: "up 2.0 %" of a share reads as two points.
    """
    _ = translator(lang)
    amount = round(abs(float(difference)), 1)
    if amount == 0:
        return _("Unchanged on {period}").format(period=previous_period)
    number = format_number(amount, lang, 0 if amount.is_integer() else 1)
    # 1 percentage point, 2 / 5 percentage points: a whole number takes its count's plural form; a fraction
    # takes a form of its own in Russian ("0,4 процентного пункта"), not that of 2.
    points = (
        ngettext(lang, "{n} percentage point", "{n} percentage points", amount)
        if amount.is_integer()
        else _("{n} percentage points")
    ).format(n=number)
    template = _("Up {points} on {period}") if difference > 0 else _("Down {points} on {period}")
    return template.format(points=points, period=previous_period)


def change_in_words(
    current: float | None, previous: float | None, previous_period: str | None, lang: str, unit: str | None = None
) -> str:
    """'Up 12 (5.1 %) on 2024' / 'Down …' / 'Unchanged …' / 'No earlier figure'; for a `unit` of "percent",
    the change in percentage points ('Up 0.4 percentage points on 2024')."""
    _ = translator(lang)
    if is_missing(current) or is_missing(previous) or is_missing(previous_period):
        return _("No earlier figure in the report")
    difference = current - previous
    if unit == "percent":
        return points_change_in_words(difference, str(previous_period), lang)
    if difference == 0:
        return _("Unchanged on {period}").format(period=previous_period)
    share = format_percent(abs(difference) / previous, lang) if previous else ""
    amount = format_number(abs(difference), lang, 0 if float(difference).is_integer() else 1)
    template = _("Up {amount} ({share}) on {period}") if difference > 0 else _("Down {amount} ({share}) on {period}")
    return template.format(amount=amount, share=share, period=previous_period)


def kpi_card(
    card_id: str,
    title: str,
    value: float | None,
    unit: str,
    unit_label: str,
    period: str,
    lang: str,
    sentence: str,
    source: str | list[str],
    previous: float | None = None,
    previous_period: str | None = None,
    href: str | None = None,
    link_text: str | None = None,
    note: str | None = None,
    note_summary: str | None = None,
    change_text: str | None = None,
) -> html.Section:
    """One headline figure with its change on the previous period, where it comes from, and any data note.

    The data note (often arithmetic across report lines) is folded away under `note_summary`, the note's
    point in one line, so that the card stays short; without one it is folded under "Data note".
    `change_text` replaces the change in words where no change may be shown (say, why not).
    """
    _ = translator(lang)
    previous = None if is_missing(previous) else previous
    change = change_text or change_in_words(value, previous, previous_period, lang, unit)
    direction = "flat"
    if not is_missing(value) and previous is not None:
        direction = "up" if value > previous else "down" if value < previous else "flat"
    number, unit_words = count_parts(value, unit, lang)
    if unit not in COUNT_FORMS:
        unit_words = unit_label  # a rate or an amount: the caller's words ("per 1,000 convicted persons")
    children = [
        html.H2(title, className="h6 kpi-title", id=f"{card_id}-title"),
        html.P(
            [
                html.Span(number, className="kpi-value"),
                " ",
                html.Span(unit_words, className="kpi-unit"),
            ],
            className="mb-1",
        ),
        html.P(f"{period}", className="kpi-period mb-1"),
        html.P(change, className=f"kpi-change kpi-{direction} mb-2"),
        html.P(sentence, className="kpi-sentence"),
        html.P(
            [html.Span(_("Source") + ": ", className="fw-semibold"), *source_links(_source_list(source), lang)],
            className="card-source",
        ),
    ]
    if note:
        children.append(
            html.Details(
                [
                    html.Summary(note_summary or _("Data note")),
                    html.P(linked_line_mentions(note, lang), className="mb-0"),
                ],
                className="card-notes kpi-note",
            )
        )
    if href:
        children.append(dcc.Link(link_text or _("Read more"), href=href, className="kpi-link"))
    return html.Section(
        html.Div(children, className="card-body"),
        className="card kpi-card h-100",
        id=card_id,
        **{"aria-labelledby": f"{card_id}-title"},
    )
