"""The editors' desk (编辑工作台): which day's copy to show, and the days after it.

On a day without pushes (a weekend, a holiday, outside the campaign) the editors
prepare the nearest push day's copy, so the desk shows that day and says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from generator.core.model import Campaign, Schedule, Slot

TODAY = "today"  # the desk day is the build date
NEXT = "next"  # nothing today: the next push day of the campaign
BEFORE = "before"  # the campaign has not begun: its first push day
AFTER = "after"  # the campaign is over: its last push day


AHEAD_DAYS = 5  # working days listed below the desk day


@dataclass(frozen=True)
class DeskDay:
    """The day whose copy the desk shows, why that day, and the push days after it."""

    day: date | None  # None: the campaign has no slot at all
    state: str  # TODAY, NEXT, BEFORE or AFTER
    slots: tuple[Slot, ...]  # the desk day's slots, in schedule order
    ahead: tuple[tuple[date, tuple[Slot, ...]], ...]  # the next working days with their slots


def desk_day(schedule: Schedule, today: date, working, ahead: int = AHEAD_DAYS) -> DeskDay:
    """The desk for ``today``: its own slots, else the nearest push day's.

    ``working(day)`` says whether a day is a working day (the official calendar).
    """
    campaign = schedule.campaign
    days = sorted({slot.day for slot in schedule.slots})
    if not days:
        return DeskDay(None, BEFORE if today < campaign.start else AFTER, (), ())
    if today > days[-1] or today > campaign.end:
        day, state = days[-1], AFTER
    elif today < campaign.start:
        day, state = days[0], BEFORE
    else:
        day = next(d for d in days if d >= today)
        state = TODAY if day == today else NEXT
    by_day: dict[date, list[Slot]] = {}
    for slot in schedule.slots:
        by_day.setdefault(slot.day, []).append(slot)
    following: list[tuple[date, tuple[Slot, ...]]] = []
    current = day + timedelta(days=1)
    while len(following) < ahead and current <= campaign.end:
        if working(current) or current in by_day:
            following.append((current, tuple(by_day.get(current, ()))))
        current += timedelta(days=1)
    return DeskDay(day, state, tuple(by_day[day]), tuple(following))


def campaign_day(campaign: Campaign, day: date) -> int:
    """Day N of the campaign (1 on its first day); 0 outside it."""
    if not campaign.start <= day <= campaign.end:
        return 0
    return (day - campaign.start).days + 1


def campaign_days(campaign: Campaign) -> int:
    """M: how many days the campaign runs."""
    return (campaign.end - campaign.start).days + 1
