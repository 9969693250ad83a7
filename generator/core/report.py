"""The 宣传专班's part of the city plan's 信息调度机制: 周调度 (weekly) and 旬通报 (each 旬).

Pure: a period, a report date and the column in; numbers and lists out, the same for
the same input. A 旬 is a third of a month: 上旬 1–10, 中旬 11–20, 下旬 21 to the
month's end. A week runs Monday to Sunday. What was pushed comes from
``policies/published.csv`` when the editors keep it, else from the plan itself
(everything planned up to the report date counts as done).
"""

from __future__ import annotations

import bisect
import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from generator.core.audiences import carries
from generator.core.desk import campaign_day, campaign_days
from generator.core.model import Campaign, ChannelPlan, Column, Item, Schedule, Slot, Term
from generator.core.rules import EXPIRED, EXPIRING, filed_under, item_status, release_date
from generator.core.scheduler import FRESHNESS_DAYS, Window, cycle_bounds, item_window

WEEK, DEKAD = "week", "dekad"


DEKAD_NAMES = ("上旬", "中旬", "下旬")


IDLE_WARN_DAYS = 10  # a channel this long without a push gets a yellow light


GREEN, YELLOW, RED = "green", "yellow", "red"


LIGHT_NAMES = {GREEN: "正常", YELLOW: "滞后", RED: "告急"}


FROM_PLAN, FROM_PUBLISHED = "plan", "published"


@dataclass(frozen=True)
class Period:
    """A week (Monday–Sunday) or a 旬."""

    kind: str  # WEEK or DEKAD
    start: date
    end: date  # inclusive

    @property
    def slug(self) -> str:
        """ASCII, for file names and URLs: week-2025-W10, dekad-2025-03-1."""
        if self.kind == WEEK:
            year, week, _ = self.start.isocalendar()
            return f"week-{year}-W{week:02d}"
        return f"dekad-{self.start.year}-{self.start.month:02d}-{self.start.day // 10 + 1}"

    @property
    def label(self) -> str:
        """2025年3月上旬, or 2025年第10周（3月3日—3月9日）."""
        if self.kind == WEEK:
            year, week, _ = self.start.isocalendar()
            return f"{year}年第{week}周（{short(self.start)}—{short(self.end)}）"
        return f"{self.start.year}年{self.start.month}月{DEKAD_NAMES[self.start.day // 10]}"

    @property
    def title(self) -> str:
        """周调度 or 旬通报, as the city plan names the report."""
        return "周调度" if self.kind == WEEK else "旬通报"

    def following(self) -> Period:
        return period_of(self.kind, self.end + timedelta(days=1))

    def preceding(self) -> Period:
        return period_of(self.kind, self.start - timedelta(days=1))

    def days(self) -> int:
        return (self.end - self.start).days + 1


def period_of(kind: str, day: date) -> Period:
    """The week or 旬 that ``day`` falls in."""
    if kind == WEEK:
        start = day - timedelta(days=day.weekday())
        return Period(WEEK, start, start + timedelta(days=6))
    if kind != DEKAD:
        raise ValueError(f"no period kind {kind!r}")
    last_day = calendar.monthrange(day.year, day.month)[1]
    first = min(day.day - 1, 20) // 10 * 10 + 1  # 1, 11 or 21
    last = first + 9 if first < 21 else last_day
    return Period(DEKAD, day.replace(day=first), day.replace(day=last))


def campaign_periods(schedule: Schedule, kind: str, until: date) -> list[Period]:
    """Every period of ``kind`` from the campaign's start that has begun by ``until``."""
    campaign = schedule.campaign
    periods = []
    period = period_of(kind, campaign.start)
    while period.start <= min(until, campaign.end):
        periods.append(period)
        period = period.following()
    return periods


@dataclass(frozen=True)
class ChannelProgress:
    """One channel in the period: planned, pushed so far, and its light."""

    plan: ChannelPlan
    planned: int  # slots in the whole period
    due: int  # of those, on or before the report date
    pushed: int  # pushes made in the period up to the report date
    missed: tuple[Slot, ...]  # due slots with no matching push
    last_push: date | None  # the latest push up to the report date, over the campaign
    idle_days: int  # days since then (since the campaign began, without any)
    reads: int | None  # 阅读量 of the period's pushes, when recorded
    light: str  # GREEN, YELLOW or RED
    why: str  # what the light means, in a few words


