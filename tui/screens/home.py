"""The home screen: start a meeting from a template or a file, resume one, open history or actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from agendas.loader import AgendaError, load_agenda
from agendas.model import Agenda
from agendas.templates import TemplateInfo, list_templates, load_template
from sessions.clock import local_stamp
from sessions.datadir import DataDir
from sessions.i18n import resolve_lang, t, tn
from sessions.index import Index
from sessions.session import Session, open_session_error
from sessions.summary import SessionStatus, SessionSummary
from tui.errors import problem_lines
from tui.screens.help import KeysHelpScreen
from tui.screens.keys import help_rows, palette_entries
from tui.screens.premeeting import PreMeetingScreen
from tui.screens.screen_palette import ScreenCommands
from tui.screens.shell import Shell, shell_of
from tui.screens.shell_keys import HOME_KEYS
from widgets.text import literal

TEMPLATE_KEYS = "1234567890"


def templates_first_in(lang: str) -> list[TemplateInfo]:
    """Every built-in template, those in `lang` first, then those in the other language."""
    every = list_templates()
    return [i for i in every if i.language == lang] + [i for i in every if i.language != lang]


def menu_line(key: str, title: str, detail: str = "") -> Content:
    """One menu entry: its key in bold, the title as written, the detail dimmed."""
    parts: list[Content | tuple[str, str]] = [Content(" "), (key, "bold"), Content("  ")]
    parts.append(literal(title))
    if detail:
        parts += [Content("  "), literal(detail, "dim")]
    return Content.assemble(*parts)


def _started(entry: SessionSummary) -> str:
    return local_stamp(entry.started_at, entry.utc_offset) or "-"


class HomeScreen(Screen[None]):
    """Everything starts here; every entry has a key, shown next to it."""

    CSS_PATH = "home.tcss"  # read when the screen is first shown

    AUTO_FOCUS = "#home-menu"
    BINDINGS = [
        *(Binding(key, f"template({n})", show=False) for n, key in enumerate(TEMPLATE_KEYS)),
        Binding("o", "open_file", show=False),
        Binding("r", "resume_latest", show=False),
        Binding("h", "history", show=False),
        Binding("a", "actions", show=False),
        Binding("q", "app.quit", show=False),
        Binding("escape", "menu", show=False),
        Binding("f1", "help", show=False),
    ]
    COMMANDS = {ScreenCommands}

    def __init__(self, datadir: DataDir, lang: str) -> None:
        super().__init__()
        self.datadir = datadir
        self.lang = lang
        self.templates: list[Any] = []
        self.interrupted: list[SessionSummary] = []

    @property
    def minutely(self) -> Shell:
        return shell_of(self)

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="home"):
            yield Static(t("shell.home_title", lang), id="home-title")
            yield Static(t("shell.home_tagline", lang), id="home-tagline")
            yield OptionList(id="home-menu")
            with Horizontal(id="home-file"):
                yield Label(t("shell.file_label", lang), id="home-file-label")
                yield Input(placeholder=t("shell.file_placeholder", lang), id="home-path")
            yield Static("", id="home-problems")
        yield Static(t("shell.home_keys", lang), id="home-keys", classes="keys")

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown: the list is read once then, and again
        # on coming back (a meeting may have been interrupted or ended meanwhile).
        self.refresh_menu()

    # -- the menu ----------------------------------------------------------------------------

    def refresh_menu(self) -> None:
        lang = self.lang
        self.templates = templates_first_in(lang)
        listing = Index(self.datadir).unfinished()
        self.interrupted = [s for s in listing.sessions if s.status is SessionStatus.INTERRUPTED]
        options: list[Option | None] = [Option(t("shell.home_templates", lang), disabled=True)]
        language = None
        for key, info in zip(TEMPLATE_KEYS, self.templates, strict=False):
            if info.language != language:  # the templates grouped by their language
                language = info.language
                heading = f"  {t(f'shell.templates_in.{language}', lang)}"
                options.append(Option(literal(heading, "dim italic"), disabled=True))
            detail = tn("shell.template_detail", lang, info.sections, minutes=info.minutes)
            line = menu_line(key, info.title, f"{info.name} · {detail}")
            options.append(Option(line, id=f"t:{key}"))
        if self.interrupted:
            options.append(None)
            options.append(Option(t("shell.home_resume", lang), disabled=True))
            for n, entry in enumerate(self.interrupted[:9]):
                key = "r" if n == 0 else " "
                detail = tn("shell.resume_detail", lang, entry.items, started=_started(entry))
                title = entry.title or entry.id
                options.append(Option(menu_line(key, title, detail), id=f"s:{entry.id}"))
        options.append(None)
        options.append(Option(t("shell.home_more", lang), disabled=True))
        options.append(Option(menu_line("o", t("shell.home_open_file", lang)), id="open"))
        options.append(Option(menu_line("h", t("shell.home_history", lang)), id="history"))
        options.append(Option(menu_line("a", t("shell.home_actions", lang)), id="actions"))
        options.append(Option(menu_line("q", t("shell.home_quit", lang)), id="quit"))
        menu = self.query_one("#home-menu", OptionList)
        menu.clear_options()
        menu.add_options(options)
        menu.highlighted = 2  # the first template, under the headings
        problems = [f"minutely: {p}" for p in listing.problems]
        self.query_one("#home-problems", Static).update(literal("\n".join(problems)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option_id or ""
        if option_id.startswith("t:"):
            self.action_template(TEMPLATE_KEYS.index(option_id[2:]))
        elif option_id.startswith("s:"):
            self.resume_session(option_id[2:])
        elif option_id == "open":
            self.action_open_file()
        elif option_id == "history":
            self.action_history()
        elif option_id == "actions":
            self.action_actions()
        elif option_id == "quit":
            self.app.exit()

    # -- actions -----------------------------------------------------------------------------

    def action_help(self) -> None:
        rows = help_rows(HOME_KEYS, self.lang)
        self.app.push_screen(KeysHelpScreen(t("shell.help_title", self.lang), rows, self.lang))

    def palette_entries(self) -> list[tuple[str, str]]:
        """The palette's entries (ctrl+p): each template by name, then the screen's actions."""
        lang = self.lang
        entries = [
            (
                t(
                    "shell.palette_template",
                    lang,
                    title=info.title,
                    language=t(f"shell.language.{info.language}", lang),
                ),
                f"template({n})",
            )
            for n, info in enumerate(self.templates)
        ]
        return entries + palette_entries(HOME_KEYS, lang)

    def action_menu(self) -> None:
        self.query_one("#home-menu", OptionList).focus()

    def action_template(self, index: int) -> None:
        if index >= len(self.templates):
            return
        info = self.templates[index]
        self.open_agenda(load_template(info.name, info.language), info.language)

    def action_open_file(self) -> None:
        self.query_one("#home-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if not typed:
            return
        problems = self.query_one("#home-problems", Static)
        try:
            agenda = load_agenda(Path(typed).expanduser())
        except AgendaError as exc:
            problems.update(literal("\n".join(problem_lines(exc.problems, self.lang))))
            return
        except OSError as exc:
            problems.update(literal(f"{typed}: {exc.strerror or exc}"))
            return
        problems.update("")
        self.open_agenda(agenda, resolve_lang(self.minutely.lang_option, agenda.meeting.language))

    def open_agenda(self, agenda: Agenda, lang: str) -> None:
        app = self.minutely
        self.app.push_screen(PreMeetingScreen(agenda, self.datadir, app.clock, lang))

    def action_resume_latest(self) -> None:
        if self.interrupted:
            self.resume_session(self.interrupted[0].id)
        else:
            self.notify(t("shell.nothing_to_resume", self.lang))

    def resume_session(self, session_id: str) -> None:
        app = self.minutely
        try:
            session = Session.resume(self.datadir, session_id, app.clock)
        except Exception as exc:  # locked, ended, damaged: one line, stay here
            message = open_session_error(exc, self.lang)
            self.query_one("#home-problems", Static).update(literal(message))
            self.notify(message, severity="error", markup=False)
            return
        app.start_live(session)

    def action_history(self) -> None:
        from tui.screens.history import HistoryScreen  # lazy: start-up (a meeting starts first)

        self.app.push_screen(HistoryScreen(self.datadir, self.lang))

    def action_actions(self) -> None:
        from tui.screens.actions import ActionsScreen  # lazy: start-up (a meeting starts first)

        self.app.push_screen(ActionsScreen(self.datadir, self.lang, self.minutely.clock))
