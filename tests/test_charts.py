"""Each chart builder on its own: one theme, values written on the marks, "not published" never drawn as zero."""

from __future__ import annotations

import pytest

from components.charts.bars import NAME_ABOVE_WRAP, VALUE_TICKS, bar_figure, bars_figure, wrap_label
from components.charts.spec import BarChart, BarSeries, Reference
from components.charts.theme import COLOURS, NO_DATA_COLOUR, colour, separators
from components.heatmap import HEADER_CHARS, header_label, share_heatmap
from components.small_multiple import trend_bars
from components.span_bars import TITLE_CHARS, SpanBar, SpanPanel, span_panels
from components.stacked_shares import NAME_WRAP, Segment, stacked_share_bars
from components.stage_bars import LabelledBar, labelled_bars


def series(values, colour_role="blue", **options) -> BarSeries:
    names = [f"Region {index}" for index in range(len(values))]
    labels = ["not published" if value is None else str(value) for value in values]
    return BarSeries("Complaints", names, values, labels, labels, colour=colour_role, **options)


# ---------------------------------------------------------------- theme


def test_a_colour_is_named_by_its_role_and_an_unknown_role_is_refused():
    assert colour("within") == COLOURS["within"] and colour("no_data") == NO_DATA_COLOUR
    with pytest.raises(KeyError):
        colour("#ff0000")


@pytest.mark.parametrize(("lang", "expected"), [("en", ".,"), ("ru", ", "), ("kk", ", ")])
def test_numbers_on_charts_use_the_languages_separators(lang, expected):
    assert separators(lang) == expected
    assert bar_figure(BarChart([series([1.5])]), lang).layout.separators == expected


# ---------------------------------------------------------------- the bar builder


def test_a_value_not_published_has_no_visible_bar_but_keeps_its_words():
    figure = bar_figure(BarChart([series([4.0, None, 2.0])]), "en")
    bar = figure.data[0]
    assert list(bar.x) == [4.0, 0, 2.0]  # length 0: it cannot read as a share or a count
    assert bar.marker.color[1] == "rgba(0,0,0,0)" and bar.marker.color[0] == colour("blue")
    assert list(bar.text) == ["4.0", "not published", "2.0"]


def test_each_bar_takes_the_colour_of_its_role():
    figure = bar_figure(BarChart([series([3.0, 1.0], colour_role=["beyond", "within"])]), "en")
    assert list(figure.data[0].marker.color) == [colour("beyond"), colour("within")]


def test_the_reference_line_and_its_label_sit_at_the_value_and_the_axis_leaves_room_for_it():
    spec = BarChart([series([2.0, 1.0])], reference=Reference(4.0, "mandate: 4 years"))
    figure = bar_figure(spec, "en")
    (line,) = figure.layout.shapes
    assert line.x0 == line.x1 == 4.0 and line.line.dash == "dash"
    assert figure.layout.annotations[0].text == "mandate: 4 years"
    assert figure.layout.xaxis.range[1] > 4.0


def test_the_reference_label_sits_above_the_plot_ends_at_the_line_past_the_axis_middle_and_goes_over_lines():
    low = bar_figure(BarChart([series([20.0, 1.0])], reference=Reference(6.0, "Kazakhstan: 6.0")), "en")
    high = bar_figure(BarChart([series([20.0, 1.0])], reference=Reference(15.0, "Kazakhstan: 15.0")), "en")
    for figure in (low, high):
        (label,) = figure.layout.annotations
        # Above the plot (paper y = 1, anchored at its bottom): no bar's value label is up there.
        assert label.yref == "paper" and label.y == 1 and label.yanchor == "bottom"
        assert figure.layout.margin.t >= 30
    assert low.layout.annotations[0].xanchor == "left" and high.layout.annotations[0].xanchor == "right"
    long_label = "Kazakhstan as a whole: 6.1 per 1,000"
    wrapped = bar_figure(BarChart([series([20.0, 1.0])], reference=Reference(6.0, long_label)), "en")
    assert "<br>" in wrapped.layout.annotations[0].text
    assert wrapped.layout.annotations[0].text.replace("<br>", " ") == long_label
    assert wrapped.layout.margin.t > low.layout.margin.t