@dataclass(frozen=True)
class Coverage:
    """One sector or audience in the current cycle: items carried of the items open."""

    term: Term
    carried: int
    total: int


@dataclass(frozen=True)
class Report:
    """Everything the 周调度/旬通报 says, computed."""

    period: Period
    as_of: date  # the report date: pushes up to here count
    campaign_name: str
    campaign_day: int  # day N of the campaign (0 outside it)
    campaign_days: int  # M
    cycle: tuple[int, date, date]  # the repeat cycle of the report date: number, first, last
    source: str  # FROM_PUBLISHED or FROM_PLAN
    channels: tuple[ChannelProgress, ...]
    sectors: tuple[Coverage, ...]
    audiences: tuple[Coverage, ...]
    public: tuple[Item, ...]  # items a public channel may push, open in the cycle so far
    uncarried: tuple[Item, ...]  # of those, the ones no channel has carried in the cycle yet
    deadlines: tuple[Item, ...]  # deadline inside the next period, not pushed in the cycle
    new: tuple[Item, ...]  # released since the period began
    expiring: tuple[Item, ...]  # became 即将到期 since the period began
    expired: tuple[Item, ...]  # became 已失效 since the period began
    next_period: Period
    next_slots: tuple[Slot, ...]

    @property
    def problems(self) -> tuple[ChannelProgress, ...]:
        """The channels whose light is not green."""
        return tuple(c for c in self.channels if c.light != GREEN)


@dataclass(frozen=True)
class ReportBasis:
    """What every report of one build shares, computed once: by the year's end a site has
    88 reports, and a column of 10 000 items would otherwise be scanned for each."""

    public: tuple[tuple[Item, Window], ...]  # items a public channel may carry, with windows
    slots: dict[str, tuple[Slot, ...]]  # by channel id, in day order
    pushes: tuple[Push, ...]  # the pushes made (published.csv, else the plan), by day
    days: tuple[date, ...]  # the day of each push, for bisect
    filed: dict[str, dict[str, tuple[str, ...]]]  # kind → item id → terms (with broader)

    @classmethod
    def of(cls, column: Column) -> ReportBasis:
        schedule = column.schedule
        if schedule is None:
            raise ValueError("a report needs the campaign (policies/schedule.yml)")
        campaign = schedule.campaign
        public_plans = [plan for plan in campaign.channels if not plan.internal]
        public = []
        for item in column.items:
            window = item_window(item, campaign)
            if window is not None and any(carries(plan, item) for plan in public_plans):
                public.append((item, window))
        slots: dict[str, list[Slot]] = {plan.id: [] for plan in campaign.channels}
        for slot in schedule.slots:
            slots[slot.channel].append(slot)
        if column.published is not None:
            pushes = [(p.day, p.channel, p.item, p.reads) for p in column.published]
        else:
            pushes = [(s.day, s.channel, s.item, None) for s in schedule.slots]
        pushes.sort(key=lambda push: push[0])
        filed = {
            kind: {item.id: filed_under(item, kind, column.taxonomy) for item, _ in public}
            for kind in ("sectors", "audiences")
        }
        return cls(
            tuple(public),
            {channel: tuple(found) for channel, found in slots.items()},
            tuple(pushes),
            tuple(push[0] for push in pushes),
            filed,
        )

    def pushes_until(self, day: date) -> tuple[Push, ...]:
        return self.pushes[: bisect.bisect_right(self.days, day)]


