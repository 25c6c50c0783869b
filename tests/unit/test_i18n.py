"""The string catalog: zh and en have the same keys and placeholders, and every key the screens use exists."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
from pathlib import Path

import pytest

import sessions.i18n as i18n
from sessions.i18n import CATALOG, LANGS, t

ROOT = Path(__file__).resolve().parents[2]
SCREEN_DIRS = ("tui", "widgets")
# Constants that name catalog keys outside a t(...) call (tables of labels, help rows).
KEY_LIKE = re.compile(r"^(live|board|key|help|end|mark|palette)\.[a-z0-9_.]+$")


def catalog_modules():
    return [
        importlib.import_module(m.name)
        for m in pkgutil.iter_modules(i18n.__path__, i18n.__name__ + ".")
        if m.name.rsplit(".", 1)[-1].startswith("_")
    ]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def used_keys():
    """(file, line, key, is_prefix) for every t("...") and t(f"...") in the screens and widgets."""
    for folder in SCREEN_DIRS:
        for path in sorted((ROOT / folder).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                    if node.func.id != "t" or not node.args:
                        continue
                    arg = node.args[0]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        yield path.name, node.lineno, arg.value, False
                    elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                        yield path.name, node.lineno, str(arg.values[0].value), True
                elif (
                    isinstance(node, ast.Constant)
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


def test_strings_format_and_fall_back():
    assert t("live.elapsed", "zh", time="05:00") == "已进行 05:00"
    assert t("live.elapsed", "en", time="05:00") == "Elapsed 05:00"
    assert t("live.elapsed", "fr", time="05:00") == "Elapsed 05:00"
    assert t("no.such.key", "zh") == "no.such.key"
