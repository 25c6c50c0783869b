"""A realistic history for benchmarks: years of sales meetings written straight in the store's format."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from agendas.model import Agenda
from agendas.templates import load_template
from sessions.store import SCHEMA, DataDir, write_atomic

TEMPLATES = (
    ("monthly-sales", "zh"),
    ("weekly-sales", "zh"),
    ("daily-standup", "zh"),
    ("regional-marketing", "zh"),
    ("monthly-sales", "en"),
    ("weekly-sales", "en"),
    ("daily-standup", "en"),
)

ZH = {
    "note": [
        "华东区本月回款率 {n}%，比上月高 3 个点",
        "苏州经销商反馈账期太短，希望延长到 60 天",
        "新品组合在商超渠道的铺货率只有 {n}%",
        "竞品 B 在杭州降价 8%，我们的报价暂不跟进",
        "张伟本月签下两家连锁客户，完成率 {n}%",
        "客服部投诉量下降，主要是物流延误",
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
KINDS = ["note"] * 50 + ["decision"] * 10 + ["action"] * 20 + ["question"] * 8
KINDS += ["idea"] * 5 + ["parking"] * 4 + ["kudos"] * 3
CRITERIA = {
    "zh": ["客户书面确认", "清单发到群里", "培训后测验通过"],
    "en": ["client signs", "list shared", "quiz passed"],
}
GUEST_NAMES = {"zh": "赵总", "en": "Ms Rivera"}


def _agendas() -> list[tuple[str, Agenda]]:
    return [(lang, load_template(name, lang)) for name, lang in TEMPLATES]


def session_document(
    session_id: str, started: datetime, agenda: Agenda, lang: str, items: int, rng: random.Random
) -> dict[str, Any]:
    """One finished meeting as the store keeps it: a TinyDB document with meta and events."""
    bank = ZH if lang == "zh" else EN
    t0 = started.timestamp()
    names = list(agenda.names) or ["王磊", "张伟"]
    events: list[dict[str, Any]] = []

    def add(event_type: str, at: float, /, **payload: Any) -> None:
        events.append({"seq": len(events) + 1, "type": event_type, "at": round(at, 3), **payload})

    for name in names:
        status = rng.choices(["present", "late", "absent"], [88, 8, 4])[0]
        add("attendance", t0, name=name, status=status, arrived=status != "late")
    add("started", t0)
    at = t0
    sections = len(agenda.sections) or 1
    per_section = max(1, items // sections)
    item_id = 0
    for index in range(sections):
        if index:
            at += rng.uniform(20, 60)
            add("section", at, index=index)
        for _ in range(per_section if index < sections - 1 else items - item_id):
            at += rng.uniform(5, 40)
            if rng.random() < 0.3:
                add("speaker", at, name=rng.choice(names))
            kind = rng.choice(KINDS)
            text = rng.choice(bank[kind]).format(n=rng.randint(40, 120))
            item_id += 1
            owner = rng.choice(names) if kind in ("action", "kudos") else None
            due = (
                (started.date() + timedelta(days=rng.randint(1, 30))).isoformat()
                if kind == "action"
                else None
            )
            add(
                "item",
                at,
                id=item_id,
                kind=kind,
                text=text,
                section=index,
                owner=owner,
                owner_known=True,
                due=due,
                criteria=rng.choice(CRITERIA[lang]) if kind == "action" else None,
                speaker=None,
            )
            if rng.random() < 0.03:
                add("item_undone", at + 2, id=item_id)
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
        "carried": [],
        "previous": None,
    }
    return {
        "meta": {"1": meta},
        "events": {str(e["seq"]): e for e in events},
    }


def build_history(
    root: str | Path, sessions: int = 2000, items: int = 100, seed: int = 7
) -> DataDir:
    """`sessions` ended meetings of about `items` items each, one every 13 hours back from Dec 2026."""
    datadir = DataDir(root)
    datadir.ensure()
    rng = random.Random(seed)
    agendas = _agendas()
    newest = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    for n in range(sessions):
        started = newest - timedelta(hours=13 * n)
        session_id = f"{started:%Y%m%d-%H%M}-{n % 65536:04x}"
        lang, agenda = agendas[n % len(agendas)]
        doc = session_document(
            session_id, started, agenda, lang, rng.randint(items * 4 // 5, items * 6 // 5), rng
        )
        write_atomic(
            datadir.session_path(session_id),
            json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
        )
    return datadir
