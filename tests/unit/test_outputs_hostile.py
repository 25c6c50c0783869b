"""No control character leaves Minutely through any command's output, and CSV cells cannot run as formulas.

Each session here is built through the domain API with placeholders, which are then replaced
in the files on disk by a hostile string, as a session file written before agenda text was
checked (or by another version) could hold it: every output must strip control characters
where it writes, whatever the capture and the loader did.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import yaml
from hostile import CONTROL, PRINTABLE, control_free
from icalendar import Calendar
from markdown_it import MarkdownIt

from agendas.model import Agenda, Meeting, Participant, Section, SectionKind
from agendas.text import strip_control
from sessions.actions import change_status
from sessions.clock import FakeClock
from sessions.datadir import DataDir
from sessions.followup import CarriedTopic
from sessions.notice import render_notice
from sessions.session import Session
from sessions.state import carried_actions
from tui.cli import main

# What an HTML page must never let through as markup.
HTML_HOSTILE = ["</title><script>alert(1)</script>", "<img/src=x/onerror=alert(1)>"]
TEXTS = PRINTABLE + CONTROL + HTML_HOSTILE
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_PLACEHOLDER = re.compile(r"QQ([a-z0-9]+)QQ")
# People need names of their own; every other field holds the hostile string itself.
_NAMES = {"bo": " (2)", "stranger": " (3)", "guest": " (4)"}


def p(field: str) -> str:
    return f"QQ{field}QQ"


def hostile_agenda() -> Agenda:
    return Agenda(
        meeting=Meeting(
            title=p("title"),
            series=p("series"),
            location=p("location"),
            facilitator=p("ann"),
            scribe=p("scribe"),
            purpose=p("purpose"),
            language="en",
            rules=(p("rule"),),
        ),
        participants=(
            Participant(p("ann"), p("role"), 100.0, 50.0),
            Participant(p("bo"), "sales", 80.0, 90.0),
        ),
        sections=(
            Section(
                p("followup"),
                300,
                SectionKind.FOLLOWUP,
                presenter=p("ann"),
                materials=(p("material"),),
                goals=(p("goal"),),
            ),
            Section(p("results"), 300, SectionKind.PERFORMANCE, presenter=p("bo")),
            Section(p("targets"), 300, SectionKind.TARGETS),
            Section(p("unreached"), 300),
        ),
        checklist=(p("check"),),
    )


def replace_placeholders(root: Path, text: str) -> None:
    """Put `text` where the placeholders are, in every file of the data folder."""

    def value(match: re.Match[str]) -> str:
        raw = text + _NAMES.get(match[1], "")
        return json.dumps(raw, ensure_ascii=False)[1:-1]

    for path in root.rglob("*.json"):
        content = path.read_text(encoding="utf-8")
        path.write_text(_PLACEHOLDER.sub(value, content), encoding="utf-8")


def hostile_session(root: Path, text: str) -> str:
    datadir = DataDir(root)
    clock = FakeClock()
    carried = [
        {
            "ref": "20261101-0900-aaaa#1",
            "text": p("carriedtext"),
            "owner": p("ann"),
            "due": "2026-11-20",
            "criteria": p("carriedcriteria"),
            "origin": "20261101-0900-aaaa",
            "origin_title": p("origintitle"),
            "origin_date": "2026-11-01",
            "days_overdue": 3,
            "status": "open",
            "comment": None,
        }
    ]
    topics = [CarriedTopic("parking", p("topic"), "x", "2026-11-01")]
    s = Session.start(
        datadir, hostile_agenda(), clock, carried=carried_actions(carried), topics=topics, lang="en"
    )
    s.set_speaker(p("ann"))
    clock.advance(30)
    s.submit(f"/status 1 doing {p('followupcomment')}")
    s.submit(p("note"))
    s.next()
    s.set_speaker(p("bo"))
    clock.advance(20)
    s.submit(f"/k @{p('ann')} {p('kudos')}")
    s.submit(f"/d {p('decision')}")
    s.submit(f"/q {p('question')}")
    s.submit(f"/i {p('idea')}")
    s.submit(f"/p {p('parking')}")
    s.submit(f"/a {p('action')} @{p('ann')} due:2026-12-05 | {p('criteria')}")
    s.submit(f"/a {p('other')} @{p('stranger')}")
    s.submit(f"/here {p('guest')}")
    s.next()
    s.submit(f"/target {p('ann')} 120")
    clock.advance(20)
    s.end()
    s.close()
    action = next(it for it in s.state.items if it.kind.value == "action")
    change_status(datadir, f"{s.id}#{action.id}", "blocked", p("ledgercomment"), 1.0e9, "cli")
    replace_placeholders(root, text)
    return s.id


_SESSIONS: dict[str, Path] = {}


@pytest.fixture
def data_root(request, tmp_path_factory) -> Path:
    """One recorded session per hostile string, shared by every output's test."""
    text = request.param
    if text not in _SESSIONS:
        root = tmp_path_factory.mktemp("hostile") / "data"
        hostile_session(root, text)
        _SESSIONS[text] = root
    return _SESSIONS[text]


