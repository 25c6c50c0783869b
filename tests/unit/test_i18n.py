"""The string catalog: zh and en have the same keys and placeholders, and every key the screens use exists."""

from __future__ import annotations

import ast
import importlib
import os
import pkgutil
import re
import string
from datetime import date
from pathlib import Path

import pytest

import sessions.i18n as i18n
from sessions.capture import CaptureError, parse_capture
from sessions.datadir import DataDir
from sessions.disk import SessionLocked, StoreError
from sessions.i18n import CATALOG, LANGS, error_text, t
from sessions.session import SessionError, open_session_error

ROOT = Path(__file__).resolve().parents[2]
SCREEN_DIRS = ("tui", "widgets")
# Constants that name catalog keys outside a t(...) call (tables of labels, help rows).
# A screen's stylesheet (`CSS_PATH = "live.tcss"`) is a file name, not a key.
KEY_LIKE = re.compile(r"^(live|board|key|help|end|mark|palette)\.(?!tcss$)[a-z0-9_.]+$")


def catalog_modules():
    return [
        importlib.import_module(m.name)
        for m in pkgutil.iter_modules(i18n.__path__, i18n.__name__ + ".")
        if m.name.rsplit(".", 1)[-1].startswith("_")
    ]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def used_keys():
    """(file, line, key, is_prefix) for every t("...") and t(f"...") in the screens and widgets,
    and both forms (`.one`, `.other`) of every tn("...")."""
    for folder in SCREEN_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            counted = {
                id(node.args[0])
                for node in ast.walk(tree)
                if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tn"
                and node.args
            }
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                    if node.func.id not in ("t", "tn") or not node.args:
                        continue
                    arg = node.args[0]
                    forms = (".one", ".other") if node.func.id == "tn" else ("",)
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        for form in forms:
                            yield path.name, node.lineno, arg.value + form, False
                    elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                        yield path.name, node.lineno, str(arg.values[0].value), True
                elif (
                    isinstance(node, ast.Constant)
                    and id(node) not in counted
                    and isinstance(node.value, str)
                    and KEY_LIKE.match(node.value)
                ):
                    yield path.name, node.lineno, node.value, False


@pytest.mark.parametrize("module", catalog_modules(), ids=lambda m: m.__name__)
def test_each_module_has_the_same_keys_in_both_languages(module):
    strings = module.STRINGS
    assert set(strings) == set(LANGS)
    en, zh = set(strings["en"]), set(strings["zh"])
    assert sorted(en - zh) == [], "missing in zh"
    assert sorted(zh - en) == [], "missing in en"


def test_the_whole_catalog_matches_and_keeps_its_placeholders():
    assert set(CATALOG["en"]) == set(CATALOG["zh"])
    different = [
        key
        for key in CATALOG["en"]
        if placeholders(CATALOG["en"][key]) != placeholders(CATALOG["zh"][key])
    ]
    assert different == []


def test_no_key_is_defined_twice_across_modules():
    seen: dict[str, str] = {}
    clashes = []
    for module in catalog_modules():
        for key in module.STRINGS["en"]:
            if key in seen:
                clashes.append((key, seen[key], module.__name__))
            seen[key] = module.__name__
    assert clashes == []


def test_every_key_used_by_the_screens_exists():
    found = list(used_keys())
    assert len(found) > 50  # the scan really sees the screens
    missing = []
    for filename, line, key, is_prefix in found:
        if is_prefix:
            if not any(k.startswith(key) for k in CATALOG["en"]):
                missing.append(f"{filename}:{line}: {key}…")
        elif key not in CATALOG["en"]:
            missing.append(f"{filename}:{line}: {key}")
    assert missing == []


