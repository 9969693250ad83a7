"""Seeded mutations of the sample policies: never a traceback, an error always says where.

Each mutation changes one file of a copy of ``policies/`` (a line deleted, doubled or
moved, the file cut short, a value replaced by something hostile or absurd, stray bytes)
and runs the checks in this process — the same stages ``policy-column check`` runs,
without a process or a build per mutation. Every mutation must end in a column or in
problems printed as ``file:line:col: error: …``; none may raise, and none may take more
than 30 s. The schedule is planned in full for one schedule mutation in ten (planning
the sample's year takes about a second); the others are read and checked against the
column.
"""

from __future__ import annotations

import functools
import random
import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOT

from generator.core.calendar import WorkCalendar
from generator.core.split import split_body
from generator.errors import PolicyError
from generator.input.schedule_file import check_against_column, plan_schedule, read_campaign
from generator.input.taxonomy import load_taxonomy
from generator.pipeline.stages import Stages, read_column

SEED, COUNT = 19, 300


# Values that have broken readers before, or could: out of range, wrong type, hostile.
VALUES = [
    "0000-04-30",
    "99999-01-01",
    "9999-12-31",
    "0001-01-01",
    "2025-02-30",
    "800000",
    "100000",
    "-1",
    "1e309",
    "0x10",
    '""',
    "~",
    "yes",
    "1.10",
    "[",
    "{",
    "'",
    "&a [*a]",
    "*nowhere",
    "!!binary AA==",
    "!!python/object:os.system",
    "<<: *a",
    "[1, [2, [3, [4]]]]",
    "{a: b}",
    "javascript:alert(1)",
    "vbscript:msgbox(1)",
    "https://www.miluo.gov.cn@evil.example/",
    "https://www.miluo.gov.cn.evil.example/",
    "https://www.miluo.gov.cn/\u202eexe.txt",
    "补贴\u2066标准\u2069",
    "x" * 30_000,
    "政策" * 5_000,
    "\t缩进",
    "<script>alert(1)</script>",
    "{{ 7 * 7 }}",
    "=cmd|' /C calc'!A0",
]


BYTES = [b"\x00", b"\xff", b"\xe4\xb8", b"\r", b"\x85", b"\xef\xbb\xbf", b"\t", b": ", b"- "]


LOCATED = re.compile(r"^\S+:\d+:\d+: (?:error|warning): .+")


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One mutation of a file, and what it was."""
    lines = data.split(b"\n")
    at = rng.randrange(len(lines))
    kind = rng.choice(["value", "value", "value", "delete", "double", "move", "cut", "bytes"])
    if kind == "value" and b": " in lines[at]:
        key = lines[at].split(b": ", 1)[0]
        value = rng.choice(VALUES)
        lines[at] = key + b": " + value.encode("utf-8")
        return b"\n".join(
            lines
        ), f"line {at + 1}: {key.decode(errors='replace').strip()}: {value[:40]}"
    if kind == "delete":
        del lines[at]
        return b"\n".join(lines), f"line {at + 1} deleted"
    if kind == "double":
        lines.insert(at, lines[at])
        return b"\n".join(lines), f"line {at + 1} doubled"
    if kind == "move":
        line = lines.pop(at)
        to = rng.randrange(len(lines) + 1)
        lines.insert(to, line)
        return b"\n".join(lines), f"line {at + 1} moved to {to + 1}"
    if kind == "cut":
        cut = rng.randrange(len(data) + 1)
        return data[:cut], f"cut after byte {cut}"
    where = rng.randrange(len(data) + 1)
    stray = rng.choice(BYTES)
    return data[:where] + stray + data[where:], f"{stray!r} at byte {where}"


@functools.cache
def split(body: str, fix=None):
    """``split_body``, once per body and correction (most mutations change neither)."""
    return split_body(body, fix=fix)


def check(policies: Path, changed: str, plan: bool) -> tuple[bool, list[PolicyError]]:
    """The checks of ``policy-column check`` for a change in ``changed``: whether a column
    came out, and the problems."""
    column, problems = read_column(policies, split, Stages(lock=True, schedule=False))
    if changed in ("schedule.yml", "taxonomy.yml"):
        taxonomy, _ = load_taxonomy(policies / "taxonomy.yml")
        sound = column if not any(p.is_error for p in problems) else None
        if plan:
            _, found = plan_schedule(policies / "schedule.yml", taxonomy, sound)
            return column is not None, problems + found
        read = read_campaign(policies / "schedule.yml", taxonomy)
        problems += read.problems
        if read.campaign is not None and sound is not None and not read.problems:
            problems += check_against_column(read, sound, WorkCalendar())
    return column is not None, problems


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    policies = tmp_path_factory.mktemp("fuzz") / "policies"
    shutil.copytree(ROOT / "policies", policies)
    return policies


def test_mutated_inputs_never_crash_and_every_error_says_where(sample: Path):
    rng = random.Random(SEED)
    files = sorted(path.relative_to(sample).as_posix() for path in sample.rglob("*.yml"))
    originals = {name: (sample / name).read_bytes() for name in files}
    failures: list[str] = []
    schedule_mutations = 0
    slowest = 0.0
    for number in range(COUNT):
        name = rng.choice(files)
        data, what = mutate(originals[name], rng)
        (sample / name).write_bytes(data)
        plan = name == "schedule.yml" and schedule_mutations % 10 == 0
        schedule_mutations += name == "schedule.yml"
        started = time.perf_counter()
        try:
            made, problems = check(sample, name, plan)
        except Exception as error:  # what the last-resort handler would have caught
            failures.append(f"{number} {name} ({what}): {type(error).__name__}: {error}")
            made, problems = True, []
        finally:
            (sample / name).write_bytes(originals[name])
        elapsed = time.perf_counter() - started
        slowest = max(slowest, elapsed)
        if elapsed > 30:
            failures.append(f"{number} {name} ({what}): took {elapsed:.0f} s")
        unlocated = [str(p) for p in problems if p.is_error and not LOCATED.match(str(p))]
        if unlocated:
            failures.append(f"{number} {name} ({what}): {unlocated[0]}")
        if not made and not any(p.is_error for p in problems):
            failures.append(f"{number} {name} ({what}): no column, and no error says why")
    assert failures == []
    assert slowest < 30
