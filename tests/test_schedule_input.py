"""policies/schedule.yml: one invalid file per error case, with its exact message."""

from __future__ import annotations

import datetime
import json
import shutil
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

import generator
from generator.errors import PolicyInputError
from generator.input.schedule_file import BLACKOUT_FIELDS, PIN_FIELDS, PLAN_FIELDS, SCHEDULE_FIELDS
from generator.pipeline.stages import check_policies

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = Path(generator.__file__).parent / "schemas" / "schedule.schema.json"
HEAD = """\
start: 2025-01-01
end: 2025-12-31
channels:
  - channel: 门户网站
    per_day: 1
  - channel: 电视
    per_week: 2
    weekdays: [二, 四]
"""


@pytest.fixture
def policies(tmp_path: Path) -> Path:
    folder = tmp_path / "policies"
    shutil.copytree(ROOT / "policies", folder)
    return folder


def problems_for(policies: Path, text: str, strict: bool = False) -> list[str]:
    (policies / "schedule.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    try:
        _, warnings = check_policies(policies, strict=strict)
    except PolicyInputError as error:
        return [str(p).split("schedule.yml:", 1)[1] for p in error.problems]
    return [str(p).split("schedule.yml:", 1)[1] for p in warnings if "schedule.yml" in p.file]


CASES = [
    (
        "end-before-start",
        "start: 2025-05-01\nend: 2025-04-01\nchannels:\n  - channel: 门户网站\n",
        ["2:6: error: end 2025-04-01 is before start 2025-05-01 — swap them"],
    ),
    (
        "unknown-channel",
        "start: 2025-01-01\nend: 2025-12-31\nchannels:\n  - channel: 微信\n",
        [
            '4:14: error: unknown channel "微信" — did you mean "微信公众号"? '
            "(taxonomy.yml channels)"
        ],
    ),
    (
        "channel-twice",
        HEAD + "  - channel: portal\n",
        [
            '9:5: error: channel "门户网站" is listed twice (first on line 4) — '
            "merge the two entries"
        ],
    ),
    (
        "capacity-zero",
        "start: 2025-01-01\nend: 2025-12-31\nchannels:\n  - {channel: 电视, per_week: 0}\n",
        [
            '4:5: error: channel "电视" can carry nothing — give it per_day: or per_week: '
            "greater than 0 here or in taxonomy.yml"
        ],
    ),
    (
        "bad-weekday",
        HEAD.replace("[二, 四]", "[二, 八]"),
        [
            '8:19: error: weekdays: "八" is not a weekday — write 一 … 日 '
            "(or 周一, mon, 1 for Monday … 7 for Sunday)"
        ],
    ),
    (
        "yes-is-not-a-flag",
        HEAD + "    every_item: yes\n",
        ['9:17: error: every_item must be true or false, not "yes" — write true or false'],
    ),
    (
        "quoted-count",
        HEAD + 'repeat_weeks: "13"\n',
        [
            '9:15: error: repeat_weeks must be a whole number 0 or more, not "13" — '
            "e.g. 3, without quotes"
        ],
    ),
    (
        "unknown-key",
        HEAD + "repeat: 13\n",
        ['9:1: error: unknown key "repeat" — did you mean "repeat_weeks"?'],
    ),
    (
        "blackout-reversed",
        HEAD + "blackouts:\n  - {from: 2025-05-05, to: 2025-05-01}\n",
        ["10:28: error: to 2025-05-01 is before from 2025-05-05 — swap them"],
    ),
    (
        "blackout-channel-not-in-schedule",
        HEAD + "blackouts:\n  - {date: 2025-05-06, channels: [广播]}\n",
        [
            '10:35: error: channel "广播" is not in this schedule\'s channels — '
            "add it under channels:"
        ],
    ),
    (
        "pin-on-national-day",
        HEAD + "pins:\n  - {date: 2025-10-01, channel: 门户网站, item: sd-2025-appliance-plan/1}\n",
        [
            "10:5: error: pin on 2025-10-01: 门户网站 does not run that day (国庆节 法定节假日) "
            "— move it to 2025-09-30 or 2025-10-09"
        ],
    ),
    (
        "pin-off-weekday",
        HEAD + "pins:\n  - {date: 2025-03-05, channel: 电视, item: sd-2025-appliance-plan/1}\n",
        [
            "10:5: error: pin on 2025-03-05: 电视 does not run that day (it runs on 周二、周四) "
            "— move it to 2025-03-04 or 2025-03-06"
        ],
    ),
    (
        "pin-unknown-item",
        HEAD + "pins:\n  - {date: 2025-03-04, channel: 电视, item: sd-2025-appliance-plan/9}\n",
        [
            '10:5: error: pin: no item "sd-2025-appliance-plan/9" — did you mean '
            '"sd-2025-appliance-plan/1"?'
        ],
    ),
    (
        "pin-after-expiry",
        HEAD + "pins:\n  - {date: 2025-05-06, channel: 门户网站, item: jn-2025h1-car-subsidy/2}\n",
        [
            "10:5: error: pin on 2025-05-06: jn-2025h1-car-subsidy/2 cannot be pushed that day: "
            "its application deadline or expiry has passed by then — move the pin, or pin "
            "another item"
        ],
    ),
    (
        "pin-before-release",
        HEAD + "pins:\n  - {date: 2025-01-06, channel: 门户网站, item: sd-2025-appliance-plan/1}\n",
        [
            "10:5: error: pin on 2025-01-06: sd-2025-appliance-plan/1 cannot be pushed that day: "
            "it is released only on 2025-01-20 — move the pin, or pin another item"
        ],
    ),
    (
        "pin-internal-item-on-public-channel",
        HEAD + "pins:\n  - {date: 2025-03-03, channel: 门户网站, item: sd-2025-appliance-plan/1}\n",
        [
            "10:5: warning: pin on 2025-03-03: sd-2025-appliance-plan/1 is for 政府部门 only, "
            "which 门户网站 does not serve: a public channel would carry an item meant for "
            "officials — pin it on an internal channel (audiences: [政府部门]), or tag the item "
            "with the public it is for"
        ],
    ),
    (
        "unknown-audience",
        HEAD.replace("per_day: 1\n", "per_day: 1\n    audiences: [市民, 政府部门]\n", 1),
        [
            '6:17: error: unknown audience "市民" — check the spelling, or add it to '
            "policies/taxonomy.yml under audiences"
        ],
    ),
    (
        "too-many-pins",
        HEAD
        + "pins:\n"
        + "  - {date: 2025-03-03, channel: 门户网站, item: sd-2025-appliance-plan/1}\n"
        + "  - {date: 2025-03-03, channel: 门户网站, item: sd-2025-appliance-plan/2-1}\n",
        [
            "11:5: error: 2 pins on 门户网站 on 2025-03-03, which carries 1 a day — "
            "move a pin to another day"
        ],
    ),
    (
        "priority-unknown",
        HEAD + "priorities:\n  jn-2025h1-car: 4\n",
        [
            '10:3: error: priorities: no item or document "jn-2025h1-car" — did you mean '
            '"jn-2025h1-car-subsidy"?'
        ],
    ),
    (
        "priority-out-of-range",
        HEAD + "priorities:\n  jn-2025h1-car-subsidy: 9\n",
        ["10:26: error: priorities: 9 is out of range — use 1 (low) … 5 (high); 3 is the default"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_mistake_gives_its_exact_message(policies, text, expected):
    assert problems_for(policies, text) == expected


def test_every_mistake_of_the_file_is_reported_at_once(policies):
    text = HEAD.replace("[二, 四]", "[二, 八]") + "every_item: yes\nrepeat: 13\n"
    assert len(problems_for(policies, text)) == 3


def test_an_unknown_year_is_a_warning_with_what_to_do(policies):
    text = HEAD.replace("end: 2025-12-31", "end: 2031-12-31")
    messages = problems_for(policies, text)
    unknown = [m for m in messages if "has no holidays for" in m]
    assert [m.split(": warning: ")[1].split(" has no")[0] for m in unknown] == [
        f"chinesecalendar {__import__('chinese_calendar').__version__}"
    ] * len(unknown)
    assert unknown[0].startswith("1:1: warning:")
    assert "Monday to Friday are taken as working days" in unknown[0]
    assert "pip install -U chinesecalendar" in unknown[0]


def test_what_cannot_be_scheduled_warns_and_strict_stops(policies):
    text = HEAD.replace(
        "  - channel: 电视\n    per_week: 2\n", "  - channel: 电视\n    per_week: 1\n"
    )
    text = text.replace("[二, 四]", "[二]")
    warnings = problems_for(policies, text)
    assert warnings == [
        "6:1: warning: 电视 has no push from 2025-01-22 to 2025-02-10 (20 days): the channel "
        "does not run then (holidays, weekdays or blackouts); a channel idle for more than 14 "
        "days fails the government website inspection — shorten the blackout, add weekdays to "
        "the channel, or add items"
    ]
    with pytest.raises(PolicyInputError):
        check_policies(policies, strict=True)


def test_no_schedule_file_means_no_schedule(policies):
    (policies / "schedule.yml").unlink()
    column, warnings = check_policies(policies)
    assert column.schedule is None
    assert not [w for w in warnings if "schedule" in w.file]


# --- the JSON Schema for editors -------------------------------------------------


def as_json(value):
    if isinstance(value, dict):
        return {key: as_json(v) for key, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def test_the_sample_schedule_validates_against_the_schema():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = as_json(yaml.safe_load((ROOT / "policies" / "schedule.yml").read_text("utf-8")))
    jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize(
    ("pointer", "table"),
    [
        ("", SCHEDULE_FIELDS),
        ("/$defs/plan", PLAN_FIELDS),
        ("/$defs/blackout", BLACKOUT_FIELDS),
        ("/$defs/pin", PIN_FIELDS),
    ],
)
def test_schema_knows_exactly_the_keys_the_reader_knows(pointer, table):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    part = schema
    for name in pointer.strip("/").split("/"):
        if name:
            part = part[name]
    assert list(part["properties"]) == list(table)
    assert part["additionalProperties"] is False
    assert sorted(part.get("required", [])) == sorted(k for k, f in table.items() if f.required)
    for key, field in table.items():
        prop = part["properties"][key]
        assert prop["allOf"] == [{"$ref": f"#/$defs/{field.kind}"}], key
        assert prop["description"].startswith(field.zh), key
        assert prop["allOf"][0]["$ref"].removeprefix("#/$defs/") in schema["$defs"]
