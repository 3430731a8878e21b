"""The report's text: every line addressable (`/report#L1171`, `/report?line=1171`), with a contents list.

This is what every source on the dashboard links to. The page is long (about
2,000 lines), so it is plain HTML: one ordered list per section whose items are
the lines (`<li id="L1171">`), no chart or interactive component per line. The
addressed line is highlighted by CSS (`:target` works without scripts, and a
`?line=` address marks the line on the server); a small clientside callback
scrolls it into view, since the text arrives after the browser has looked for
the anchor.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

import dash
from dash import Input, Output, clientside_callback, dcc, html

from components.chrome import PageTitle, page_description
from components.i18n import N_, translator
from components.page import Param, Params, ParamSpec, Translate, Values, page_view
from components.sources import report_href, section_label
from data_access.queries.report import (
    line_count,
    report_lines,
    report_sha256,
    section_of,
    sections,
    sentence_around,
    valid_line,
)


def _line_items(first: int, last: int, target: int | None) -> list[html.Li]:
    lines = report_lines()
    return [
        html.Li(
            lines[number - 1] or "\u00a0",
            id=f"L{number}",
            value=number,
            className="report-line report-line-target" if number == target else "report-line",
        )
        for number in range(first, last + 1)
    ]


def _contents(lang: str) -> html.Nav:
    _ = translator(lang)
    items = []
    for section in sections():
        label = section_label(section, lang)
        items.append(
            html.Li(
                [
                    html.A(label, href=f"#L{section.first_line}", className="fw-semibold"),
                    " ",
                    html.Span(section.title, lang="kk", className="report-contents-title"),
                ],
                className=f"report-contents-level-{section.level}",
            )
        )
    return html.Nav(
        [html.H2(_("Contents"), className="h5"), html.Ol(items, className="report-contents list-unstyled")],
        id="report-contents",
        **{"aria-label": _("Contents of the report")},
    )


def _addressed(line: int, lang: str) -> html.Section:
    _ = translator(lang)
    section = section_of(line)
    where = ", ".join(
        part for part in (_("Line {n}").format(n=line), section_label(section, lang) if section else "") if part
    )
    sentence = sentence_around(line) or report_lines()[line - 1].strip()
    body = (
        html.Blockquote(sentence, lang="kk", className="report-sentence")
        if sentence
        else html.P(_("This line is empty in the text."), className="text-body-secondary")
    )
    return html.Section(
        [
            html.H2(where, className="h5"),
            body,
            html.A(_("Show it in the text"), href=f"#L{line}", className="d-print-none"),
        ],
        id="report-addressed",
        className="report-addressed card card-body mb-4",
    )


def _text(target: int | None) -> list:
    """The text, one section per block: the lines before the first section (title page, contents) first."""
    blocks = []
    first_section = sections()[0].first_line if sections() else line_count() + 1
    spans = [(1, first_section - 1)] if first_section > 1 else []
    top = [s for s in sections() if s.level == 1]
    spans += [(s.first_line, s.last_line) for s in top]
    for first, last in spans:
        blocks.append(html.Ol(_line_items(first, last, target), start=first, className="report-text", lang="kk"))
    return blocks


def _missing_line(_: Translate, raw: str, values: Values) -> str:
    return _(
        "There is no line with that number in the report's text: it has lines 1 to {last}. Showing the whole text."
    ).format(last=line_count())


class _Lines(Collection[str]):
    """The line numbers of the text, as an address writes them (no list of some 2,000 strings is built)."""

    def __contains__(self, value: object) -> bool:
        return valid_line(value) is not None

    def __iter__(self) -> Iterator[str]:
        return (str(number) for number in range(1, line_count() + 1))

    def __len__(self) -> int:
        return line_count()


PARAMS = ParamSpec((Param("line", _Lines(), notice=_missing_line),))

dash.register_page(
    __name__,
    path="/report",
    name=N_("Report text"),
    title=PageTitle(N_("Report text")),
    description=page_description("/report"),
    params=PARAMS,
)


def report_view(lang: str, params: Params) -> list:
    """The addressed line (if any), the contents and the text with that line highlighted."""
    _ = translator(lang)
    target = valid_line(params.values["line"]) if params.values["line"] is not None else None
    content: list = [
        html.P(
            _("Licence: CC BY 4.0. Text checksum (SHA-256): {checksum}.").format(checksum=report_sha256()),
            className="small text-body-secondary report-checksum",
        )
    ]
    if target is not None:
        content.append(_addressed(target, lang))
    content.append(_contents(lang))
    content.append(
        html.Div(
            _text(target),
            id="report-text",
            className="report-text-wrapper",
            **{"aria-label": _("The report's text, line by line")},
        )
    )
    content.append(dcc.Store(id="report-target", data=target))
    content.append(dcc.Store(id="report-scrolled"))
    return content


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The report's text in the chrome of `lang`; `?line=` addresses one line (highlighted, its sentence shown)."""
    if query.get("line") == "":
        # `?line=` with no number still asks for a line: refused with the notice, unlike an address without it.
        query = {**query, "line": "-"}
    return page_view(
        "report",
        "/report",
        lang,
        query,
        N_("Report text"),
        N_(
            "The text of the special report of the Human Rights Commissioner on counteracting torture (Astana, 2026), in Kazakh, as published with this dashboard's data. It was converted from the report's PDF: charts came out as empty lines or single letters, some table cells were lost and some sentences are broken by stray letters. Every source on the dashboard links to a line of this text."
        ),
        report_view,
        spec=PARAMS,
    )


def line_href(line: int, lang: str) -> str:
    """The address of one line on this page (what sources link to)."""
    return report_href(line, lang)


# The text is rendered after the browser looked for `#L…`: scroll to the addressed line once it is there.
clientside_callback(
    """function (target) {
        var id = target ? "L" + target : (window.location.hash || "").replace(/^#/, "");
        if (!/^L[0-9]{1,6}$/.test(id)) { return window.dash_clientside.no_update; }
        var element = document.getElementById(id);
        if (element) { element.scrollIntoView({block: "center"}); }
        return id;
    }""",
    Output("report-scrolled", "data"),
    Input("report-target", "data"),
)