# -- running the commands ---------------------------------------------------------------------

COMMANDS = {
    "list": (["list"], "text"),
    "list --json": (["list", "--json"], "json"),
    "actions": (["actions"], "text"),
    "actions --format json": (["actions", "--format", "json"], "json"),
    "actions --format csv": (["actions", "--format", "csv"], "csv"),
    "actions --format ics": (["actions", "--format", "ics"], "ics"),
    "export": (["export", "last"], "md"),
    "export --format md": (["export", "last", "--format", "md"], "md"),
    "export --format html": (["export", "last", "--format", "html"], "html"),
    "export --format json": (["export", "last", "--format", "json"], "json"),
    "export --format docx": (["export", "last", "--format", "docx"], "docx"),
}
# Text formats go to standard output and, with -o, to a file; Word goes to a file only.
TO_STDOUT = [name for name in COMMANDS if "docx" not in name]
TO_FILE = [name for name in COMMANDS if name.startswith(("actions ", "export "))]


def run(capsysbinary, args: list[str]) -> bytes:
    with pytest.raises(SystemExit) as exit_:
        main(args)
    out, err = capsysbinary.readouterr()
    assert exit_.value.code == 0, err.decode()
    assert control_free(err.decode("utf-8"))
    return out


# -- reading the outputs back -----------------------------------------------------------------


def _md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def html_tags(page: str) -> list[str]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def strings_in(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in (*strings_in(k), *strings_in(v))]
    if isinstance(data, list):
        return [s for v in data for s in strings_in(v)]
    return []


