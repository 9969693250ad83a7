"""Read ``policies/schedule.yml`` (the publicity campaign) and check it against the column.

Reading goes through a NodeReader (``yaml_nodes.py``), so a mistake here is
reported like any other: ``file:line:col: error: what — how to fix``. Checks that
need the items (pins, priorities) or the holiday calendar run once the column is
built; then the scheduler runs, and what it could not do becomes warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.core.calendar import WEEKDAY_NAMES, WorkCalendar, calendar_version, weekday_names
from generator.core.model import (
    COPY_KINDS,
    Blackout,
    Campaign,
    Channel,
    ChannelPlan,
    Column,
    Item,
    Pin,
    Schedule,
    Taxonomy,
)
from generator.core.scheduler import channel_days, item_window, place_slots
from generator.errors import PolicyError, quote, warning
from generator.input.yaml_nodes import (
    BOOL,
    INT,
    Field,
    NodeReader,
    describe,
    display_path,
    is_empty,
    parse_file,
    suggest,
)

SCHEDULE_FILE = "schedule.yml"


# A channel's copy when schedule.yml does not say: by the taxonomy's channel id.
DEFAULT_COPY = {"wechat": "wechat", "tv": "script", "radio": "script"}


WEEKDAY_WORDS = {
    **{name: number for number, name in enumerate(WEEKDAY_NAMES, start=1)},
    "天": 7,
    **{
        name: number
        for number, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), start=1)
    },
}


WEEKDAY_PREFIX = re.compile(r"^(?:周|星期|礼拜)")


PRIORITY_RANGE = range(1, 6)


SCHEDULE_FIELDS = {
    "name": Field("text", "宣传活动名称", "the campaign's name"),
    "start": Field("date", "开始日期", "the first day of the campaign, YYYY-MM-DD", True),
    "end": Field("date", "结束日期", "the last day of the campaign, YYYY-MM-DD", True),
    "repeat_weeks": Field(
        "count", "轮播周期（周）", "every how many weeks each item comes back; 0 = once"
    ),
    "lead_days": Field(
        "count", "截止前提前天数", "push items this many days before their application deadline"
    ),
    "portal": Field(
        "channel", "滚动推送渠道", "the channel whose pushes are the home page's and the feeds'"
    ),
    "channels": Field("plans", "渠道安排", "the channels used, their capacity and days", True),
    "blackouts": Field("blackouts", "停推日期", "days or ranges with no push"),
    "pins": Field("pins", "指定推送", "this item on this channel on this day"),
    "priorities": Field("priorities", "优先级", "item id or document slug: 1 (low) … 5 (high)"),
}


PLAN_FIELDS = {
    "channel": Field("channel", "渠道", "a channel name or id from taxonomy channels", True),
    "per_day": Field("count", "每天条数", "how many pushes a day at most (default: taxonomy)"),
    "per_week": Field("count", "每周条数", "how many pushes a week at most (default: taxonomy)"),
    "weekdays": Field("weekdays", "播出日", "the weekdays it runs on, e.g. [二, 四]"),
    "every_item": Field("flag", "全部推送", "true: every item comes once per cycle here"),
    "copy": Field("copy", "文案类型", "headline, wechat or script"),
}


BLACKOUT_FIELDS = {
    "date": Field("date", "日期", "one day, YYYY-MM-DD"),
    "from": Field("date", "起始日期", "the first day, YYYY-MM-DD"),
    "to": Field("date", "截止日期", "the last day, YYYY-MM-DD"),
    "channels": Field("channel_list", "渠道", "channel names or ids; none means every channel"),
    "reason": Field("text", "原因", "why nothing is pushed"),
}


PIN_FIELDS = {
    "date": Field("date", "日期", "the day, YYYY-MM-DD", True),
    "channel": Field("channel", "渠道", "a channel name or id of this schedule", True),
    "item": Field("text", "条目编号", "the item id, e.g. mzbh-2024-33/3-5", True),
}


@dataclass
class CampaignInput:
    """A campaign as read, with where its pins and priorities are, for later checks."""

    campaign: Campaign | None
    problems: list[PolicyError]
    priority_nodes: dict[str, Node] = field(default_factory=dict)


def read_campaign(path: Path, taxonomy: Taxonomy) -> CampaignInput:
    """``schedule.yml``, structurally checked; ``campaign`` is None when it cannot be used."""
    file = display_path(path)
    root, lines, problems = parse_file(path, file, "it needs start, end and channels")
    if root is None:
        return CampaignInput(None, problems)
    reader = ScheduleReader(file, lines, taxonomy)
    campaign = reader.read_campaign(root)
    problems += reader.problems
    return CampaignInput(campaign, problems, reader.priority_nodes)


def plan_schedule(
    path: Path, taxonomy: Taxonomy, column: Column | None
) -> tuple[Schedule | None, list[PolicyError]]:
    """Read, check and place ``schedule.yml``; ``None`` when it is missing or has errors.

    ``column`` is ``None`` when the sources have errors: the file is still read and
    its own mistakes reported, but nothing that needs the items is checked.
    """
    if not path.exists():
        return None, []
    read = read_campaign(path, taxonomy)
    problems = list(read.problems)
    if read.campaign is None or column is None or any(p.is_error for p in problems):
        return None, problems
    calendar = WorkCalendar()
    problems += check_against_column(read, column, calendar)
    if any(p.is_error for p in problems):
        return None, problems
    schedule = place_slots(read.campaign, column.items, calendar, column.taxonomy)
    return schedule, problems + schedule_warnings(schedule)


def schedule_warnings(schedule: Schedule) -> list[PolicyError]:
    """What the scheduler could not do, as warnings at the channel's line."""
    campaign = schedule.campaign
    lines = {plan.id: plan.line for plan in campaign.channels}
    return [
        warning(campaign.file, lines.get(note.channel, campaign.line), 1, note.message, note.hint)
        for note in schedule.notes
    ]