def test_a_value_axis_has_few_ticks_and_its_title_goes_over_lines():
    spec = BarChart([series([700.0, 20.0])], axis_title="Per 1,000 prisoners held in the region")
    axis = bar_figure(spec, "en").layout.xaxis
    assert axis.nticks == VALUE_TICKS <= 3
    assert "<br>" in axis.title.text and axis.title.text.replace("<br>", " ") == spec.axis_title
    # Labels of 1 000 and more: two ticks, 0 and the round number below the axis's end.
    assert list(bar_figure(BarChart([series([4568.0, 20.0])]), "en").layout.xaxis.tickvals) == [0, 4000]
    assert axis.tickvals is None
    upright = bar_figure(BarChart([series([0.5])], horizontal=False, axis_title=spec.axis_title), "en")
    assert upright.layout.yaxis.title.text == spec.axis_title  # along the height: one line


def test_names_above_the_bars_leave_the_bars_the_full_width():
    long_name = "Pre-trial investigations registered after the visits on the facts found"
    bars = BarSeries("Number", ["Disciplinary", long_name], [337.0, 3.0], ["337 persons", "3 cases"], ["", ""])
    figure = bar_figure(BarChart([bars], names_above=True), "en")
    # No names beside the bars: each is written above its own bar, from the axis's start, over lines.
    assert figure.layout.yaxis.showticklabels is False
    names = [annotation.text for annotation in figure.layout.annotations]
    assert [name.replace("<br>", " ") for name in names] == ["Disciplinary", long_name]
    assert all(len(line) <= NAME_ABOVE_WRAP for name in names for line in name.split("<br>"))
    assert all(annotation.x == 0 and annotation.xanchor == "left" for annotation in figure.layout.annotations)
    # The bar fills the bottom of its row (it ends at the row's edge, 0.5 past the category), the name
    # the rest of the row above it: its bottom is the bar's top.
    bar = figure.data[0]
    assert bar.offset + bar.width == pytest.approx(0.5)
    assert [a.y for a in figure.layout.annotations] == pytest.approx([0.5 - bar.width, 1.5 - bar.width])
    assert all(a.yanchor == "bottom" for a in figure.layout.annotations)
    # The rows grow with the names' lines.
    short = bar_figure(
        BarChart([BarSeries("Number", ["A", "B"], [1.0, 2.0], ["1", "2"], ["", ""])], names_above=True), "en"
    )
    assert figure.layout.height > short.layout.height


def test_names_above_grouped_bars_put_each_series_bar_under_the_name():
    first = BarSeries("Mandated", ["MIA", "MoH"], [100.0, 50.0], ["100", "50"], ["", ""])
    second = BarSeries("Visits", ["MIA", "MoH"], [10.0, 5.0], ["10", "5"], ["", ""], colour="orange")
    figure = bar_figure(BarChart([first, second], names_above=True), "en")
    one, two = figure.data
    assert one.offset + one.width == pytest.approx(two.offset)  # side by side, the second under the first
    assert two.offset + two.width == pytest.approx(0.5)
    assert figure.layout.annotations[0].y == pytest.approx(one.offset)  # the name above both


def test_several_series_get_a_legend_and_one_series_none():
    one = bars_figure([series([1.0])], "en")
    two = bars_figure([series([1.0]), series([2.0], colour_role="orange")], "en", barmode="group")
    assert one.layout.showlegend is False and two.layout.showlegend is True
    assert [trace.name for trace in two.data] == ["Complaints", "Complaints"]