def unneutralised(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def check_output(content: bytes, kind: str, text: str) -> None:
    """No control character anywhere, the text shown as written, no markup or formula let through."""
    expected = strip_control(text)
    if kind == "docx":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    assert control_free(archive.read(name).decode("utf-8")), name
        document = docx.Document(io.BytesIO(content))
        shown = [p.text for p in document.paragraphs]
        shown += [c.text for t in document.tables for row in t.rows for c in row.cells]
        assert any(expected in s for s in shown)
        return
    decoded = content.decode("utf-8-sig" if kind == "csv" else "utf-8")
    if kind in ("csv", "ics"):
        # Both formats end their lines with CRLF; a carriage return anywhere else is a leak.
        decoded = decoded.replace("\r\n", "\n")
    assert control_free(decoded)
    if kind == "text":
        assert expected in decoded
    elif kind == "json":
        strings = strings_in(json.loads(decoded))
        assert all(control_free(s) for s in strings)
        assert any(expected in s for s in strings)
    elif kind == "md":
        assert expected in html.unescape(_md().render(decoded))
    elif kind == "html":
        assert expected in html.unescape(decoded)
        tags = html_tags(decoded)
        assert "script" not in tags and "img" not in tags
        assert tags.count("title") == 1
    elif kind == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
        cells = [cell for row in rows[1:] for cell in row]
        assert not [c for c in cells if c.startswith(FORMULA_START)]
        assert any(expected in unneutralised(c) for c in cells)
    elif kind == "ics":
        calendar = Calendar.from_ical(content)
        values = [
            str(todo.get(key, ""))
            for todo in calendar.walk("VTODO")
            for key in ("summary", "description")
        ]
        assert any(expected in v for v in values)
    else:
        raise AssertionError(kind)


@pytest.mark.parametrize("data_root", TEXTS, indirect=True)
@pytest.mark.parametrize("command", TO_STDOUT)
def test_standard_output_holds_no_control_character(command, data_root, capsysbinary, request):
    args, kind = COMMANDS[command]
    out = run(capsysbinary, [*args, "--data-dir", str(data_root)])
    check_output(out, kind, request.node.callspec.params["data_root"])


@pytest.mark.parametrize("data_root", TEXTS, indirect=True)
@pytest.mark.parametrize("command", TO_FILE)
def test_files_written_with_o_hold_no_control_character(
    command, data_root, capsysbinary, tmp_path, request
):
    args, kind = COMMANDS[command]
    target = tmp_path / f"out.{kind}"
    out = run(capsysbinary, [*args, "--data-dir", str(data_root), "-o", str(target)])
    assert out == b""
    check_output(target.read_bytes(), kind, request.node.callspec.params["data_root"])


# -- CSV cells a spreadsheet would run --------------------------------------------------------


@pytest.mark.parametrize(
    "data_root", ['=HYPERLINK("http://x","y")', "+SUM(1+1)", "-2+3", "@cmd", "\tx"], indirect=True
)
def test_csv_neutralises_formulas_and_json_keeps_the_raw_value(data_root, capsysbinary, request):
    text = request.node.callspec.params["data_root"]
    args = ["actions", "--data-dir", str(data_root)]
    rows = list(
        csv.DictReader(
            io.StringIO(
                run(capsysbinary, [*args, "--format", "csv"]).decode("utf-8-sig"), newline=""
            )
        )
    )
    action = next(row for row in rows if row["owner"] == "'" + text)
    assert action["text"] == "'" + text
    assert action["criteria"] == "'" + text
    assert action["origin_title"] == "'" + text
    assert action["comment"] == "'" + text
    assert action["days_overdue"] == "0"  # numbers Minutely writes itself are left alone
    listed = json.loads(run(capsysbinary, [*args, "--format", "json"]))
    raw = next(a for a in listed if a["owner"] == text)
    assert raw["text"] == raw["criteria"] == raw["comment"] == text


# -- the notice -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_notice_of_an_agenda_built_in_code_holds_no_control_character(text, fmt):
    agenda = Agenda.from_dict(
        json.loads(
            _PLACEHOLDER.sub(
                lambda m: json.dumps(text + _NAMES.get(m[1], ""), ensure_ascii=False)[1:-1],
                json.dumps(hostile_agenda().to_dict(), ensure_ascii=False),
            )
        )
    )
    check_output(render_notice(agenda, "en", fmt).encode("utf-8"), fmt, text)


@pytest.mark.parametrize("text", TEXTS)
def test_minutely_notice_shows_printable_text_and_refuses_control_characters(
    text, tmp_path, capsysbinary
):
    agenda = hostile_agenda().to_dict()
    agenda.pop("source", None)
    agenda["participants"][1]["name"] = "Bo"
    source = _PLACEHOLDER.sub(
        lambda m: json.dumps(text, ensure_ascii=False)[1:-1],
        json.dumps(agenda, ensure_ascii=False),
    )
    path = tmp_path / "agenda.yaml"
    path.write_text(yaml.safe_dump(json.loads(source), allow_unicode=True), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["notice", str(path)])
    out, err = capsysbinary.readouterr()
    assert control_free(out.decode("utf-8")) and control_free(err.decode("utf-8"))
    if strip_control(text) == text:
        assert exit_.value.code == 0, err.decode()
        check_output(out, "md", text)
    else:
        assert exit_.value.code == 1
        assert "contains the control character U+" in err.decode("utf-8")
