"""The live item list: actions missing an owner or a due date, or for someone absent, are flagged."""

from __future__ import annotations

from live_meetings import enter
from screen_text import live_app, text_of

from widgets.items import ItemList


async def test_actions_without_owner_or_due_are_flagged_and_long_text_hangs(followed_up):
    app = live_app(followed_up, "zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await enter(pilot, "/a No owner at all")
        await enter(pilot, "/a " + "整理华东区所有 A 类客户的联系人名单并发给市场部" * 2 + " @张伟")
        items = app.screen.query_one(ItemList)
        first = str(items.get_option_at_index(0).prompt)
        assert "! 无负责人" in first and "无截止日期" in first
        second = str(items.get_option_at_index(1).prompt)
        assert "无负责人" not in second
        visual = items.get_option_at_index(1).prompt
        assert visual.get_height(items.styles, 40) > 1  # the list makes room for every line
        lines = visual._lines(40).plain.split("\n")
        assert len(lines) > 1
        assert lines[0].lstrip().startswith("09:00 ➜ 整理")  # the text starts beside the mark
        assert lines[1].startswith(" " * 8)  # and goes on under itself, not under the time


async def test_an_action_for_someone_absent_is_flagged(monthly):
    app = live_app(monthly, "zh")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/a 给 Acme 发报价 @Tom due:12-05")
        await enter(pilot, "/a 整理名单 @张伟 due:12-05")
        items = app.screen.query_one(ItemList)
        assert "@Tom Baker ! 缺席" in str(items.get_option_at_index(0).prompt)
        assert "!" not in str(items.get_option_at_index(1).prompt)
    app = live_app(monthly, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        items = app.screen.query_one(ItemList)
        assert "@Tom Baker ! absent" in str(items.get_option_at_index(0).prompt)


async def test_undo_says_what_it_took_back_a_capture_a_delete_or_an_edit(monthly):
    app = live_app(monthly, "zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await enter(pilot, "第一条")
        await enter(pilot, "第二条")
        second = monthly.state.items[-1].id
        monthly.delete(second)
        await pilot.press("ctrl+z")  # the delete is taken back: the item is there again
        assert text_of(app, "#status-line") == "已恢复：第二条"
        monthly.edit(second, text="第二条（改）")
        await enter(pilot, "/u")  # the edit is taken back
        assert text_of(app, "#status-line") == "已撤销修改：第二条"
        await enter(pilot, "/u")  # the capture itself
        assert text_of(app, "#status-line") == "已撤销：第二条"
        assert [i.text for i in monthly.state.items if not i.undone] == ["第一条"]


async def test_an_owner_typed_with_a_full_name_leaves_the_text_clean(followed_up):
    app = live_app(followed_up, "en")
    async with app.run_test(size=(120, 36)) as pilot:
        await enter(pilot, "/a @Tom Baker ship the deck due:12-05")
        items = app.screen.query_one(ItemList)
        shown = str(items.get_option_at_index(items.option_count - 1).prompt)
        assert "ship the deck" in shown and "@Tom Baker" in shown
        assert "Baker ship" not in shown
        assert followed_up.state.items[-1].text == "ship the deck"