def build_report(
    column: Column, period: Period, as_of: date, basis: ReportBasis | None = None
) -> Report:
    """The report for ``period`` as of ``as_of`` (pushes after it do not count yet)."""
    basis = basis or ReportBasis.of(column)
    schedule = column.schedule
    assert schedule is not None
    campaign = schedule.campaign
    source = FROM_PLAN if column.published is None else FROM_PUBLISHED
    pushes = basis.pushes_until(as_of)
    cycle = cycle_bounds(campaign, min(max(as_of, campaign.start), campaign.end))
    _, cycle_first, _ = cycle
    in_cycle = {item for day, _, item, _ in pushes if cycle_first <= day}
    public = [
        item
        for item, window in basis.public
        if window.first <= as_of and window.last >= cycle_first
    ]
    following = period.following()
    next_slots = sorted(
        (
            slot
            for found in basis.slots.values()
            for slot in found
            if following.start <= slot.day <= following.end
        ),
        key=slot_order(campaign),
    )
    return Report(
        period=period,
        as_of=as_of,
        campaign_name=campaign.name,
        campaign_day=campaign_day(campaign, as_of),
        campaign_days=campaign_days(campaign),
        cycle=cycle,
        source=source,
        channels=tuple(
            channel_progress(plan, basis.slots[plan.id], pushes, period, as_of, campaign.start)
            for plan in campaign.channels
        ),
        sectors=coverage(column, "sectors", public, in_cycle, basis),
        audiences=coverage(column, "audiences", public, in_cycle, basis),
        public=tuple(public),
        uncarried=tuple(item for item in public if item.id not in in_cycle),
        deadlines=tuple(
            item
            for item in public
            if item.details.deadline
            and following.start <= item.details.deadline <= following.end
            and item.id not in in_cycle
        ),
        new=tuple(
            item
            for item in column.items
            if period.start <= (release_date(item.source) or date.min) <= as_of
        ),
        expiring=became(column.items, EXPIRING, period.start, as_of),
        expired=became(column.items, EXPIRED, period.start, as_of),
        next_period=following,
        next_slots=tuple(next_slots),
    )


def slot_order(campaign: Campaign):
    """The schedule's own order: day, channel order, index."""
    rank = {plan.id: position for position, plan in enumerate(campaign.channels)}
    return lambda slot: (slot.day, rank[slot.channel], slot.index)


Push = tuple[date, str, str, int | None]  # day, channel id, item id, reads


def channel_progress(
    plan: ChannelPlan,
    planned: tuple[Slot, ...],
    pushes: tuple[Push, ...],
    period: Period,
    as_of: date,
    start: date,
) -> ChannelProgress:
    """Planned against pushed on one channel, and the light: red once idle for 14 days,
    yellow when behind the plan or idle for 10, green otherwise."""
    slots = [s for s in planned if period.start <= s.day <= period.end]
    due = [s for s in slots if s.day <= as_of]
    mine = [p for p in pushes if p[1] == plan.id]
    made = [p for p in mine if period.start <= p[0] <= as_of]
    done_items = {item for _, _, item, _ in made}  # pushed on another day of the period counts
    missed = tuple(s for s in due if s.item not in done_items)
    last = max((p[0] for p in mine), default=None)
    since = last or start - timedelta(days=1)  # no push yet: idle since the campaign began
    idle = max(0, (as_of - since).days)
    reads_known = [p[3] for p in made if p[3] is not None]
    if idle >= FRESHNESS_DAYS:
        light, why = RED, f"已 {idle} 天未推送，满 {FRESHNESS_DAYS} 天即单项否决"
    elif len(made) < len(due):
        light, why = YELLOW, f"少推 {len(due) - len(made)} 次"
    elif idle >= IDLE_WARN_DAYS:
        light, why = YELLOW, f"已 {idle} 天未推送"
    else:
        light, why = GREEN, "按计划推送"
    return ChannelProgress(
        plan,
        len(slots),
        len(due),
        len(made),
        missed,
        last,
        idle,
        sum(reads_known) if reads_known else None,
        light,
        why,
    )


def coverage(
    column: Column, kind: str, public: list[Item], carried: set[str], basis: ReportBasis
) -> tuple[Coverage, ...]:
    """Per term of ``kind`` (broader terms collect narrower ones): items carried / open."""
    vocabulary = column.taxonomy.vocabulary(kind)
    totals: dict[str, list[int]] = {}
    for item in public:
        for term_id in basis.filed[kind][item.id]:
            counts = totals.setdefault(term_id, [0, 0])
            counts[1] += 1
            counts[0] += item.id in carried
    return tuple(Coverage(term, *totals[term.id]) for term in vocabulary.terms if term.id in totals)


def became(items: tuple[Item, ...], state: str, start: date, as_of: date) -> tuple[Item, ...]:
    """Items whose status turned to ``state`` between ``start`` and ``as_of``."""
    before = start - timedelta(days=1)
    return tuple(
        item
        for item in items
        if item_status(item, as_of) == state and item_status(item, before) != state
    )


def short(day: date) -> str:
    return f"{day.month}月{day.day}日"
