"""A realistic history for benchmarks: years of sales meetings written straight in the store's format.

`cached_history(n)` builds `n` sessions once into `/tmp/minutely-bench/<n>` (one process per
CPU, a series chain each) and reuses the folder on later runs.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from agendas.model import Agenda
from agendas.templates import load_template
from sessions.datadir import DataDir
from sessions.disk import write_atomic
from sessions.store import SCHEMA

TEMPLATES = (
    ("monthly-sales", "zh"),
    ("weekly-sales", "zh"),
    ("daily-standup", "zh"),
    ("regional-marketing", "zh"),
    ("monthly-sales", "en"),
    ("weekly-sales", "en"),
    ("daily-standup", "en"),
)

# Bank sentences are format strings ({n}, {region}, {client}, {day}); the seed article's
# sentences join the Chinese notes, so that full-text search has varied prose to go through.
ZH = {
    "note": [
        "华东区本月回款率 {n}%，比上月高 3 个点",
        "苏州经销商反馈账期太短，希望延长到 60 天",
        "新品组合在商超渠道的铺货率只有 {n}%",
        "竞品 B 在杭州降价 8%，我们的报价暂不跟进",
        "张伟本月签下两家连锁客户，完成率 {n}%",
        "客服部投诉量下降，主要是物流延误",
        "{client} 的续约报价下周五前要给到",
    ],
    "decision": [
        "12 月主推新品组合，价格不降",
        "重点客户的拜访频率改为每两周一次",
        "市场部下月在南京做一次渠道推介会",
    ],
    "action": [
        "跟进 A 客户的年度框架报价",
        "整理本月逾期回款清单并逐一电话确认",
        "准备下月销售培训的案例",
        "更新重点客户的拜访计划",
    ],
    "question": ["竞品的返点政策到底是多少？", "物流延误的责任怎么划分？"],
    "idea": ["试试在公众号做一次限时团购", "把老客户转介绍做成固定奖励"],
    "parking": ["年会的场地问题下次再议", "CRM 换系统的事单独开会"],
    "kudos": ["签下年度最大单", "主动帮新人跑客户"],
}
EN = {
    "note": [
        "Collections at {n}% this month, up 3 points",
        "The Suzhou distributor wants a longer credit term",
        "Shelf coverage of the new bundle is only {n}% in supermarkets",
        "Competitor B cut prices by 8% in Hangzhou; we hold ours",
        "Tom closed two chain accounts, {n}% of target",
        "Pipeline review for the {region} region shows {n} new leads",
        "Follow up with {client} on the renewal quote",
        "Competitor dropped prices by {n} percent in {region}",
        "Training on objection handling next {day}",
        "Demo for {client} moved to {day}",
        "Marketing to share the trade show leads with sales",
        "Customer service reported {n} open complaints",
    ],
    "decision": [
        "Push the new bundle in December, no price cut",
        "Key accounts are visited every two weeks",
    ],
    "action": [
        "send the revised forecast to finance",
        "call every overdue account on the list",
        "prepare the role-play cases for training",
        "update the key-account visit plan",
    ],
    "question": ["What exactly is the competitor's rebate?", "Who owns the delivery delays?"],
    "idea": ["Run a flash group-buy on the official account", "Reward referrals from old clients"],
    "parking": ["Venue for the annual party", "Switching CRM needs its own meeting"],
    "kudos": ["closed the biggest deal of the year", "helped the new hire with field visits"],
}
REGIONS = ["east", "north", "south", "west", "Shanghai", "Hangzhou"]
CLIENTS = ["Acme", "Globex", "Initech", "Umbrella", "华润", "万科", "Hooli"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
KINDS = {
    "note": 50,
    "decision": 10,
    "action": 20,
    "question": 8,
    "idea": 5,
    "parking": 4,
    "kudos": 3,
}
CRITERIA = {
    "zh": ["客户书面确认", "清单发到群里", "培训后测验通过"],
    "en": ["client signs", "list shared", "quiz passed"],
}
GUEST_NAMES = {"zh": "赵总", "en": "Ms Rivera"}
SEED_TEXT = Path("/work/shared/seed/000_bfd8a2523a4bc8ba.txt")


@dataclass
class History:
    """What was built: the data directory, and how many items each planted word went into."""

    datadir: DataDir
    planted: dict[str, int] = field(default_factory=dict)


def _seed_sentences() -> list[str]:
    """Sentences of the article the templates come from, as format-safe strings (none if absent)."""
    try:
        text = SEED_TEXT.read_text(encoding="utf-8")
    except OSError:
        return []
    parts = [p.strip() for chunk in text.split("\n") for p in chunk.replace("。", "，").split("，")]
    return [p.replace("{", "{{").replace("}", "}}") for p in parts if 6 <= len(p) <= 60]


class _Writer:
    """Item texts, the planted word and the follow-up chain of each series, across sessions."""

    def __init__(
        self,
        rng: random.Random,
        kinds: Mapping[str, int],
        plant: Mapping[str, str],
        plant_rate: float,
        done_share: float,
    ) -> None:
        self.rng = rng
        self.done_share = done_share
        self.kinds, self.weights = list(kinds), list(kinds.values())
        self.plant, self.plant_rate = plant, plant_rate
        self.planted = dict.fromkeys(plant.values(), 0)
        self.banks = {"zh": {**ZH, "note": ZH["note"] + _seed_sentences()}, "en": EN}

    def text(self, kind: str, lang: str) -> str:
        rng = self.rng
        text: str = rng.choice(self.banks[lang][kind]).format(
            n=rng.randint(40, 120),
            region=rng.choice(REGIONS),
            client=rng.choice(CLIENTS),
            day=rng.choice(DAYS),
        )
        word = self.plant.get(lang)
        if word and rng.random() < self.plant_rate:
            text = f"{text} {word}" if rng.random() < 0.5 else f"{word} {text}"
            self.planted[word] += 1
        return text

    def session(
        self,
        session_id: str,
        started: datetime,
        agenda: Agenda,
        lang: str,
        items: int,
        carried: list[dict[str, Any]],
        previous: str | None,
    ) -> dict[str, Any]:
        """One ended meeting as a `Session` writes it: TinyDB tables `meta` and `events`.

        The series' open actions it inherited (`carried`) are followed up in its first
        section, most of them done, as in a team that keeps its word.
        """
        rng = self.rng
        t0 = started.timestamp()
        names = list(agenda.names) or ["王磊", "张伟"]
        events: list[dict[str, Any]] = []

        def add(event_type: str, at: float, /, **payload: Any) -> None:
            events.append(
                {"seq": len(events) + 1, "type": event_type, "at": round(at, 3), **payload}
            )

        for name in names:
            status = rng.choices(["present", "late", "absent"], [88, 8, 4])[0]
            add("attendance", t0, name=name, status=status, arrived=status != "late")
        add("started", t0)
        at, item_id, speaker = t0, 0, None
        sections = agenda.sections
        per_section = max(1, items // max(1, len(sections)))
        planned = t0
        for index, section in enumerate(sections):
            if index:
                at += rng.uniform(20, 60)
                add("section", at, index=index)
            if index == 0:
                for action in carried:
                    at += rng.uniform(5, 20)
                    still = (1 - self.done_share) / 2
                    status = rng.choices(
                        ["done", "doing", "blocked"], [self.done_share, still, still]
                    )[0]
                    add("followup", at, ref=action["ref"], status=status, comment=None)
            last = index == len(sections) - 1
            for _ in range(items - item_id if last else min(per_section, items - item_id)):
                at += rng.uniform(5, 40)
                if rng.random() < 0.3:
                    speaker = rng.choice(names)
                    add("speaker", at, name=speaker)
                kind = rng.choices(self.kinds, self.weights)[0]
                item_id += 1
                is_action = kind == "action"
                due = started.date() + timedelta(days=rng.randint(1, 30)) if is_action else None
                add(
                    "item",
                    at,
                    id=item_id,
                    kind=kind,
                    text=self.text(kind, lang),
                    section=index,
                    owner=rng.choice(names) if kind in ("action", "kudos") else None,
                    owner_known=True,
                    due=due.isoformat() if due else None,
                    criteria=rng.choice(CRITERIA[lang]) if is_action else None,
                    speaker=speaker,
                )
                if rng.random() < 0.03:
                    add("item_undone", at + 2, id=item_id)
            planned += section.duration
            at = max(at, planned)
        if rng.random() < 0.1:
            add("attendance", at, name=GUEST_NAMES[lang], status="present", arrived=True)
        add("ended", at + rng.uniform(30, 120))
        meta = {
            "schema": SCHEMA,
            "id": session_id,
            "title": agenda.meeting.title,
            "series": agenda.meeting.series,
            "lang": lang,
            "created": started.isoformat(timespec="seconds"),
            "utc_offset": 8 * 3600,
            "agenda": agenda.to_dict(),
            "carried": carried,
            "previous": previous,
        }
        return {"meta": {"1": meta}, "events": {str(e["seq"]): e for e in events}}


def _to_follow_up(
    session_id: str, doc: dict[str, Any], carried: list[dict[str, Any]], carry_open: bool
) -> list[dict[str, Any]]:
    """What the next meeting of the series follows up: carried actions not done, then new ones."""
    events = list(doc["events"].values())
    done = {e["ref"] for e in events if e["type"] == "followup" and e["status"] == "done"}
    undone = {e["id"] for e in events if e["type"] == "item_undone"}
    still_open = [a for a in carried if a["ref"] not in done] if carry_open else []
    for e in events:
        if e["type"] == "item" and e["kind"] == "action" and e["id"] not in undone:
            still_open.append(
                {
                    "ref": f"{session_id}#{e['id']}",
                    "text": e["text"],
                    "owner": e["owner"],
                    "due": e["due"],
                    "criteria": e["criteria"],
                    "origin": session_id,
                }
            )
    return still_open


NEWEST = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
UTC_OFFSET = 8 * 3600  # the sessions' local time: Beijing
# One team runs the seven series of TEMPLATES; a bigger history is more teams (a region
# each), so that a series stays about as long as at 2,000 sessions (some 285 meetings over
# three years) however large the history: a history grows with teams, not with one series.
SESSIONS_PER_TEAM = 2000
TEAM_REGIONS = ["east", "north", "south", "west", "central", "Shanghai", "Hangzhou", "Suzhou"]
CACHE_ROOT = Path("/tmp/minutely-bench")


@dataclass(frozen=True)
class Plan:
    """Who writes what: `sessions` meetings in `teams` × templates chains, a meeting every `hours`."""

    sessions: int
    items: tuple[int, int] = (80, 120)
    seed: int = 7
    series: tuple[tuple[str, str], ...] = TEMPLATES
    kinds: tuple[tuple[str, int], ...] = tuple(KINDS.items())
    plant: tuple[tuple[str, str], ...] = ()
    plant_rate: float = 0.01
    follow_up: bool = True
    done_share: float = 0.85
    carry_open: bool = True
    locks: bool = True

    @property
    def teams(self) -> int:
        return max(1, -(-self.sessions // SESSIONS_PER_TEAM))

    @property
    def hours(self) -> float:
        return 13 / self.teams

    @property
    def chains(self) -> int:
        return len(self.series) * self.teams

    def chain_of(self, n: int) -> int:
        """The chain (template × team) of the `n`th newest session."""
        width = len(self.series)
        return n % width + width * ((n // width) % self.teams)

    def started(self, n: int) -> datetime:
        return NEWEST - timedelta(hours=self.hours * n)


def newest_row_date(plan: Plan | None = None) -> str:
    """The date column of the history screen's first row (the newest session), in its local time."""
    started = (plan.started(0) if plan else NEWEST) + timedelta(seconds=UTC_OFFSET)
    return f"{started:%Y-%m-%d %H:%M}"