def test_vertical_bars_put_values_on_the_y_axis():
    figure = bar_figure(BarChart([series([1.0, 2.0])], horizontal=False, percent_axis=True), "en")
    assert list(figure.data[0].y) == [1.0, 2.0] and figure.layout.yaxis.tickformat == ".0%"


def test_long_category_names_are_wrapped_and_none_keeps_them_whole():
    assert wrap_label("Karaganda region penal colonies", 12).count("<br>") >= 2
    assert wrap_label("Karaganda region penal colonies", None) == "Karaganda region penal colonies"


# ---------------------------------------------------------------- the other builders


def test_the_small_multiple_highlights_the_latest_bar_and_writes_missing_years():
    figure = trend_bars(["2023", "2024", "2025"], [3.0, None, 5.0], ["3", "not published", "5"], "en")
    bars, words = figure.data
    assert list(bars.x) == ["2023", "2025"] and list(bars.marker.color) == [colour("blue"), colour("dark_highlight")]
    assert list(words.x) == ["2024"]


def test_labelled_bars_write_a_missing_value_in_words_and_draw_no_bar():
    bars = [LabelledBar("Complaints", "persons", 240.0, "240"), LabelledBar("Convicted", "persons", None, "n/p")]
    figure = labelled_bars(bars, "en", colour="green")
    assert list(figure.data[0].x) == [240.0] and figure.data[0].marker.color == colour("green")
    assert any("n/p" in annotation.text for annotation in figure.layout.annotations)


def test_a_two_year_total_is_one_bar_across_both_years():
    panel = SpanPanel("Convicted", [SpanBar(2023, 2024, 84.0, "84 (2023–2024)"), SpanBar(2025, 2025, 19.0, "19")])
    figure = span_panels([panel], "en", 2022, 2025, "not published")
    widths = [trace.width for trace in figure.data if trace.type == "bar"]
    assert any(width is not None and max(width if isinstance(width, tuple) else [width]) > 1 for width in widths)
    assert "not published" in " ".join(str(annotation.text) for annotation in figure.layout.annotations)


def test_stacked_shares_hatch_the_unknown_part_and_leave_missing_rows_empty():
    segments = [
        Segment("fulfilled", [0.5, None], "green", ["50%", ""], ["", ""]),
        Segment("unknown", [0.5, None], "", ["50%", ""], ["", ""], hatched=True),
    ]
    figure = stacked_share_bars(["MIA", "MoJ"], segments, [None, "not published"], "en")
    assert figure.data[1].marker.pattern.shape == "/" and figure.data[1].marker.color == NO_DATA_COLOUR
    assert list(figure.data[-1].text) == ["not published"]


def test_a_row_whose_every_part_is_unknown_gets_words_and_no_bar_of_any_length():
    segments = [
        Segment("fulfilled", [0.5, None], "green", ["50%", ""], ["", ""]),
        Segment("unknown", [0.5, 1.0], "", ["", "status not published"], ["", ""], hatched=True),
    ]
    figure = stacked_share_bars(["MIA", "MoJ"], segments, [None, "status not published"], "en")
    hatched = figure.data[1]
    assert list(hatched.x) == [0.5, None]  # MoJ's 100 % unknown is not drawn as a full bar
    assert list(figure.data[-1].y) == ["MoJ"] and list(figure.data[-1].text) == ["status not published"]


def test_a_long_row_name_goes_over_lines_and_the_rows_grow_to_hold_it():
    segments = [Segment("fulfilled", [0.5] * 6, "green", ["50%"] * 6, [""] * 6)]
    names = ["MIA", "MoJ", "MoH", "MoD", "NSC", "MLSP"]
    short = stacked_share_bars(names, segments, [None] * 6, "en")
    long_name = "Regional representatives · all state bodies and their institutions"
    wrapped = stacked_share_bars([*names[:5], long_name], segments, [None] * 6, "en")
    assert "<br>" in wrapped.layout.annotations[5].text
    assert wrapped.layout.height > short.layout.height


