"""Items + campaign + calendar → slots: the release schedule for long-cycle publicity.

Pure and deterministic: no clock ("today" never enters), no I/O, every choice broken
by a total order, so the same input always gives the same slots.

Each channel is scheduled on its own, day by day over its *openings* (a working day
it runs on, once per push it can carry that day). The campaign is cut into repeat
cycles; within a cycle a channel pushes each item at most once. At every opening the
scheduler decides whether to push (pacing spreads a cycle's items evenly over its
openings; a deadline or the 14-day freshness rule can force a push) and which item:

1. an item whose sectors differ from the previous push's, if any is left — then one
   whose themes differ too (分门别类: rotation across topics);
2. then higher priority, earlier due date, the topic with the most items still to
   push in the cycle (so the big sectors are spread out), newer document, clause order.

Because a sector may follow itself only when nothing else is left, a sector holding
more than half of a cycle's items ends the cycle with a run of its own items.

On channels that must carry every item (``every_item``), an earliest-deadline-first
check overrides the rotation when skipping an urgent item would make some item miss
``deadline − lead_days``.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction
from typing import Protocol

from generator.core.audiences import carries
from generator.core.model import (
    Campaign,
    ChannelPlan,
    Column,
    Item,
    Schedule,
    ScheduleNote,
    Slot,
    Taxonomy,
)
from generator.core.rules import release_date

# Government sites and 政务新媒体 fail inspection after two weeks without an update
# (国办秘函〔2019〕19号): two pushes on one channel are never more than this many days apart.
FRESHNESS_DAYS = 14


DEFAULT_PRIORITY = 3


LATE_NOTES = 10  # late deadline pushes named one by one; beyond this, one note for the rest


REASON_PIN = "pin"  # a pin from schedule.yml


REASON_DEADLINE = "deadline"  # chosen out of rotation order so that a deadline holds


REASON_FRESHNESS = "freshness"  # pushed only so that the channel is not idle too long


class Calendar(Protocol):
    def is_working_day(self, day: date) -> bool: ...


@dataclass(frozen=True)
class Opening:
    """A place for one push: a day the channel runs, and the pinned item if any."""

    day: date
    pin: str = ""


@dataclass(frozen=True)
class Window:
    """When an item may be pushed, and by when it should be."""

    first: date  # released (published, else signed) and the campaign has begun
    last: date  # its expiry or application deadline, or the campaign's end
    due: date | None  # deadline − lead days, or its expiry; ``None`` when neither

    def open_on(self, day: date) -> bool:
        return self.first <= day <= self.last


def place_slots(
    campaign: Campaign,
    items: tuple[Item, ...] | list[Item],
    calendar: Calendar,
    taxonomy: Taxonomy | None = None,
) -> Schedule:
    """Every slot of the campaign on every channel, and what could not be done."""
    topics = Topics(taxonomy)
    windows = {item.id: item_window(item, campaign) for item in items}
    pushable = [item for item in items if windows[item.id] is not None]
    order = {item.id: rank for rank, item in enumerate(sorted(pushable, key=document_order))}
    priorities = dict(campaign.priorities)
    slots: list[Slot] = []
    notes: list[ScheduleNote] = []
    for plan in campaign.channels:
        run = ChannelRun(campaign, plan, calendar)
        carried = [item for item in pushable if carries(plan, item)]
        run.place(carried, windows, order, priorities, topics)
        slots += run.slots
        notes += run.notes()
    rank = {plan.id: position for position, plan in enumerate(campaign.channels)}
    slots.sort(key=lambda slot: (slot.day, rank[slot.channel], slot.index))
    return Schedule(campaign, tuple(slots), tuple(notes))


def item_window(item: Item, campaign: Campaign) -> Window | None:
    """When ``item`` can be pushed in ``campaign``; ``None`` when never (expired before …)."""
    released = release_date(item.source) or campaign.start
    first = max(released, campaign.start)
    ends = [day for day in (item.expires, item.details.deadline) if day is not None]
    last = min([campaign.end, *ends])
    if first > last:
        return None
    deadline = item.details.deadline
    due = deadline - timedelta(days=campaign.lead_days) if deadline else item.expires
    return Window(first, last, due)


def document_order(item: Item) -> tuple:
    """Newer documents first, then the clause order within each."""
    released = release_date(item.source) or date.min
    return (-released.toordinal(), item.source.slug, item.order, item.id)


def priority_of(item: Item, priorities: dict[str, int]) -> int:
    """An item's own priority, else its document's, else the default (3)."""
    return priorities.get(item.id, priorities.get(item.source.slug, DEFAULT_PRIORITY))


def cycle_bounds(campaign: Campaign, day: date) -> tuple[int, date, date]:
    """The repeat cycle ``day`` falls in: its number, first and last day."""
    length = 7 * campaign.repeat_weeks
    total = (campaign.end - campaign.start).days + 1
    # The last cycle takes the remainder: 2025 in 13-week cycles is 91+91+91+92 days.
    count = max(1, round(total / length)) if length > 0 else 1
    if count == 1:
        return 0, campaign.start, campaign.end
    number = min((day - campaign.start).days // length, count - 1)
    first = campaign.start + timedelta(days=number * length)
    last = campaign.end if number == count - 1 else first + timedelta(days=length - 1)
    return number, first, last


def channel_days(campaign: Campaign, plan: ChannelPlan, calendar: Calendar) -> list[date]:
    """The days the channel runs: working days on its weekdays, outside its blackouts."""
    days = []
    day = campaign.start
    while day <= campaign.end:
        if (
            calendar.is_working_day(day)
            and day.isoweekday() in plan.weekdays
            and not any(blackout.covers(day, plan.id) for blackout in campaign.blackouts)
        ):
            days.append(day)
        day += timedelta(days=1)
    return days


def openings(campaign: Campaign, plan: ChannelPlan, calendar: Calendar) -> list[Opening]:
    """Every push the channel can carry, in order; pinned ones first on their day.

    A weekly capacity is spread evenly over the week's running days (2 a week on a
    five-day week: Tuesday and Thursday); pins take their own day's share.
    """
    pins: dict[date, list[str]] = {}
    for pin in sorted(campaign.pins, key=lambda pin: (pin.day, pin.line)):
        if pin.channel == plan.id:
            pins.setdefault(pin.day, []).append(pin.item)
    weeks: dict[tuple[int, int], list[date]] = {}
    for day in channel_days(campaign, plan, calendar):
        weeks.setdefault(day.isocalendar()[:2], []).append(day)
    result = []
    for days in weeks.values():
        counts = week_counts(plan, days, [len(pins.get(day, ())) for day in days])
        for day, count in zip(days, counts, strict=True):
            pinned = pins.get(day, [])
            result += [Opening(day, item) for item in pinned]
            result += [Opening(day) for _ in range(count - len(pinned))]
    return result


def week_counts(plan: ChannelPlan, days: list[date], pinned: list[int]) -> list[int]:
    """How many pushes each running day of one week gets (pins included)."""
    size = len(days)
    per_day = plan.per_day or plan.per_week  # no daily limit: the week's all on one day at most
    total = size * per_day if not plan.per_week else min(plan.per_week, size * per_day)
    counts = [0] * size
    for k in range(total):
        counts[(2 * k + 1) * size // (2 * total)] += 1
    # A pin on a day without a share takes one from the busiest unpinned day of the week.
    for position, wanted in enumerate(pinned):
        while counts[position] < wanted:
            spare = [p for p in range(size) if counts[p] > pinned[p]]
            if not spare:
                counts[position] += 1  # more pins than capacity: reported by the loader
                continue
            donor = max(spare, key=lambda p: (counts[p] - pinned[p], p))
            counts[donor] -= 1
            counts[position] += 1
    return counts


class Topics:
    """The sectors and themes used for rotation, broader terms included."""

    def __init__(self, taxonomy: Taxonomy | None):
        self.taxonomy = taxonomy

    def sectors(self, item: Item) -> frozenset[str]:
        if self.taxonomy is None:
            return frozenset(item.sectors)
        return frozenset(self.taxonomy.sectors.with_ancestors(item.sectors))

    def themes(self, item: Item) -> frozenset[str]:
        """Sub-themes only: nearly everything is under 两新, which says nothing."""
        if self.taxonomy is None:
            return frozenset(item.themes)
        themes = self.taxonomy.themes
        return frozenset(t for t in item.themes if (term := themes.find(t)) and term.parent)


class ChannelRun:
    """Places the slots of one channel, opening by opening."""

    def __init__(self, campaign: Campaign, plan: ChannelPlan, calendar: Calendar):
        self.campaign = campaign
        self.plan = plan
        self.openings = openings(campaign, plan, calendar)
        self.free_days = [o.day for o in self.openings if not o.pin]
        self.slots: list[Slot] = []
        self.pushes: dict[str, int] = {}  # item id → pushes so far on this channel
        self.last_push: dict[str, date] = {}
        self.missed: list[tuple[int, date, date, list[str]]] = []  # cycle, first, last, ids
        self.late: list[tuple[str, date, date]] = []  # item id, first push, deadline
        self.per_day: dict[date, int] = {}  # pushes placed on each day

    def place(
        self,
        items: list[Item],
        windows: dict[str, Window],
        order: dict[str, int],
        priorities: dict[str, int],
        topics: Topics,
    ) -> None:
        self.items = {item.id: item for item in items}
        self.windows = windows
        self.sectors = {item.id: topics.sectors(item) for item in items}
        self.themes = {item.id: topics.themes(item) for item in items}
        keys = {
            item.id: (
                -priority_of(item, priorities),
                windows[item.id].due or date.max,
                order[item.id],
            )
            for item in items
        }
        self.static_key: Callable[[str], tuple] = keys.__getitem__
        before = self.campaign.start - timedelta(days=1)
        cycle = Cycle(-1, before, before)
        free_index = 0
        last_day = self.campaign.start - timedelta(days=1)  # the day of the last push
        for position, opening in enumerate(self.openings):
            if opening.day > cycle.last:
                self.close_cycle(cycle)
                cycle = self.open_cycle(opening.day)
            cycle.release(opening.day)
            if opening.pin:
                self.push(opening.day, opening.pin, cycle.number, pinned=True)
                last_day = opening.day
                continue
            following = (
                self.openings[position + 1].day
                if position + 1 < len(self.openings)
                else self.campaign.end + timedelta(days=1)
            )
            must_refresh = (following - last_day).days > FRESHNESS_DAYS
            chosen = self.choose(cycle, opening.day, free_index, must_refresh)
            free_index += 1
            if chosen is not None:
                item_id, reason = chosen
                cycle.done(item_id)
                self.push(opening.day, item_id, cycle.number, reason=reason)
                last_day = opening.day
        self.close_cycle(cycle)

    def open_cycle(self, day: date) -> Cycle:
        number, first, last = cycle_bounds(self.campaign, day)
        pinned = {
            pin.item
            for pin in self.campaign.pins
            if pin.channel == self.plan.id and first <= pin.day <= last
        }
        members = [
            item_id
            for item_id, window in self.windows.items()
            if item_id in self.items
            and window.first <= last
            and window.last >= first
            and item_id not in pinned
        ]
        free = bisect.bisect_left(self.free_days, first), bisect.bisect_right(self.free_days, last)
        return Cycle(number, first, last, members, self, free)

    def close_cycle(self, cycle: Cycle) -> None:
        """Remember the items an every-item channel could not carry in the cycle."""
        if cycle.number < 0 or not self.plan.every_item:
            return
        missed = sorted(
            (
                item_id
                for item_id in cycle.members
                if item_id not in cycle.pushed and self.had_opening(item_id, cycle)
            ),
            key=self.static_key,
        )
        if missed:
            self.missed.append((cycle.number, cycle.first, cycle.last, missed))

    def had_opening(self, item_id: str, cycle: Cycle) -> bool:
        """Whether the channel had a free opening while the item was open in the cycle."""
        window = self.windows[item_id]
        first, last = max(window.first, cycle.first), min(window.last, cycle.last)
        return bisect.bisect_right(self.free_days, last) > bisect.bisect_left(self.free_days, first)

    def choose(
        self, cycle: Cycle, day: date, free_index: int, must_refresh: bool
    ) -> tuple[str, str] | None:
        """The item to push at this opening, and why if not by plain rotation; or none."""
        remaining = cycle.free_end - free_index  # free openings left in the cycle, this one too
        share = Fraction(min(cycle.pending(), remaining), remaining)
        cycle.credit = min(Fraction(1), cycle.credit + share)
        urgent = cycle.urgency(day, free_index) if self.plan.every_item else None
        pressed = urgent is not None and not urgent.fits
        if not (cycle.credit >= 1 or must_refresh or pressed):
            return None
        previous = self.previous()
        reason = ""
        if pressed:
            best = cycle.best(previous)
            candidates = cycle.ranked(previous, urgent.allowed()) or [urgent.earliest]
            if candidates[:1] != best:
                reason = REASON_DEADLINE
        else:
            candidates = cycle.best(previous)
        if not candidates and must_refresh:
            candidates, reason = self.repeats(day), REASON_FRESHNESS
        if not candidates:
            return None
        cycle.credit = max(Fraction(0), cycle.credit - 1)
        return candidates[0], reason

    def repeats(self, day: date) -> list[str]:
        """Items already pushed this cycle, least recently first: to keep the channel fresh."""
        previous = self.previous()
        open_ids = [i for i, w in self.windows.items() if i in self.items and w.open_on(day)]
        return sorted(
            open_ids,
            key=lambda i: (
                self.clash(previous, i),
                self.last_push.get(i, date.min),
                self.static_key(i),
            ),
        )[:1]

    def previous(self) -> str:
        return self.slots[-1].item if self.slots else ""

    def clash(self, previous: str, item_id: str) -> tuple[bool, bool]:
        """Whether ``item_id`` shares a sector, and a theme, with the previous push."""
        if not previous or previous not in self.items:
            return False, False
        return (
            bool(self.sectors[previous] & self.sectors[item_id]),
            bool(self.themes[previous] & self.themes[item_id]),
        )

    def push(self, day: date, item_id: str, cycle: int, pinned: bool = False, reason="") -> None:
        index = self.per_day.get(day, 0)
        self.per_day[day] = index + 1
        self.slots.append(
            Slot(
                day,
                self.plan.id,
                item_id,
                index,
                max(cycle, 0),
                pinned,
                REASON_PIN if pinned else reason,
            )
        )
        if item_id not in self.pushes and item_id in self.windows:
            deadline = self.items[item_id].details.deadline if item_id in self.items else None
            due = self.windows[item_id].due
            if deadline and due and day > due and self.plan.every_item:
                self.late.append((item_id, day, deadline))
        self.pushes[item_id] = self.pushes.get(item_id, 0) + 1
        self.last_push[item_id] = day

    def notes(self) -> list[ScheduleNote]:
        """What this channel could not do: items left out, late pushes, idle stretches."""
        notes = [self.missed_note(*missed) for missed in self.missed]
        notes += self.closed_notes()
        lead = self.campaign.lead_days
        for item_id, day, deadline in self.late[:LATE_NOTES]:
            first = self.windows[item_id].first
            why = (
                f"it can be pushed only from {first}"
                if (deadline - first).days < lead
                else "the openings before it were taken by items due earlier"
            )
            notes.append(
                ScheduleNote(
                    self.plan.id,
                    f"{item_id} is first pushed on {self.plan.name} on {day}, only "
                    f"{(deadline - day).days} days before its deadline {deadline}: {why}",
                    f"pin it earlier, raise this channel's capacity, or lower lead_days "
                    f"(now {lead})",
                    (item_id,),
                )
            )
        if len(self.late) > LATE_NOTES:
            more = [item_id for item_id, _, _ in self.late[LATE_NOTES:]]
            notes.append(
                ScheduleNote(
                    self.plan.id,
                    f"{len(more)} more item(s) are first pushed on {self.plan.name} less than "
                    f"{lead} days before their deadline: {', '.join(more[:8])}"
                    + (" …" if len(more) > 8 else ""),
                    "raise this channel's capacity, or lower lead_days",
                    tuple(more),
                )
            )
        notes += self.idle_notes()
        return notes

    def closed_notes(self) -> list[ScheduleNote]:
        """Items an every-item channel never carried because it never ran while they were open."""
        if not self.plan.every_item:
            return []
        noted = {item_id for *_, missed in self.missed for item_id in missed}
        never = sorted(
            (i for i in self.items if i not in self.pushes and i not in noted),
            key=self.static_key,
        )
        if not never:
            return []
        shown = ", ".join(never[:8]) + (f" and {len(never) - 8} more" if len(never) > 8 else "")
        return [
            ScheduleNote(
                self.plan.id,
                f"{len(never)} item(s) are never pushed on {self.plan.name}: {shown}; the "
                "channel does not run on any day they are open (holidays, weekdays, blackouts)",
                "pin them on another channel, or move a blackout",
                tuple(never),
            )
        ]

    def missed_note(self, cycle: int, first: date, last: date, missed: list[str]) -> ScheduleNote:
        shown = ", ".join(missed[:8]) + (f" and {len(missed) - 8} more" if len(missed) > 8 else "")
        free = sum(1 for day in self.free_days if first <= day <= last)
        expired = [i for i in missed if self.windows[i].last < last]
        why = (
            f"its {free} free openings were all used"
            if not expired
            else f"{len(expired)} of them closed (deadline or expiry) before a free opening"
        )
        return ScheduleNote(
            self.plan.id,
            f"{len(missed)} item(s) do not fit on {self.plan.name} in cycle {cycle + 1} "
            f"({first} … {last}): {shown}; {why}",
            "raise per_day/per_week, lengthen repeat_weeks, or set every_item: false",
            tuple(missed),
        )

    def idle_notes(self) -> list[ScheduleNote]:
        """Stretches of more than 14 days between two pushes (or the campaign's ends)."""
        days = sorted({slot.day for slot in self.slots})
        bounds = [
            self.campaign.start - timedelta(days=1),
            *days,
            self.campaign.end + timedelta(days=1),
        ]
        notes = []
        for before, after in itertools.pairwise(bounds):
            if (after - before).days <= FRESHNESS_DAYS:
                continue
            since = before + timedelta(days=1)
            until = after - timedelta(days=1)
            has_opening = any(since <= o.day <= until for o in self.openings)
            why = (
                "no item could be pushed then"
                if has_opening
                else "the channel does not run then (holidays, weekdays or blackouts)"
            )
            notes.append(
                ScheduleNote(
                    self.plan.id,
                    f"{self.plan.name} has no push from {since} to {until} "
                    f"({(until - since).days + 1} days): {why}; a channel idle for more than "
                    f"{FRESHNESS_DAYS} days fails the government website inspection",
                    "shorten the blackout, add weekdays to the channel, or add items",
                )
            )
        return notes


@dataclass
class Urgency:
    """Earliest-deadline-first check of the dated items still to push in a cycle."""

    dues: list[tuple[date, tuple, str]]  # (due, rank key, item id), sorted
    slack: list[int]  # free openings after this one by each due, minus what needs them

    @property
    def fits(self) -> bool:
        """Every dated item still fits if this opening is skipped or given to another."""
        return min(self.slack, default=0) >= 0

    @property
    def earliest(self) -> str:
        return self.dues[0][2]

    def allowed(self) -> list[str]:
        """The dated items whose push now keeps every other dated item on time.

        Only when the dated items do not fit without this opening: then it must go to
        one of them, at a position no later than the first that would be late.
        """
        after = [0] * (len(self.slack) + 1)  # after[p]: least slack beyond position p - 1
        after[-1] = 0
        for position in range(len(self.slack) - 1, -1, -1):
            after[position] = min(self.slack[position], after[position + 1])
        allowed = []
        for position, (_, _, item_id) in enumerate(self.dues):
            if after[position + 1] + 1 >= 0:
                allowed.append(item_id)
            if self.slack[position] < 0:
                break  # pushing a later item would leave this one late
        return allowed


class Cycle:
    """One repeat cycle on one channel: which items are still to push in it.

    Items wait until released, then sit in a pool ordered by their static rank until
    pushed or closed (deadline or expiry passed); removal from the pool is lazy.
    """

    def __init__(
        self,
        number: int,
        first: date,
        last: date,
        members: list[str] | None = None,
        run: ChannelRun | None = None,
        free: tuple[int, int] = (0, 0),
    ):
        self.number = number
        self.first = first
        self.last = last
        self.members = members or []
        self.run = run
        self.free_end = free[1]  # index into run.free_days past the cycle's last free opening
        self.credit = Fraction(1)  # pacing: push when it reaches 1
        self.pushed: set[str] = set()
        self.waiting = sorted(self.members, key=lambda i: (run.windows[i].first, i)) if run else []
        self.released = 0  # how many of ``waiting`` are released
        # Released items grouped by topic (sectors, themes), each group in static rank order.
        self.groups: dict[tuple[frozenset, frozenset], list[tuple[tuple, str]]] = {}
        self.remaining: Counter[str] = Counter()  # sector → items still to push in the cycle
        for item_id in self.waiting:
            self.remaining.update(run.sectors[item_id])
        self.closing: list[tuple[date, str]] = []  # heap of (last day, item id)
        self.live: set[str] = set()  # released, open and not pushed
        self.dated: set[str] = set()  # the live items due before the cycle ends

    def release(self, day: date) -> None:
        """Move the items released by ``day`` into the pool; drop those closed before it."""
        run = self.run
        while self.released < len(self.waiting):
            item_id = self.waiting[self.released]
            window = run.windows[item_id]
            if window.first > day:
                break
            self.released += 1
            topic = (run.sectors[item_id], run.themes[item_id])
            bisect.insort(self.groups.setdefault(topic, []), (run.static_key(item_id), item_id))
            heapq.heappush(self.closing, (window.last, item_id))
            self.live.add(item_id)
            if window.due is not None and min(window.due, window.last) < self.last:
                self.dated.add(item_id)
        while self.closing and self.closing[0][0] < day:
            _, item_id = heapq.heappop(self.closing)
            self.drop(item_id)

    def done(self, item_id: str) -> None:
        self.pushed.add(item_id)
        self.drop(item_id)

    def drop(self, item_id: str) -> None:
        if item_id in self.live:
            self.live.discard(item_id)
            self.dated.discard(item_id)
            self.remaining.subtract(self.run.sectors[item_id])

    def pending(self) -> int:
        """Items still to push in the cycle: released and open, or released later."""
        return len(self.live) + len(self.waiting) - self.released

    def best(self, previous: str) -> list[str]:
        """The best item to push after ``previous``.

        Rotation first: a topic that shares no sector (then no theme) with ``previous``.
        Then priority and due date; then the topic with the most items still to push, so
        that the big sectors are spread over the cycle instead of left for its end.
        """
        run = self.run
        best_key, best_id = None, ""
        for topic, group in self.groups.items():
            while group and group[0][1] not in self.live:
                group.pop(0)
            if not group:
                continue
            static, item_id = group[0]
            left = max((self.remaining[sector] for sector in topic[0]), default=0)
            key = (run.clash(previous, item_id), static[0], static[1], -left, static[2:])
            if best_key is None or key < best_key:
                best_key, best_id = key, item_id
        return [best_id] if best_id else []

    def ranked(self, previous: str, among: list[str]) -> list[str]:
        """``among``, best first (rotation, then static rank)."""
        run = self.run
        return sorted(among, key=lambda i: (run.clash(previous, i), run.static_key(i)))

    def urgency(self, day: date, free_index: int) -> Urgency | None:
        """The EDF check over live items due within the cycle; ``None`` without any."""
        run = self.run
        if not self.dated:
            return None
        dues = []
        for item_id in self.dated:
            window = run.windows[item_id]
            due = window.due if window.due >= day else window.last
            dues.append((due, run.static_key(item_id), item_id))
        dues.sort()
        slack = []
        for needed, (due, _, _) in enumerate(dues, start=1):
            after = bisect.bisect_right(run.free_days, due) - (free_index + 1)
            slack.append(after - needed)
        return Urgency(dues, slack)


REASON_INTERPRETATION = "interpretation"  # a 解读, pushed with or right after its document


def push_interpretations(schedule: Schedule, column: Column) -> Schedule:
    """The schedule with a portal push for every 解读: on the day its document is first
    pushed there (right after that day's items), or its own date when that is later.

    A 解读 whose items are never pushed comes on the first portal day on or after its
    date. Without a portal channel there is nothing to push it on.
    """
    portal = schedule.campaign.portal
    if not portal or not column.interpretations:
        return schedule
    portal_slots = [slot for slot in schedule.slots if slot.channel == portal]
    days = sorted({slot.day for slot in portal_slots})
    first_day: dict[str, date] = {}
    per_day = Counter(slot.day for slot in portal_slots)
    for slot in portal_slots:
        first_day.setdefault(slot.item, slot.day)
    pushes = []
    for reading in column.interpretations:
        covered = [
            item.id
            for item in column.items
            if item.source.slug in reading.documents or item.id in reading.items
        ]
        pushed = [first_day[item_id] for item_id in covered if item_id in first_day]
        wanted = max(min(pushed) if pushed else schedule.campaign.start, reading.day)
        at = bisect.bisect_left(days, wanted)
        if at == len(days):
            continue
        day = days[at]
        pushes.append(Slot(day, portal, reading.slug, per_day[day], reason=REASON_INTERPRETATION))
        per_day[day] += 1
    pushes.sort(key=lambda slot: (slot.day, slot.index, slot.item))
    return replace(schedule, interpretations=tuple(pushes))