def _team_agenda(agenda: Agenda, lang: str, team: int) -> Agenda:
    """The template's agenda as team `team` runs it: its own series (English meetings apart)."""
    series = agenda.meeting.series or "meetings"
    title = agenda.meeting.title
    if lang == "en":
        series = f"{series}-intl"
    if team:
        region = TEAM_REGIONS[team % len(TEAM_REGIONS)]
        series = f"{series}-{region}{team}"
        title = f"{title} ({region} {team})"
    return replace(agenda, meeting=replace(agenda.meeting, series=series, title=title))


def _write_chain(root: Path, plan: Plan, chain: int) -> dict[str, int]:
    """Every meeting of one chain, oldest first: each follows up the open actions of the one before."""
    datadir = DataDir(root)
    rng = random.Random(plan.seed * 1_000_003 + chain)
    plant = dict(plan.plant)
    writer = _Writer(rng, dict(plan.kinds), plant, plan.plant_rate, plan.done_share)
    width = len(plan.series)
    name, lang = plan.series[chain % width]
    agenda = _team_agenda(load_template(name, lang), lang, chain // width)
    carried: list[dict[str, Any]] = []
    previous: str | None = None
    for n in reversed(range(plan.sessions)):
        if plan.chain_of(n) != chain:
            continue
        started = plan.started(n)
        session_id = f"{started:%Y%m%d-%H%M}-{n % 65536:04x}"
        doc = writer.session(
            session_id,
            started,
            agenda,
            lang,
            rng.randint(*plan.items),
            carried if plan.follow_up else [],
            previous if plan.follow_up else None,
        )
        carried = _to_follow_up(session_id, doc, carried, plan.carry_open)
        previous = session_id
        # A cache folder for benchmarks, not a user's data: no fsync per file (see `cached_history`).
        write_atomic(
            datadir.session_path(session_id),
            json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
            durable=False,
        )
        if plan.locks:
            lock = datadir.sessions_dir / f"{session_id}.lock"
            lock.write_text(f"4242 {started.timestamp() + 3600:.3f}\n".ljust(48))
    return writer.planted


def _write_chain_star(job: tuple[Path, Plan, int]) -> dict[str, int]:
    return _write_chain(*job)


def build_history(root: str | Path, plan: Plan, processes: int | None = None) -> History:
    """`plan.sessions` ended meetings, newest at the end of November 2026, into `root`.

    Each has between `items[0]` and `items[1]` items of `kinds` (weights), with the agenda of
    its chain's template. `plant` (lang → word) puts a word in about `plant_rate` of the
    items, for search. With `follow_up`, each meeting inherits and follows up the open
    actions of its series' meeting before, `done_share` of them done; without `carry_open`,
    only the actions of the meeting just before are followed up, and the rest stay open for
    good. With `locks`, each meeting leaves its lock file behind with its last heartbeat, as
    a writer does. Chains are independent, so they are written in parallel.
    """
    datadir = DataDir(root)
    datadir.ensure()
    jobs = [(datadir.root, plan, chain) for chain in range(plan.chains)]
    processes = processes or min(os.cpu_count() or 1, len(jobs))
    if processes > 1:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            results = pool.map(_write_chain_star, jobs, chunksize=1)
    else:
        results = [_write_chain_star(job) for job in jobs]
    planted: dict[str, int] = {}
    for counts in results:
        for word, count in counts.items():
            planted[word] = planted.get(word, 0) + count
    return History(datadir, planted)


def derived_files(datadir: DataDir) -> list[Path]:
    """What can be deleted and rebuilt from the session files: index, search corpus, series caches."""
    root = datadir.root
    found = [p for p in root.glob("index*") if p.name != "sessions"]
    found += [p for p in (root / "search.json", root / "series") if p.exists()]
    return found


def delete_derived(datadir: DataDir) -> None:
    for path in derived_files(datadir):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def cached_history(sessions: int, cache: Path = CACHE_ROOT, quiet: bool = False) -> DataDir:
    """The realistic history of `sessions` meetings (default `Plan`), built once and reused.

    Built into `<cache>/<n>.building`, synced, then renamed to `<cache>/<n>`; a finished
    folder is reused as it is. Benchmarks may delete and rebuild its derived files (index,
    search corpus, series caches), never its session files.
    """
    root = cache / str(sessions)
    if (root / "sessions").is_dir():
        return DataDir(root)
    cache.mkdir(parents=True, exist_ok=True)
    building = cache / f"{sessions}.building"
    shutil.rmtree(building, ignore_errors=True)
    began = time.perf_counter()
    if sessions:
        build_history(building, Plan(sessions))
    else:
        DataDir(building).ensure()
    os.sync()
    building.rename(root)
    if not quiet:
        size = sum(p.stat().st_size for p in (root / "sessions").glob("*.json"))
        print(
            f"built {sessions} sessions into {root} in {time.perf_counter() - began:.1f} s "
            f"({size / 1e6:.0f} MB of session files)",
            flush=True,
        )
    return DataDir(root)
