"""Export formats in one registry: the dispatch, the files written and the command line all read it."""

from __future__ import annotations

import click
import pytest
from minutes_sessions import record_zh

from sessions.formats import ACTION_FORMATS, FORMATS, Format, UnknownFormat, format_named
from sessions.minutes import render_minutes, write_minutes
from tui.cli import cli


def _plain(record, lang: str, live: bool) -> str:  # type: ignore[no-untyped-def]
    return f"{record.id} {lang} {'live' if live else 'ended'}\n"


def test_a_format_registered_is_rendered_and_written_with_its_own_suffix(datadir, monkeypatch):
    session_id = record_zh(datadir)
    monkeypatch.setitem(FORMATS, "txt", Format("txt", ".txt", False, "Text", _plain))
    assert render_minutes(datadir.read(session_id), "txt", "zh") == f"{session_id} zh ended\n"
    path = write_minutes(datadir, session_id, "zh", "txt")
    assert path.name == f"{session_id}.txt"
    assert path.read_text(encoding="utf-8") == f"{session_id} zh ended\n"


@pytest.mark.parametrize("name", ["pdf", "", "MD", "docx "])
def test_an_unknown_format_is_refused_not_written_as_another(datadir, name):
    session_id = record_zh(datadir)
    with pytest.raises(UnknownFormat, match="unknown minutes format"):
        render_minutes(datadir.read(session_id), name, "zh")
    with pytest.raises(UnknownFormat):
        write_minutes(datadir, session_id, "zh", name)
    assert not datadir.exports_dir.exists() or not any(datadir.exports_dir.iterdir())


def test_each_format_writes_its_suffix_and_only_word_is_binary(datadir):
    session_id = record_zh(datadir)
    for fmt in FORMATS.values():
        path = write_minutes(datadir, session_id, "zh", fmt.name)
        assert path.suffix == fmt.suffix
        content = render_minutes(datadir.read(session_id), fmt.name, "zh")
        assert isinstance(content, bytes) is fmt.binary
    assert [f.name for f in FORMATS.values() if f.binary] == ["docx"]
    assert format_named("md").label == "Markdown"


def test_the_command_line_offers_the_registry_formats():
    export = cli.commands["export"]
    option = next(p for p in export.params if p.name == "fmt")
    assert isinstance(option.type, click.Choice)
    assert list(option.type.choices) == list(FORMATS)


def test_the_action_list_formats_have_one_list():
    option = next(p for p in cli.commands["actions"].params if p.name == "fmt")
    assert isinstance(option.type, click.Choice)
    assert list(option.type.choices) == list(ACTION_FORMATS)