def check_against_column(
    read: CampaignInput, column: Column, calendar: WorkCalendar
) -> list[PolicyError]:
    """Pins and priorities name real items; pins fall on days their channel runs."""
    campaign = read.campaign
    assert campaign is not None
    problems: list[PolicyError] = []
    items = {item.id: item for item in column.items}
    slugs = {source.slug for source in column.sources}
    for key, node in sorted(read.priority_nodes.items()):
        if key not in items and key not in slugs:
            guess = suggest(key, sorted(items) + sorted(slugs))
            hint = f"did you mean {quote(guess)}?" if guess else "use an item id or a document slug"
            message = f"priorities: no item or document {quote(key)}"
            problems.append(at(campaign.file, node, message, hint))
    for year in calendar.unknown_years(campaign.start, campaign.end):
        problems.append(
            warning(
                campaign.file,
                campaign.line,
                1,
                f"chinesecalendar {calendar_version()} has no holidays for {year}: "
                "Monday to Friday are taken as working days, without 法定节假日 or 调休",
                "upgrade it (pip install -U chinesecalendar) once the State Council "
                "has published that year's holidays",
            )
        )
    days = {plan.id: set(channel_days(campaign, plan, calendar)) for plan in campaign.channels}
    for pin in campaign.pins:
        problems += check_pin(pin, campaign, items, days, calendar)
    problems += check_pin_capacity(campaign)
    return problems


def check_pin(
    pin: Pin,
    campaign: Campaign,
    items: dict[str, Item],
    days: dict[str, set[date]],
    calendar: WorkCalendar,
) -> list[PolicyError]:
    """A pin names an item that is open that day, on a day its channel runs."""
    file = campaign.file
    plan = campaign.plan(pin.channel)
    item = items.get(pin.item)
    if item is None:
        guess = suggest(pin.item, sorted(items))
        hint = (
            f"did you mean {quote(guess)}?" if guess else "see the ids with `policy-column split`"
        )
        return [PolicyError(file, pin.line, pin.column, f"pin: no item {quote(pin.item)}", hint)]
    if not campaign.start <= pin.day <= campaign.end:
        return [
            PolicyError(
                file,
                pin.line,
                pin.column,
                f"pin on {pin.day} is outside the campaign ({campaign.start} … {campaign.end})",
                "move it into the campaign or widen start/end",
            )
        ]
    if pin.day not in days[plan.id]:
        return [
            PolicyError(
                file,
                pin.line,
                pin.column,
                f"pin on {pin.day}: {plan.name} does not run that day "
                f"({why_not_running(pin.day, plan, campaign, calendar)})",
                f"move it to {nearest_days(pin.day, days[plan.id])}",
            )
        ]
    window = item_window(item, campaign)
    if window is None or not window.first <= pin.day <= window.last:
        if window is None or pin.day > window.last:
            what = "its application deadline or expiry has passed by then"
        else:
            what = f"it is released only on {window.first}"
        return [
            PolicyError(
                file,
                pin.line,
                pin.column,
                f"pin on {pin.day}: {pin.item} cannot be pushed that day: {what}",
                "move the pin, or pin another item",
            )
        ]
    return []


