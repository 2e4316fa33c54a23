"""The layout rules on runs placed by hand: no PDF, so each case shows the geometry the rule is about.

(tests/extractors/test_document_layout.py checks the same rules end to end, on PDFs drawn by make_pdf.)
"""

from __future__ import annotations

from extractors import layout
from extractors.layout import Segment

WIDTH = 600.0
SIZE = 10.0  # the height of a line of text


def run(x0: float, top: float, text: str, width: float | None = None) -> Segment:
    """A run of ``text`` at (x0, top), about 5 points a character wide unless ``width`` says otherwise."""
    return Segment(x0, top, x0 + (width if width is not None else 5.0 * len(text)), top + SIZE, text)


def test_runs_whose_heights_overlap_share_a_line_read_left_to_right() -> None:
    cell = run(300, 101, "No exceptions noted.")  # set a point lower than its neighbour
    first = run(50, 100, "CC6.1")
    below = run(50, 114, "CC6.2")
    lines = layout.visual_lines([cell, below, first])
    assert [[s.text for s in line] for line in lines] == [["CC6.1", "No exceptions noted."], ["CC6.2"]]


def test_baseline_lines_join_characters_of_different_heights() -> None:
    tall = Segment(50, 96, 60, 110, "Hl")  # a letter with an ascender: taller box, same bottom
    short = Segment(62, 103, 80, 110, "ow")
    lines = layout.baseline_lines([short, tall])
    assert [[s.text for s in line] for line in lines] == [["Hl", "ow"]]


def _table(top: float = 100.0) -> list[Segment]:
    """A three-column control matrix under a full-width heading; the second control's description wraps."""
    heading = run(40, top, "Section 4: Tests of controls performed by the service auditor and their results", 520)
    cells = [
        (20, "CC6.1", "Access needs two factors.", "No exceptions."),
        (34, "CC6.2", "New access is approved", "Exception noted."),
        (60, "CC7.2", "Events are monitored.", "No exceptions."),
    ]
    rows = [run(x, top + dy, text) for dy, *texts in cells for x, text in zip((40, 120, 400), texts, strict=True)]
    rows.append(run(120, top + 46, "by the system owner."))
    return [heading, *rows]


def test_a_table_has_one_column_per_cell_and_the_heading_does_not_split_it() -> None:
    bounds = layout.column_bounds(_table(), WIDTH)
    assert len(bounds) == 3
    assert bounds[0][0] == 0.0 and bounds[-1][1] == WIDTH
    assert bounds[1][0] < 120 < bounds[1][1] and bounds[2][0] < 400 < bounds[2][1]


def test_table_rows_start_at_an_identifier_and_a_wrapped_cell_continues_its_row() -> None:
    rows = layout.table_rows(_table(), WIDTH)
    assert rows[0] == ["Section 4: Tests of controls performed by the service auditor and their results"]
    assert rows[1:] == [
        ["CC6.1", "Access needs two factors.", "No exceptions."],
        ["CC6.2", "New access is approved by the system owner.", "Exception noted."],
        ["CC7.2", "Events are monitored.", "No exceptions."],
    ]


def test_a_page_without_aligned_runs_is_one_column() -> None:
    prose = [run(40, 100 + 14 * i, "A paragraph of prose that runs across the page.", 500) for i in range(4)]
    assert layout.column_bounds(prose, WIDTH) == [(0.0, WIDTH)]
    assert layout.column_bounds([], WIDTH) == [(0.0, WIDTH)]


LEFT = ["The service organization", "operates a platform", "in two regions."]
RIGHT = ["Subservice providers", "include a cloud host", "and an SMS gateway."]


def _two_columns() -> list[list[Segment]]:
    """A full-width title, three lines in two columns (gutter at x 200-320), then a full-width paragraph."""
    title = [run(40, 80, "Description of the system", 520)]
    body = [[run(40, 100 + 14 * i, left, 160), run(320, 100 + 14 * i, right, 160)] for i, (left, right) in
            enumerate(zip(LEFT, RIGHT, strict=True))]
    after = [run(40, 150, "A paragraph across the page closes the columns.", 520)]
    return [title, *body, after]


def test_two_columns_between_full_width_lines_form_one_band_with_its_gutter() -> None:
    bands = layout.bands(_two_columns(), WIDTH)
    assert [b.gutter is not None for b in bands] == [False, True, False]
    gutter = bands[1].gutter
    assert gutter is not None and 200 <= gutter[0] < gutter[1] <= 320
    assert layout.reading_text(bands).split("\n") == [
        "Description of the system", *LEFT, *RIGHT, "A paragraph across the page closes the columns.",
    ]


def test_a_table_row_of_three_runs_is_not_two_columns() -> None:
    lines = [[run(40, 100 + 14 * i, "CC6.1", 40), run(200, 100 + 14 * i, "Access", 60),
              run(400, 100 + 14 * i, "No exceptions.", 100)] for i in range(3)]
    assert all(b.gutter is None for b in layout.bands(lines, WIDTH))


def test_columns_read_each_column_top_to_bottom() -> None:
    segments = [s for line in _two_columns()[1:-1] for s in line]
    assert layout.columns(segments, WIDTH) == ["\n".join(LEFT), "\n".join(RIGHT)]
