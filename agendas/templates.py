"""The built-in agenda templates: YAML files shipped in agendas/templates, one per name and language."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

from agendas.loader import load_agenda_text
from agendas.model import LANGUAGES, Agenda
from agendas.text import closest

TEMPLATE_NAMES = (
    "monthly-sales",
    "regional-marketing",
    "weekly-sales",
    "daily-standup",
    "blank",
)


class UnknownTemplate(KeyError):
    """No built-in template has this name or language."""

    def __str__(self) -> str:
        # KeyError's own str() shows the repr of its argument, quotes and all.
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    language: str
    title: str
    sections: int
    minutes: int


def _check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise UnknownTemplate(f"no templates in '{lang}': languages are {', '.join(LANGUAGES)}")
    return lang


def _resolve(name: str, lang: str) -> tuple[str, str]:
    """The template's name and language; `monthly-sales.en` overrides `lang`."""
    name = name.strip()
    base, dot, suffix = name.rpartition(".")
    if dot and base in TEMPLATE_NAMES:
        name, lang = base, suffix
    if name not in TEMPLATE_NAMES:
        hint = closest(name, TEMPLATE_NAMES)
        meant = f" (did you mean '{hint}'?)" if hint else ""
        raise UnknownTemplate(
            f"unknown template '{name}'{meant}: choose one of {', '.join(TEMPLATE_NAMES)}"
        )
    return name, _check_language(lang)


def template_text(name: str, lang: str) -> str:
    """The YAML text of a template, comments included, as `minutely new` copies it."""
    name, lang = _resolve(name, lang)
    return (files("agendas") / "templates" / f"{name}.{lang}.yaml").read_text(encoding="utf-8")


def load_template(name: str, lang: str) -> Agenda:
    """A template as an Agenda whose source is `template:<name>.<lang>`."""
    name, lang = _resolve(name, lang)
    return load_agenda_text(template_text(name, lang), f"template:{name}.{lang}")


def list_templates(lang: str | None = None) -> list[TemplateInfo]:
    """Every template in TEMPLATE_NAMES order, each in zh then en (or only in `lang`)."""
    langs = LANGUAGES if lang is None else (_check_language(lang),)
    infos = []
    for name in TEMPLATE_NAMES:
        for language in langs:
            agenda = load_template(name, language)
            infos.append(
                TemplateInfo(
                    name=name,
                    language=language,
                    title=agenda.meeting.title,
                    sections=len(agenda.sections),
                    minutes=round(agenda.planned_seconds / 60),
                )
            )
    return infos