def check_pin_capacity(campaign: Campaign) -> list[PolicyError]:
    """No more pins on a day or in a week than the channel carries."""
    problems = []
    by_day: dict[tuple[str, date], list[Pin]] = {}
    by_week: dict[tuple[str, tuple[int, int]], list[Pin]] = {}
    for pin in campaign.pins:
        by_day.setdefault((pin.channel, pin.day), []).append(pin)
        by_week.setdefault((pin.channel, pin.day.isocalendar()[:2]), []).append(pin)
    for (channel, day), pins in sorted(by_day.items()):
        plan = campaign.plan(channel)
        if plan.per_day and len(pins) > plan.per_day:
            last = pins[-1]
            problems.append(
                PolicyError(
                    campaign.file,
                    last.line,
                    last.column,
                    f"{len(pins)} pins on {plan.name} on {day}, which carries {plan.per_day} a day",
                    "move a pin to another day",
                )
            )
    for (channel, week), pins in sorted(by_week.items()):
        plan = campaign.plan(channel)
        if plan.per_week and len(pins) > plan.per_week:
            last = pins[-1]
            problems.append(
                PolicyError(
                    campaign.file,
                    last.line,
                    last.column,
                    f"{len(pins)} pins on {plan.name} in week {week[1]} of {week[0]}, "
                    f"which carries {plan.per_week} a week",
                    "move a pin to another week",
                )
            )
    return problems


def why_not_running(
    day: date, plan: ChannelPlan, campaign: Campaign, calendar: WorkCalendar
) -> str:
    for blackout in campaign.blackouts:
        if blackout.covers(day, plan.id):
            return f"blackout{': ' + blackout.reason if blackout.reason else ''}"
    holiday = calendar.holiday(day)
    if holiday:
        return f"{holiday} 法定节假日"
    if not calendar.is_working_day(day):
        return "not a working day"
    return f"it runs on {weekday_names(plan.weekdays)}"


def nearest_days(day: date, running: set[date]) -> str:
    """The running days just before and after ``day``, as a hint."""
    before = max((d for d in running if d < day), default=None)
    after = min((d for d in running if d > day), default=None)
    found = [str(d) for d in (before, after) if d is not None]
    return " or ".join(found) if found else "a day the channel runs"


def at(file: str, node: Node, message: str, hint: str = "") -> PolicyError:
    return PolicyError(file, node.start_mark.line + 1, node.start_mark.column + 1, message, hint)


