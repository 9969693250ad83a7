"""The release schedule: scheduler properties, the sample's 12-month campaign, holidays."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.audiences import carries
from generator.core.calendar import WorkCalendar
from generator.core.model import (
    Blackout,
    Campaign,
    Channel,
    ChannelPlan,
    Details,
    Item,
    Pin,
    Schedule,
    Source,
)
from generator.core.pushes import rolling_push
from generator.core.scheduler import (
    FRESHNESS_DAYS,
    REASON_DEADLINE,
    REASON_FRESHNESS,
    REASON_PIN,
    cycle_bounds,
    item_window,
    openings,
    place_slots,
)
from generator.pipeline.stages import check_policies

ROOT = Path(__file__).resolve().parent.parent
CALENDAR = WorkCalendar()


@pytest.fixture(scope="module")
def sample():
    column, warnings = check_policies(ROOT / "policies")
    assert column.schedule is not None
    return column, warnings


# --- checks shared by the sample and the generated campaigns -------------------------


def check_capacity(schedule: Schedule) -> None:
    """No channel carries more than its per-day or per-week capacity."""
    for plan in schedule.campaign.channels:
        slots = schedule.slots_on(plan.id)
        per_day = Counter(slot.day for slot in slots)
        per_week = Counter(slot.day.isocalendar()[:2] for slot in slots)
        if plan.per_day:
            assert max(per_day.values(), default=0) <= plan.per_day, plan.id
        if plan.per_week:
            assert max(per_week.values(), default=0) <= plan.per_week, plan.id


def check_days(schedule: Schedule) -> None:
    """Slots fall on working days the channel runs, outside blackouts, inside the campaign."""
    campaign = schedule.campaign
    for slot in schedule.slots:
        plan = campaign.plan(slot.channel)
        assert campaign.start <= slot.day <= campaign.end
        assert CALENDAR.is_working_day(slot.day), slot
        assert not CALENDAR.holiday(slot.day), slot
        assert slot.day.isoweekday() in plan.weekdays, slot
        assert not any(b.covers(slot.day, slot.channel) for b in campaign.blackouts), slot


def check_windows(schedule: Schedule, items: dict[str, Item]) -> None:
    """Nothing is pushed before it is released, after its deadline, or once it expired."""
    for slot in schedule.slots:
        item = items[slot.item]
        window = item_window(item, schedule.campaign)
        assert window is not None and window.first <= slot.day <= window.last, slot
        if item.details.deadline:
            assert slot.day <= item.details.deadline
        if item.expires:
            assert slot.day <= item.expires


def check_once_per_cycle(schedule: Schedule) -> None:
    """Within a cycle, an item comes back on a channel only to keep the channel fresh."""
    seen = set()
    for slot in schedule.slots:
        key = (slot.channel, slot.cycle, slot.item)
        if key in seen:
            assert slot.reason in (REASON_FRESHNESS, REASON_PIN), slot
        seen.add(key)


def check_rotation(schedule: Schedule, items: dict[str, Item]) -> int:
    """Two consecutive slots of a channel share a sector only when nothing else was left.

    "Left": open that day, not yet pushed on the channel in the cycle, not pinned later
    in the cycle. Slots forced by a pin, a deadline or freshness are exempt. Returns the
    number of same-sector pairs, for the caller to look at.
    """
    campaign = schedule.campaign
    pinned = {(p.channel, p.item, cycle_bounds(campaign, p.day)[0]) for p in campaign.pins}
    windows = {i: item_window(item, campaign) for i, item in items.items()}
    same = 0
    for plan in campaign.channels:
        slots = schedule.slots_on(plan.id)
        for position in range(1, len(slots)):
            before, slot = slots[position - 1], slots[position]
            shared = set(items[before.item].sectors) & set(items[slot.item].sectors)
            if not shared:
                continue
            same += 1
            if slot.reason:
                continue
            number = cycle_bounds(campaign, slot.day)[0]
            done = {s.item for s in slots[:position] if s.cycle == number}
            others = [
                i
                for i, w in windows.items()
                if w is not None
                and carries(plan, items[i])
                and w.first <= slot.day <= w.last
                and i not in done
                and (plan.id, i, number) not in pinned
                and not set(items[i].sectors) & set(items[before.item].sectors)
            ]
            assert not others, (slot, before.item, others[:3])
    return same


def idle_stretches(schedule: Schedule, channel: str) -> list[tuple[date, date]]:
    campaign = schedule.campaign
    days = sorted({slot.day for slot in schedule.slots_on(channel)})
    bounds = [campaign.start - timedelta(days=1), *days, campaign.end + timedelta(days=1)]
    return [(a, b) for a, b in itertools.pairwise(bounds) if (b - a).days > FRESHNESS_DAYS]


# --- the sample: a 12-month campaign over the 2025 holidays ----------------------------


def test_sample_campaign_reads_as_written(sample):
    column, warnings = sample
    campaign = column.schedule.campaign
    assert (campaign.start, campaign.end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert [plan.id for plan in campaign.channels] == [c.id for c in column.taxonomy.channels]
    assert campaign.plan("tv").weekdays == (2, 4)
    assert campaign.portal == "portal"
    assert not [w for w in warnings if w.file.endswith("schedule.yml")]


def test_sample_schedule_keeps_every_rule(sample):
    column, _ = sample
    schedule = column.schedule
    items = {item.id: item for item in column.items}
    check_capacity(schedule)
    check_days(schedule)
    check_windows(schedule, items)
    check_once_per_cycle(schedule)
    check_rotation(schedule, items)
    for plan in schedule.campaign.channels:
        assert idle_stretches(schedule, plan.id) == [], plan.id
    assert schedule.notes == ()


def test_national_day_2025_no_push_on_holidays_and_makeup_saturdays_used(sample):
    column, _ = sample
    schedule = column.schedule
    days = {slot.day for slot in schedule.slots}
    golden_week = [date(2025, 10, 1) + timedelta(days=n) for n in range(8)]
    assert not days & set(golden_week)
    assert all(CALENDAR.holiday(day) for day in golden_week)
    # 调休: Sunday 28 September and Saturday 11 October 2025 are working days, and used.
    portal = schedule.campaign.plan("portal")
    portal_days = {o.day for o in openings(schedule.campaign, portal, CALENDAR)}
    for makeup in (date(2025, 9, 28), date(2025, 10, 11)):
        assert CALENDAR.makeup_for(makeup) == "国庆节"
        assert makeup in portal_days
        assert {s.channel for s in schedule.slots if s.day == makeup} >= {"wechat", "news"}
    # Spring Festival too: 28 January – 4 February off, Sunday 26 January worked.
    assert not {s.day for s in schedule.slots} & {
        date(2025, 1, 28) + timedelta(n) for n in range(8)
    }
    assert any(s.day == date(2025, 1, 26) for s in schedule.slots)


def test_sample_pins_blackouts_and_deadlines_hold(sample):
    column, _ = sample
    schedule = column.schedule
    campaign = schedule.campaign
    for pin in campaign.pins:
        assert any(
            s.day == pin.day and s.channel == pin.channel and s.item == pin.item and s.pinned
            for s in schedule.slots
        ), pin
    # 两会 blackout: TV and radio silent 4–11 March, the portal is not.
    march = [s for s in schedule.slots if date(2025, 3, 4) <= s.day <= date(2025, 3, 11)]
    assert {s.channel for s in march} >= {"portal", "wechat"}
    assert not {s.channel for s in march} & {"tv", "radio"}
    # Items with a deadline reach every every-item channel lead_days before it.
    for item in column.items:
        deadline = item.details.deadline
        if not deadline:
            continue
        for plan in campaign.channels:
            if plan.every_item:
                first = min(s.day for s in schedule.slots_on(plan.id) if s.item == item.id)
                assert first <= deadline - timedelta(days=campaign.lead_days), (item.id, plan.id)


def test_sample_every_item_channels_carry_every_open_item_each_cycle(sample):
    column, _ = sample
    schedule = column.schedule
    campaign = schedule.campaign
    for plan in (p for p in campaign.channels if p.every_item):
        for number in range(4):
            first = campaign.start + timedelta(weeks=13 * number)
            _, first, last = cycle_bounds(campaign, first)
            pushed = {s.item for s in schedule.slots_on(plan.id) if s.cycle == number}
            for item in column.items:
                window = item_window(item, campaign)
                if window and window.first <= last and window.last >= first:
                    assert (item.id in pushed) == carries(plan, item), (plan.id, number, item.id)


def test_sample_expired_items_stop(sample):
    column, _ = sample
    car = [s for s in column.schedule.slots if s.item.startswith("jn-2025h1-car-subsidy/")]
    assert car and max(s.day for s in car) <= date(2025, 4, 30)


def test_same_input_same_schedule(sample):
    column, _ = sample
    again, _ = check_policies(ROOT / "policies")
    assert again.schedule == column.schedule


def test_rolling_push_shows_today_and_recent(sample):
    column, _ = sample
    push = rolling_push(column.schedule, column.items, date(2025, 3, 3))
    portal = [s for s in column.schedule.slots if s.channel == "portal"]
    assert [s for s, _ in push.today] == [s for s in portal if s.day == date(2025, 3, 3)]
    assert push.recent and all(s.day < date(2025, 3, 3) for s, _ in push.recent)
    assert [s.day for s, _ in push.recent] == sorted((s.day for s, _ in push.recent), reverse=True)
    holiday = rolling_push(column.schedule, column.items, date(2025, 10, 3))
    assert holiday.today == () and holiday.recent


# --- generated campaigns ------------------------------------------------------------


SECTORS = ("home-appliances", "automobiles", "general", "energy")
CHANNEL = Channel("portal", "门户网站", per_day=2)


def make_item(n: int, sectors, released=None, deadline=None, expires=None) -> Item:
    source = Source(
        slug=f"doc-{n % 3}",
        file="x.yml",
        title="文件",
        issuers=("x",),
        level="city",
        signed=released,
    )
    return Item(
        id=f"doc-{n % 3}/{n}",
        source=source,
        path=str(n),
        clause=(),
        title=f"政策{n}",
        breadcrumb=(),
        text="…",
        themes=(),
        sectors=tuple(sectors),
        audiences=(),
        expires=expires,
        details=Details(deadline=deadline),
        order=n,
    )


def make_campaign(plans, start=date(2025, 1, 1), end=date(2025, 12, 31), **more) -> Campaign:
    return Campaign("schedule.yml", "t", start, end, tuple(plans), **more)


def check_all(schedule: Schedule, items: list[Item]) -> None:
    by_id = {item.id: item for item in items}
    check_capacity(schedule)
    check_days(schedule)
    check_windows(schedule, by_id)
    check_once_per_cycle(schedule)
    check_rotation(schedule, by_id)
    noted = {i for note in schedule.notes for i in note.items}
    idle = " ".join(note.message for note in schedule.notes)
    for plan in schedule.campaign.channels:
        for before, after in idle_stretches(schedule, plan.id):
            assert str(before + timedelta(days=1)) in idle, (plan.id, before, after)
        if plan.every_item:
            for item in items:
                deadline = item.details.deadline
                days = [s.day for s in schedule.slots_on(plan.id) if s.item == item.id]
                due = deadline - timedelta(days=schedule.campaign.lead_days) if deadline else None
                if due and item_window(item, schedule.campaign) and (not days or days[0] > due):
                    assert item.id in noted, (plan.id, item.id, days[:1], due)


dates_2025 = st.dates(min_value=date(2024, 12, 1), max_value=date(2025, 12, 31))


@st.composite
def campaigns(draw):
    count = draw(st.integers(1, 40))
    items = []
    for n in range(count):
        sectors = draw(st.lists(st.sampled_from(SECTORS), min_size=1, max_size=2, unique=True))
        released = draw(st.none() | dates_2025)
        deadline = draw(st.none() | dates_2025)
        expires = draw(st.none() | dates_2025)
        if released and deadline and deadline < released:
            deadline = None
        items.append(make_item(n, sectors, released, deadline, expires))
    plans = [
        ChannelPlan(CHANNEL, per_day=draw(st.integers(1, 3)), per_week=0, every_item=True),
        ChannelPlan(
            Channel("tv", "电视"),
            per_day=0,
            per_week=draw(st.integers(1, 4)),
            weekdays=tuple(sorted(draw(st.sets(st.integers(1, 7), min_size=1)))),
        ),
    ]
    start = draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 6, 30)))
    end = start + timedelta(days=draw(st.integers(20, 300)))
    blackout_start = draw(st.dates(min_value=start, max_value=end))
    blackouts = (
        Blackout(blackout_start, blackout_start + timedelta(days=draw(st.integers(0, 20)))),
    )
    campaign = make_campaign(
        plans,
        start,
        end,
        blackouts=blackouts,
        repeat_weeks=draw(st.integers(0, 8)),
        lead_days=draw(st.integers(0, 21)),
    )
    return campaign, items


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(campaigns())
def test_generated_campaigns_keep_every_rule(case):
    campaign, items = case
    schedule = place_slots(campaign, items, CALENDAR)
    check_all(schedule, items)
    assert place_slots(campaign, list(reversed(items)), CALENDAR) == schedule


def test_weekly_capacity_spreads_over_the_week():
    plan = ChannelPlan(Channel("tv", "电视"), per_day=0, per_week=2)
    campaign = make_campaign([plan], date(2025, 3, 3), date(2025, 3, 9))
    assert [o.day.isoweekday() for o in openings(campaign, plan, CALENDAR)] == [2, 4]
    radio = ChannelPlan(Channel("radio", "广播"), per_day=1, per_week=3)
    campaign = make_campaign([radio], date(2025, 3, 3), date(2025, 3, 9))
    assert [o.day.isoweekday() for o in openings(campaign, radio, CALENDAR)] == [1, 3, 5]


def test_a_pin_takes_its_days_share_of_a_weekly_capacity():
    plan = ChannelPlan(Channel("tv", "电视"), per_day=0, per_week=2)
    pin = Pin(date(2025, 3, 7), "tv", "doc-0/0")
    campaign = make_campaign([plan], date(2025, 3, 3), date(2025, 3, 9), pins=(pin,))
    days = [(o.day.isoweekday(), o.pin) for o in openings(campaign, plan, CALENDAR)]
    assert days == [(2, ""), (5, "doc-0/0")]


def test_deadline_items_go_first_when_the_rotation_would_make_them_late():
    # Ten car items due in a week compete with appliances for one portal slot a day.
    cars = [make_item(n, ["automobiles"], deadline=date(2025, 3, 21)) for n in range(5)]
    rest = [make_item(n, ["home-appliances"]) for n in range(5, 15)]
    plan = ChannelPlan(CHANNEL, per_day=1, per_week=0, every_item=True)
    campaign = make_campaign([plan], date(2025, 3, 3), date(2025, 3, 31), lead_days=14)
    schedule = place_slots(campaign, cars + rest, CALENDAR)
    check_all(schedule, cars + rest)
    firsts = {s.item: s.day for s in schedule.slots}
    assert all(firsts[c.id] <= date(2025, 3, 7) for c in cars)
    assert any(s.reason == REASON_DEADLINE for s in schedule.slots)


def test_items_that_cannot_fit_are_named_with_the_reason():
    cars = [make_item(n, ["automobiles"], deadline=date(2025, 3, 10)) for n in range(12)]
    plan = ChannelPlan(CHANNEL, per_day=1, per_week=0, every_item=True)
    campaign = make_campaign([plan], date(2025, 3, 3), date(2025, 3, 31), lead_days=0)
    schedule = place_slots(campaign, cars, CALENDAR)
    check_all(schedule, cars)
    late = [note for note in schedule.notes if "do not fit" in note.message]
    assert len(late) == 1
    assert len(late[0].items) == 12 - 6  # 3–10 March has six working days
    assert "closed (deadline or expiry) before a free opening" in late[0].message


def test_a_channel_idle_for_more_than_14_days_is_warned_about():
    # A Tuesday-only TV slot loses 28 January and 4 February to the Spring Festival.
    plan = ChannelPlan(Channel("tv", "电视"), per_day=0, per_week=1, weekdays=(2,))
    items = [make_item(n, [SECTORS[n % 4]]) for n in range(20)]
    campaign = make_campaign([plan], date(2025, 1, 1), date(2025, 3, 31))
    schedule = place_slots(campaign, items, CALENDAR)
    [note] = schedule.notes
    assert note.message == (
        "电视 has no push from 2025-01-22 to 2025-02-10 (20 days): the channel does not run "
        "then (holidays, weekdays or blackouts); a channel idle for more than 14 days fails "
        "the government website inspection"
    )


def test_freshness_brings_an_item_back_rather_than_leave_a_channel_idle():
    items = [make_item(n, ["general"]) for n in range(3)]
    plan = ChannelPlan(CHANNEL, per_day=1, per_week=0)
    campaign = make_campaign([plan], date(2025, 3, 3), date(2025, 6, 30))
    schedule = place_slots(campaign, items, CALENDAR)
    assert idle_stretches(schedule, "portal") == []
    assert schedule.notes == ()
    assert Counter(s.reason for s in schedule.slots)[REASON_FRESHNESS] > 0


def test_years_the_calendar_does_not_know_fall_back_to_monday_to_friday():
    assert not CALENDAR.knows(2031)
    assert CALENDAR.unknown_years(date(2030, 12, 1), date(2031, 1, 31)) == [2030, 2031]
    assert CALENDAR.is_working_day(date(2031, 1, 1))  # a Wednesday: no 元旦 known
    assert not CALENDAR.is_working_day(date(2031, 1, 4))
    assert CALENDAR.holiday(date(2031, 1, 1)) == ""


# --- golden file: a fixed campaign over the 2025 National Day ------------------------

GOLDEN = ROOT / "tests" / "data" / "schedule" / "national-day-2025.json"


def national_day_campaign() -> tuple[Campaign, list[Item]]:
    items = [
        make_item(n, [SECTORS[n % 4]], deadline=date(2025, 10, 20) if n % 5 == 0 else None)
        for n in range(12)
    ]
    plans = [
        ChannelPlan(CHANNEL, per_day=2, per_week=0, every_item=True),
        ChannelPlan(Channel("wechat", "微信公众号"), per_day=1, per_week=0),
        ChannelPlan(Channel("tv", "电视"), per_day=1, per_week=2, weekdays=(2, 4)),
    ]
    pins = (Pin(date(2025, 9, 28), "wechat", "doc-1/7"),)
    blackouts = (Blackout(date(2025, 10, 13), date(2025, 10, 14), ("tv",)),)
    campaign = make_campaign(
        plans,
        date(2025, 9, 15),
        date(2025, 11, 9),
        pins=pins,
        blackouts=blackouts,
        repeat_weeks=4,
        lead_days=7,
    )
    return campaign, items


def test_golden_schedule(request):
    """The slots of a fixed campaign; ``UPDATE_GOLDEN=1 pytest`` rewrites the file on purpose."""
    import json
    import os

    campaign, items = national_day_campaign()
    schedule = place_slots(campaign, items, CALENDAR)
    check_all(schedule, items)
    got = [
        {"date": s.day.isoformat(), "channel": s.channel, "item": s.item, "reason": s.reason}
        for s in schedule.slots
    ]
    text = json.dumps(got, ensure_ascii=False, indent=1) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), "run UPDATE_GOLDEN=1 pytest to accept"
