"""Terminal tables: headings folded onto two lines when a table would not fit the screen."""

from __future__ import annotations

from tui.columns import folded, headings_to_fit, width

FOLLOW = [
    "负责人",
    "分配",
    "完成",
    "按时",
    "逾期完成",
    "未完成",
    "已逾期",
    "已取消",
    "无截止日期",
    "按时完成率",
]
ROW = ["Tom Baker", "9", "3", "3", "0", "6", "6", "0", "0", "33.3%"]


def test_a_heading_folds_at_the_space_or_the_cell_nearest_its_middle():
    assert folded("Done late") == "Done\nlate"
    assert folded("Still open now") == "Still\nopen now"
    assert folded("按时完成率") == "按时\n完成率"
    assert folded("逾期完成") == "逾期\n完成"
    assert folded("排名") == "排名"  # two characters stay whole
    assert folded("Rank") == "Rank"


def test_an_english_word_is_never_cut_in_two():
    """Chinese may break between any two characters; a word of Latin letters may not."""
    assert folded("Planned") == "Planned"
    assert folded("Completion") == "Completion"
    assert folded("Rating") == "Rating"
    assert folded("达成率Completion") == "达成率\nCompletion"


def test_a_table_that_fits_keeps_its_headings_on_one_line():
    labels, two_lines = headings_to_fit(FOLLOW, [ROW], room=160)
    assert labels == FOLLOW and not two_lines


def test_a_table_too_wide_folds_the_headings_that_save_most_until_it_fits():
    labels, two_lines = headings_to_fit(FOLLOW, [ROW], room=76)
    assert two_lines
    assert "按时\n完成率" in labels and "逾期\n完成" in labels
    assert labels[0] == "负责人" and labels[1] == "分配"  # no wider than their cells, or short
    columns = [
        max(max(width(line) for line in label.split("\n")), width(cell)) + 2
        for label, cell in zip(labels, ROW, strict=True)
    ]
    assert sum(columns) <= 76


def test_figures_wider_than_their_headings_fold_nothing():
    labels = ["Rep", "2026-10-08", "2026-11-05"]
    rows = [["张伟", "90.0%（第 2 名）", "110.0%（第 1 名）"]]
    assert headings_to_fit(labels, rows, room=20) == (labels, False)