class ScheduleReader(NodeReader):
    """Reads ``schedule.yml`` into a :class:`Campaign`."""

    def __init__(self, file: str, lines: list[str], taxonomy: Taxonomy):
        super().__init__(file, lines, {})
        self.taxonomy = taxonomy
        self.plans: list[ChannelPlan] = []  # read so far, for pins, blackouts and portal
        self.priority_nodes: dict[str, Node] = {}
        self.reading_plans = False  # channels: name taxonomy channels; elsewhere, this file's
        self.readers |= {
            "channel": self.read_channel_ref,
            "channel_list": self.read_channel_list,
            "plans": self.read_plans,
            "weekdays": self.read_weekdays,
            "flag": self.read_flag,
            "copy": self.read_copy,
            "blackouts": self.read_blackouts,
            "pins": self.read_pins,
            "priorities": self.read_priorities,
        }

    def read_campaign(self, root: Node) -> Campaign | None:
        entries = self.entries(root, SCHEDULE_FIELDS)
        if entries is None:
            return None
        # Channels first: portal, blackouts and pins refer to them.
        first = {key: entries[key] for key in ("channels",) if key in entries}
        values = self.read_values(first, SCHEDULE_FIELDS)
        rest = {key: pair for key, pair in entries.items() if key not in first}
        values |= self.read_values(rest, SCHEDULE_FIELDS)
        start, end = values.get("start"), values.get("end")
        if start and end and end < start:
            self.error(entries["end"][1], f"end {end} is before start {start}", "swap them")
            return None
        if start is None or end is None or not self.plans:
            return None
        portal = values.get("portal") or self.plans[0].id
        if portal not in {plan.id for plan in self.plans}:
            self.error(
                entries["portal"][1],
                f"portal: {quote(portal)} is not one of this schedule's channels",
                "add it under channels: or name one of them",
            )
        campaign = Campaign(
            file=self.file,
            name=values.get("name", ""),
            start=start,
            end=end,
            channels=tuple(self.plans),
            blackouts=values.get("blackouts", ()),
            pins=values.get("pins", ()),
            repeat_weeks=values.get("repeat_weeks", 0),
            lead_days=values.get("lead_days", 14),
            priorities=tuple(sorted(values.get("priorities", {}).items())),
            portal=portal,
            line=entries["start"][0].start_mark.line + 1,
        )
        self.check_blackouts_inside(campaign, entries)
        return campaign

    def check_blackouts_inside(self, campaign: Campaign, entries) -> None:
        for blackout in campaign.blackouts:
            if blackout.end < campaign.start or blackout.start > campaign.end:
                self.problems.append(
                    warning(
                        self.file,
                        blackout.line,
                        1,
                        f"blackout {blackout.start} … {blackout.end} is outside the campaign",
                        "delete it or check the dates",
                    )
                )

    # --- channels ----------------------------------------------------------

    def find_channel(self, text: str) -> Channel | None:
        return next((c for c in self.taxonomy.channels if text in (c.id, c.name)), None)

    def read_channel_ref(self, key: str, node: Node) -> str | None:
        """A channel name or id: of the taxonomy for a plan, of this schedule elsewhere."""
        text = self.read_text(key, node)
        if text is None:
            return None
        channel = self.find_channel(text)
        names = [c.name for c in self.taxonomy.channels] + [c.id for c in self.taxonomy.channels]
        if channel is None:
            guess = suggest(text, names)
            hint = (
                f"did you mean {quote(guess)}?"
                if guess
                else "the channels are " + "、".join(c.name for c in self.taxonomy.channels)
            )
            self.error(node, f"unknown channel {quote(text)}", hint + " (taxonomy.yml channels)")
            return None
        if not self.reading_plans and channel.id not in {plan.id for plan in self.plans}:
            self.error(
                node,
                f"channel {quote(text)} is not in this schedule's channels",
                "add it under channels:",
            )
            return None
        return channel.id

    def read_channel_list(self, key: str, node: Node) -> tuple[str, ...]:
        ids = []
        for _, element in self.text_list(key, node):
            channel_id = self.read_channel_ref(key, element)
            if channel_id and channel_id not in ids:
                ids.append(channel_id)
        return tuple(ids)

    def read_plans(self, key: str, node: Node) -> tuple[ChannelPlan, ...]:
        if not isinstance(node, SequenceNode) or not node.value:
            self.error(
                node,
                f"channels must be a list of channels, not {describe(node)}",
                'start each with "- channel: 门户网站" and its per_day: or per_week: below',
            )
            return ()
        self.reading_plans = True
        try:
            for element in node.value:
                plan = self.read_plan(element)
                if plan is None:
                    continue
                if plan.id in {p.id for p in self.plans}:
                    first = next(p.line for p in self.plans if p.id == plan.id)
                    self.error(
                        element,
                        f"channel {quote(plan.name)} is listed twice (first on line {first})",
                        "merge the two entries",
                    )
                    continue
                self.plans.append(plan)
        finally:
            self.reading_plans = False
        return tuple(self.plans)

    def read_plan(self, node: Node) -> ChannelPlan | None:
        entries = self.entries(node, PLAN_FIELDS)
        if entries is None:
            return None
        values = self.read_values(entries, PLAN_FIELDS)
        channel = self.find_channel(values["channel"]) if "channel" in values else None
        if channel is None:
            return None
        given = "per_day" in entries or "per_week" in entries
        per_day = values.get("per_day", 0 if given else channel.per_day)
        per_week = values.get("per_week", 0 if given else channel.per_week)
        if not per_day and not per_week:
            self.error(
                node,
                f"channel {quote(channel.name)} can carry nothing",
                "give it per_day: or per_week: greater than 0 here or in taxonomy.yml",
            )
            return None
        return ChannelPlan(
            channel=channel,
            per_day=per_day,
            per_week=per_week,
            weekdays=values.get("weekdays", (1, 2, 3, 4, 5, 6, 7)),
            every_item=values.get("every_item", False),
            copy=values.get("copy", DEFAULT_COPY.get(channel.id, "headline")),
            line=node.start_mark.line + 1,
        )

    def read_weekdays(self, key: str, node: Node) -> tuple[int, ...] | None:
        """Weekdays as 一…日, 周一, 星期一, mon…sun or 1…7 (Monday = 1)."""
        elements = node.value if isinstance(node, SequenceNode) else [node]
        days: list[int] = []
        for element in elements:
            if not isinstance(element, ScalarNode):
                self.error(element, f"{key} must be a list of weekdays", "write e.g. [二, 四]")
                continue
            text = WEEKDAY_PREFIX.sub("", element.value.strip()).lower()
            number = int(text) if element.tag == INT and text.isdigit() else WEEKDAY_WORDS.get(text)
            if number is None or not 1 <= number <= 7:
                self.error(
                    element,
                    f"{key}: {quote(element.value)} is not a weekday",
                    "write 一 … 日 (or 周一, mon, 1 for Monday … 7 for Sunday)",
                )
                continue
            if number in days:
                self.warn(element, f"{key}: {quote(element.value)} is listed twice", "delete one")
                continue
            days.append(number)
        return tuple(sorted(days)) if days else None

    def read_flag(self, key: str, node: Node) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == BOOL and node.value in ("true", "false"):
            return node.value == "true"
        got = quote(node.value) if isinstance(node, ScalarNode) else describe(node)
        self.error(node, f"{key} must be true or false, not {got}", "write true or false")
        return None

    def read_copy(self, key: str, node: Node) -> str | None:
        text = self.read_text(key, node)
        if text is None or text in COPY_KINDS:
            return text
        self.error(
            node,
            f"{key}: unknown copy kind {quote(text)}",
            "use one of " + "; ".join(f"{k}: {v}" for k, v in COPY_KINDS.items()),
        )
        return None

    # --- blackouts, pins, priorities --------------------------------------

    def read_blackouts(self, key: str, node: Node) -> tuple[Blackout, ...]:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{key} must be a list, not {describe(node)}", "write - 2025-05-01")
            return ()
        blackouts = []
        for element in node.value:
            blackout = self.read_blackout(element)
            if blackout is not None:
                blackouts.append(blackout)
        return tuple(blackouts)

    def read_blackout(self, node: Node) -> Blackout | None:
        line = node.start_mark.line + 1
        if isinstance(node, ScalarNode):
            day = self.read_date("blackouts", node)
            return Blackout(day, day, line=line) if day else None
        entries = self.entries(node, BLACKOUT_FIELDS)
        if entries is None:
            return None
        values = self.read_values(entries, BLACKOUT_FIELDS)
        if "date" in entries and ("from" in entries or "to" in entries):
            self.error(node, "a blackout has date or from/to, not both", "keep one")
            return None
        if "date" not in entries and not ("from" in entries and "to" in entries):
            self.error(node, "a blackout needs date, or from and to", "add date: YYYY-MM-DD")
            return None
        start = values.get("date", values.get("from"))
        end = values.get("date", values.get("to"))
        if start is None or end is None:
            return None
        if end < start:
            self.error(entries["to"][1], f"to {end} is before from {start}", "swap them")
            return None
        return Blackout(start, end, values.get("channels", ()), values.get("reason", ""), line)

    def read_pins(self, key: str, node: Node) -> tuple[Pin, ...]:
        if not isinstance(node, SequenceNode):
            self.error(
                node,
                f"{key} must be a list, not {describe(node)}",
                "write - {date: 2025-03-03, channel: 门户网站, item: mzbh-2024-33/3-5}",
            )
            return ()
        pins: list[Pin] = []
        seen: dict[tuple, int] = {}
        for element in node.value:
            entries = self.entries(element, PIN_FIELDS)
            if entries is None:
                continue
            values = self.read_values(entries, PIN_FIELDS)
            if values.keys() != PIN_FIELDS.keys():
                continue
            line, column = element.start_mark.line + 1, element.start_mark.column + 1
            pin = Pin(values["date"], values["channel"], values["item"], line, column)
            identity = (pin.day, pin.channel, pin.item)
            if identity in seen:
                self.error(element, f"this pin repeats line {seen[identity]}", "delete one")
                continue
            seen[identity] = line
            pins.append(pin)
        return tuple(pins)

    def read_priorities(self, key: str, node: Node) -> dict[str, int]:
        if not isinstance(node, MappingNode):
            self.error(
                node,
                f"{key} must map item ids or document slugs to 1…5, not {describe(node)}",
                "write e.g. jn-2025h1-car-subsidy: 5",
            )
            return {}
        priorities: dict[str, int] = {}
        for key_node, value_node in node.value:
            name = self.read_key(key_node)
            if name is None:
                continue
            if name in priorities:
                self.error(key_node, f"priorities: {quote(name)} is given twice", "delete one")
                continue
            if is_empty(value_node):
                self.error(value_node, f"priorities: {quote(name)} has no value", "write 1 … 5")
                continue
            value = self.read_count("priorities", value_node)
            if value is None:
                continue
            if value not in PRIORITY_RANGE:
                self.error(
                    value_node,
                    f"priorities: {value} is out of range",
                    "use 1 (low) … 5 (high); 3 is the default",
                )
                continue
            priorities[name] = value
            self.priority_nodes[name] = key_node
        return priorities
