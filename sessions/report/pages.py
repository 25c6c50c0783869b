"""The report's blocks as they go on an A4 page (HTML, Word): a table wider than the page is
split into parts side by side in the reading order, each repeating the columns that say which
row it is (a rep, a person, a meeting), so no column is cut off or crushed.

How wide a column must be is the Word minutes' measure (`column_floors`), so both page formats
split alike.
"""

from __future__ import annotations

from sessions.blocks import Table
from sessions.minutes.docx import TEXT_WIDTH_MM, column_floors
from sessions.report.layout import ReportBlock

# Columns repeated in every part: the first, which names the row, unless said here. A meeting
# is named by its title and its date (a series' meetings often share the title).
KEY_COLUMNS = {"scorecard-meetings": 2}


def _groups(floors: list[float], keys: int, room: float) -> list[list[int]]:
    """The other columns in order, in as few parts as fit `room`, as even in count as fit."""
    rest = list(range(keys, len(floors)))
    greedy: list[list[int]] = [[]]
    used = 0.0
    for c in rest:
        if greedy[-1] and used + floors[c] > room:
            greedy.append([])
            used = 0.0
        greedy[-1].append(c)
        used += floors[c]
    size, more = divmod(len(rest), len(greedy))  # the first `more` parts take one column more
    ends = [(i + 1) * size + min(i + 1, more) for i in range(len(greedy))]
    even = [rest[end - size - (i < more) : end] for i, end in enumerate(ends)]
    if all(sum(floors[c] for c in g) <= room for g in even):
        return even
    return greedy


def _part(table: Table, columns: list[int]) -> Table:
    align = table.align.ljust(len(table.header), "l")

    def pick(cells: list[str]) -> list[str]:
        return [cells[c] for c in columns]

    return Table(
        table.name,
        pick(table.header),
        [pick(row) for row in table.rows],
        align="".join(align[c] for c in columns),
        footer=pick(table.footer) if table.footer is not None else None,
    )


def split_to_page(table: Table, width_mm: float = TEXT_WIDTH_MM) -> list[Table]:
    """The table as it is when it fits `width_mm`, else in parts that each fit."""
    floors = column_floors(table)
    if sum(floors) <= width_mm:
        return [table]
    keys = min(KEY_COLUMNS.get(table.name, 1), len(floors) - 1)
    groups = _groups(floors, keys, width_mm - sum(floors[:keys]))
    return [_part(table, [*range(keys), *group]) for group in groups]


def paged(blocks: list[ReportBlock], width_mm: float = TEXT_WIDTH_MM) -> list[ReportBlock]:
    """The blocks with every table too wide for the page split (`split_to_page`)."""
    out: list[ReportBlock] = []
    for block in blocks:
        out += split_to_page(block, width_mm) if isinstance(block, Table) else [block]
    return out