def test_a_stacked_rows_name_and_a_panels_title_keep_lines_that_fit_a_phone():
    long_name = "Regional representatives · Penal System Committee and its institutions"
    segments = [Segment("fulfilled", [0.5], "green", ["50%"], [""])]
    figure = stacked_share_bars([long_name], segments, [None], "en")
    assert NAME_WRAP <= 30 and all(len(line) <= NAME_WRAP for line in figure.layout.annotations[0].text.split("<br>"))
    title = "Investigations ended for lack of evidence of a crime (cases)"
    panels = span_panels([SpanPanel(title, [SpanBar(2020, 2020, 5.0, "5")])], "en", 2020, 2020, "n/p")
    written = panels.layout.annotations[0].text
    lines = written.removeprefix("<b>").removesuffix("</b>").split("<br>")
    assert TITLE_CHARS <= 22 and all(len(line) <= TITLE_CHARS for line in lines), written


def test_heat_map_headers_go_over_narrow_lines_and_split_a_long_word_between_consonants():
    assert header_label("Все государственные органы") == "Все<br>государ-<br>ственные<br>органы"
    assert header_label("Penal System Committee") == "Penal<br>System<br>Com-<br>mittee"
    assert header_label("МВД") == "МВД"
    figure = share_heatmap(
        ["MIA", "All state bodies"], ["Almaty"], [[0.2, 0.3]], [["20%", "30%"]], [["", ""]], "n/p", "en"
    )
    assert list(figure.data[1].x) == ["MIA", "All<br>state<br>bodies"]
    assert all(len(line) <= HEADER_CHARS for column in figure.data[1].x for line in column.split("<br>"))


def test_the_heat_map_never_colours_a_missing_cell():
    figure = share_heatmap(["MIA"], ["Almaty", "Astana"], [[0.2], [None]], [["20%"], [""]], [["", ""]], "n/p", "en")
    grey, coloured = figure.data
    assert [list(row) for row in grey.z] == [[None], [1]]
    assert [list(row) for row in coloured.z] == [[0.2], [None]]


def test_the_heat_map_outlines_a_highlighted_column_and_writes_its_header_in_bold():
    columns = ["MIA", "Penal<br>System"]
    shares = [[0.2, None], [None, 0.5], [0.3, 0.1]]
    texts = [["20%", "–"], ["–", "50%"], ["30%", "10%"]]
    figure = share_heatmap(columns, ["A", "B", "C"], shares, texts, [[""] * 2] * 3, "n/p", "en", highlight=columns[1])
    (outline,) = figure.layout.shapes
    assert (outline.x0, outline.x1, outline.y0, outline.y1) == (0.5, 1.5, -0.5, 2.5)
    assert outline.line.color == colour("text") and outline.fillcolor == "rgba(0,0,0,0)"
    assert list(figure.layout.xaxis.ticktext) == ["MIA", "<b>Penal</b><br><b>System</b>"]
    assert list(figure.layout.xaxis.tickvals) == columns
    # The highlight changes no cell: grey stays grey, shares keep their colour.
    assert [list(row) for row in figure.data[0].z] == [[None, 1], [1, None], [None, None]]
    assert not share_heatmap(columns, ["A"], [[0.2, 0.1]], [["", ""]], [["", ""]], "n/p", "en").layout.shapes
    assert not share_heatmap(columns, ["A"], [[0.2, 0.1]], [["", ""]], [["", ""]], "n/p", "en", "MoF").layout.shapes


def test_the_heat_map_writes_each_cells_words_once():
    figure = share_heatmap(["MIA"], ["Almaty", "Astana"], [[0.2], [None]], [["20%"], ["–"]], [["", ""]], "n/p", "en")
    grey, coloured = figure.data
    assert [list(row) for row in grey.text] == [[""], ["–"]]
    assert [list(row) for row in coloured.text] == [["20%"], [""]]
