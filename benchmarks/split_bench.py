"""Splitter benchmark: a 50 000-character body, the new splitter against the old one.

The body is shaped like a national plan (parts 一、 with measures （一）… numbered on
across them, 1. lists inside, a 附件 list and a signature), repeated up to the size asked
for. Both splitters run in this process on the same body, several times each; the best
time of each is printed with their ratio, and the time of the new splitter on every
test document under ``tests/data/split/``. The goal: under 50 ms for 50 000 characters.
``--column N`` also splits every body of the synthetic N-item column (``synthetic.py``,
what ``make bench`` builds) with both splitters: the build must not get slower.

    python -m benchmarks.split_bench
    python -m benchmarks.split_bench --chars 200000 --turns 5 --column 10000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from benchmarks.split_baseline import split_body as old_split_body
from benchmarks.synthetic import write_synthetic_policies
from generator.core.split import split_body

DOCUMENTS = Path(__file__).resolve().parent.parent / "tests" / "data" / "split"
NUMERALS = "一二三四五六七八九十"
SENTENCE = "支持企业更新设备，对符合条件的项目按贷款金额的1.5%给予贴息，单个项目最高500万元。"


def chinese(number: int) -> str:
    """一 … 九十九, as documents write clause numbers."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else NUMERALS[tens - 1] + "十")
    return head + (NUMERALS[ones - 1] if ones else "")


def national_body(chars: int) -> str:
    """A plan of about ``chars`` characters: parts, continuous measures, lists, a closing."""
    lines = ["为贯彻落实党中央、国务院决策部署，制定本方案。"]
    part = measure = 0
    while sum(len(line) + 1 for line in lines) < chars:
        part += 1
        lines.append(f"{chinese(part % 99 or 99)}、实施第{part}项行动")
        for _ in range(4):
            measure += 1
            lines.append(f"（{chinese(measure % 99 or 99)}）推进重点任务{measure}。{SENTENCE * 3}")
            lines += [f"{n}.具体措施{n}：{SENTENCE}" for n in range(1, 4)]
    lines += ["附件：1.重点任务清单", "2.补贴标准", "国务院", "2024年3月7日"]
    return "\n".join(lines) + "\n"


def best_ms(splitters: list[Callable[[str], object]], body: str, turns: int) -> list[float]:
    """The best CPU time of each splitter in ms, runs interleaved so load hits both alike.

    CPU time, not wall time: on a shared machine waiting for a core is not the splitter's.
    """
    times: list[list[float]] = [[] for _ in splitters]
    for _ in range(turns):
        for split, kept in zip(splitters, times, strict=True):
            start = time.process_time()
            split(body)
            kept.append(time.process_time() - start)
    return [min(kept) * 1000 for kept in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=50_000, help="size of the body")
    parser.add_argument("--turns", type=int, default=10, help="runs of each splitter")
    parser.add_argument("--column", type=int, default=0, help="items of a synthetic column")
    args = parser.parse_args()
    body = national_body(args.chars)
    new, old = best_ms([split_body, old_split_body], body, args.turns)
    pieces = len(split_body(body).pieces)
    print(f"body: {len(body)} characters, {body.count(chr(10))} lines, {pieces} pieces")
    print(f"new splitter: {new:7.1f} ms (goal: under 50 ms for 50 000 characters)")
    print(f"old splitter: {old:7.1f} ms")
    print(f"ratio new/old: {new / old:.2f}")
    total = 0.0
    for path in sorted(DOCUMENTS.glob("*.txt")):
        total += best_ms([split_body], path.read_text(encoding="utf-8"), args.turns)[0]
    print(f"test documents ({len(list(DOCUMENTS.glob('*.txt')))}): {total:.1f} ms in all")
    if args.column:
        bodies = column_bodies(args.column)
        new, old = best_ms(
            [lambda _: split_all(split_body, bodies), lambda _: split_all(old_split_body, bodies)],
            "",
            3,
        )
        print(
            f"{args.column}-item column, {len(bodies)} bodies: "
            f"new {new:.0f} ms, old {old:.0f} ms, ratio {new / old:.2f}"
        )


def column_bodies(items: int) -> list[str]:
    """The bodies of the synthetic column of ``items`` items."""
    with tempfile.TemporaryDirectory() as folder:
        write_synthetic_policies(Path(folder), items)
        files = sorted((Path(folder) / "sources").glob("*.yml"))
        documents = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in files]
    return [document["body"] for document in documents if document.get("body")]


def split_all(split: Callable[[str], object], bodies: list[str]) -> None:
    for body in bodies:
        split(body)


if __name__ == "__main__":
    main()
