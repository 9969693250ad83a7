"""What a channel has pushed by a given day: first pushes (the feeds' dates) and the
portal's rolling push (门户网站滚动推送: the home page block and the "latest" widget).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.core.model import Column, Item, Schedule, Slot
from generator.core.rules import is_current


def first_pushes(schedule: Schedule, channel: str) -> list[Slot]:
    """The first slot of each item on ``channel``, in schedule order."""
    seen: set[str] = set()
    firsts = []
    for slot in schedule.slots:
        if slot.channel == channel and slot.item not in seen:
            seen.add(slot.item)
            firsts.append(slot)
    return firsts


def latest_pushes(
    schedule: Schedule | None, items: tuple[Item, ...], until: date
) -> list[tuple[Slot, Item]]:
    """The portal channel's pushes up to and including ``until``, newest first, each item
    once (its latest push); empty without a schedule or a portal channel.

    The one reading of 门户网站滚动推送 that the home page and the "latest" widget share.
    """
    if schedule is None or not schedule.campaign.portal:
        return []
    by_id = {item.id: item for item in items}
    slots = [s for s in schedule.slots_on(schedule.campaign.portal) if s.day <= until]
    latest: dict[str, tuple[Slot, Item]] = {}
    for slot in reversed(slots):  # schedule order is by day: newest last
        if slot.item not in latest and slot.item in by_id:
            latest[slot.item] = (slot, by_id[slot.item])
    return list(latest.values())


@dataclass(frozen=True)
class RollingPush:
    """What the portal pushes on ``today`` and pushed just before: the home page's block."""

    channel: str  # the portal channel's name
    today: tuple[tuple[Slot, Item], ...]
    recent: tuple[tuple[Slot, Item], ...]  # newest first, one per item


def rolling_push(
    schedule: Schedule | None, items: tuple[Item, ...], today: date, recent: int = 6
) -> RollingPush | None:
    """Today's portal slots and the ``recent`` items pushed before it; ``None`` without
    a schedule."""
    if schedule is None:
        return None
    pushed = latest_pushes(schedule, items, today)
    todays = tuple(push for push in reversed(pushed) if push[0].day == today)
    shown = {slot.item for slot, _ in todays}
    earlier = tuple(push for push in pushed if push[0].day < today and push[1].id not in shown)
    portal = schedule.campaign.portal
    return RollingPush(schedule.campaign.plan(portal).name, todays, earlier[:recent])


def pushed_items(column: Column, today: date, limit: int) -> list[tuple[Item, date]]:
    """The items the portal pushed most recently up to ``today``, newest first, each once,
    with the day of its latest push; expired items are left out (the "latest" widget)."""
    pushed = latest_pushes(column.schedule, column.items, today)
    fresh = [(item, slot.day) for slot, item in pushed if is_current(item, today)]
    return fresh[:limit]