def error_keys():
    """(file, line, key, is_prefix, keyword names) for every error raised with key="..." in sessions/."""
    for path in sorted((ROOT / "sessions").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            arg = keywords.pop("key", None)
            if arg is None or None in keywords:  # None: passed on with **params
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield where, arg.value, False, set(keywords)
            elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                yield where, str(arg.values[0].value), True, set(keywords)


def test_every_error_key_exists_in_both_languages_with_its_placeholders():
    found = list(error_keys())
    assert len(found) > 50  # the scan really sees capture, session and store
    assert {where.split(":")[0] for where, *_ in found} >= {
        "sessions/capture.py",
        "sessions/session.py",
        "sessions/store.py",
    }
    problems = []
    for where, key, is_prefix, names in found:
        keys = [k for k in CATALOG["en"] if k.startswith(key)] if is_prefix else [key]
        if not keys:
            problems.append(f"{where}: no key starts with {key}")
        for full in keys:
            for lang in LANGS:
                if full not in CATALOG[lang]:
                    problems.append(f"{where}: {full} missing in {lang}")
                elif placeholders(CATALOG[lang][full]) != names:
                    problems.append(
                        f"{where}: {full} in {lang} wants {placeholders(CATALOG[lang][full])}"
                    )
    assert problems == []


def test_no_error_is_raised_with_an_english_only_message_in_capture_and_session():
    sources = [
        (ROOT / "sessions" / name).read_text(encoding="utf-8")
        for name in ("capture.py", "session.py")
    ]
    assert not any(re.search(r"(CaptureError|SessionError)\(f?[\"']", text) for text in sources)


def test_a_capture_error_speaks_the_meetings_language():
    with pytest.raises(CaptureError) as caught:
        parse_capture("／ｘｙｚ 价格", ["陈静"], date(2026, 11, 27))
    assert str(caught.value) == "unknown command /xyz — F1 lists them (// starts a note)"
    assert error_text(caught.value, "en") == str(caught.value)
    assert error_text(caught.value, "zh") == (
        "未知命令 /xyz：按 F1 查看全部命令（// 开头可记为普通记录）"
    )


@pytest.mark.parametrize(
    ("line", "zh"),
    [
        ("/speaker 老王", "没有叫“老王”的参会人。参会人：陈静, 张伟"),
        ("/a 报价 @陈静 @张伟", "一项待办只能有一个负责人，不能是 陈静, 张伟：只保留一个 @姓名"),
        ("/d", "决议内容为空：在 /d 后面写上决议"),
        (
            "/a 报价 due:明年",
            "看不懂日期 明年：可以写 2026-12-05、12-05、12月5日、+3d、明天、周五、下周一、本周五 或 月底",
        ),
    ],
)
def test_capture_errors_in_chinese(line, zh):
    with pytest.raises(CaptureError) as caught:
        parse_capture(line, ["陈静", "张伟"], date(2026, 11, 27))
    assert error_text(caught.value, "zh") == zh


def test_a_session_error_keeps_the_capture_errors_words():
    refused = SessionError.refusing(CaptureError(key="err.takes_nothing", command="next"))
    assert str(refused) == "/next takes nothing after it"
    assert error_text(refused, "zh") == "/next 后面不需要再写内容"
    last = SessionError(key="err.last_section")
    assert str(last) == "this is the last section; /end finishes the meeting"
    assert error_text(last, "zh") == "这是最后一节；输入 /end 结束会议"


def test_store_errors_shown_on_screen_speak_chinese(tmp_path):
    full = StoreError(key="err.disk_full", path="/data/s.json")
    assert str(full).startswith("/data/s.json: the disk is full")
    assert (
        error_text(full, "zh")
        == "/data/s.json：磁盘已满；已保存的内容都没有丢失。请腾出空间后继续。"
    )
    datadir = DataDir(tmp_path)
    first = datadir.acquire_lock("20261127-0900-abcd")
    try:
        with pytest.raises(SessionLocked) as caught:
            datadir.acquire_lock("20261127-0900-abcd")
    finally:
        os.close(first)
    assert "is open in another Minutely" in str(caught.value)
    assert open_session_error(caught.value, "zh").startswith(
        "会议 20261127-0900-abcd 已在另一个 Minutely 中打开"
    )


def test_an_error_without_a_key_is_shown_as_raised():
    assert error_text(ValueError("boom"), "zh") == "boom"
    assert error_text(SessionError("plain words"), "zh") == "plain words"


def test_strings_format_and_fall_back():
    assert t("live.elapsed", "zh", time="05:00") == "已进行 05:00"
    assert t("live.elapsed", "en", time="05:00") == "Elapsed 05:00"
    assert t("live.elapsed", "fr", time="05:00") == "Elapsed 05:00"
    assert t("no.such.key", "zh") == "no.such.key"


def test_acceptance_criteria_have_one_name_in_chinese():
    # The minutes' action table says 考核标准; the actions screen, `minutely actions`, the
    # digest and the help must not call the same thing 验收标准.
    zh = CATALOG["zh"]
    assert [key for key, text in zh.items() if "验收标准" in text] == []
    assert "考核标准" in zh["min.col.criteria"] and "考核标准" in zh["actions.col.criteria"]
