"""Revision benchmark: our build at one git revision against our build at another.

Both build the same synthetic column (the older revision's ``synthetic.py`` writes it, in
a form both read) with ``policy-column build``,
taking turns (``--repeat``, three by default; who goes first alternates, so a machine
getting busier or quieter weighs on both); each keeps its fastest run and every run is
printed. It prints new/old: below 1 the newer revision builds faster.

The new side is this working tree, or ``--revision REV``; the old side is ``--against REV``.
A revision is checked out into a temporary folder and put first on the path; its own
``mkdocs.yml`` and theme overrides build its column. The installed plugin entry point
names ``generator.host.plugin``; a revision from before the package had layers gets a
two-line module there that hands over its ``generator.plugin``.

    python -m benchmarks.revision_bench --against d51f297 --size 10000
    python -m benchmarks.revision_bench --revision 9d71691 --against d51f297 --size 10000
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.build_bench import AS_OF, copy_site_files, fastest, log, measure
from benchmarks.synthetic import PROJECT
from generator.pipeline.cache import CACHE_FOLDER

ENTRY_MODULE = Path("generator") / "host" / "plugin.py"


def check_out(revision: str, folder: Path) -> Path:
    """``revision`` of this repository as plain files in ``folder``."""
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(PROJECT), "archive", revision], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    if not (folder / ENTRY_MODULE).exists():
        (folder / ENTRY_MODULE).parent.mkdir(parents=True, exist_ok=True)
        (folder / ENTRY_MODULE.parent / "__init__.py").write_text("")
        (folder / ENTRY_MODULE).write_text(
            "from generator.plugin import PolicyColumnPlugin  # noqa: F401\n"
        )
    return folder


def write_column(code: Path, policies: Path, size: int, seed: int) -> Path:
    """The synthetic column as the checkout ``code`` writes it (its own sample sentences)."""
    command = [sys.executable, "-m", "benchmarks.synthetic", str(policies)]
    subprocess.run(
        [*command, "--items", str(size), "--seed", str(seed)],
        cwd=code,
        env={**os.environ, "PYTHONPATH": str(code)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return policies


def prepare_project(project: Path, code: Path, policies: Path) -> None:
    """A project as a user has it: ``code``'s mkdocs.yml, overrides and docs; the column."""
    copy_site_files(code, project)
    shutil.copytree(policies, project / "policies")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, help="the older git revision")
    parser.add_argument("--revision", help="the newer git revision (default: this working tree)")
    parser.add_argument("--size", type=int, default=10000, help="items in the column")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=3, help="turns; the fastest of each counts")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="policy-column-revision-bench-"))
    try:
        then_code = check_out(args.against, work / "code")
        now_code = check_out(args.revision, work / "code-now") if args.revision else PROJECT
        projects = {"now": (now_code, work / "now"), "then": (then_code, work / "then")}
        # The older revision's synthetic.py writes the column, in a form both read.
        policies = write_column(then_code, work / "policies", args.size, args.seed)
        for code, project in projects.values():
            prepare_project(project, code, policies)
        runs: dict[str, list] = {"now": [], "then": []}
        for turn in range(1, args.repeat + 1):
            order = list(projects) if turn % 2 else list(reversed(projects))
            for name in order:
                code, project = projects[name]
                shutil.rmtree(project / CACHE_FOLDER, ignore_errors=True)  # a first build
                command = [sys.executable, "-m", "generator.cli", "build", "--as-of", AS_OF]
                site = ["--site-dir", str(work / f"site-{name}")]
                run = measure([*command, *site], cwd=project, code=code)
                runs[name].append(run)
                log(f"turn {turn}/{args.repeat}: {name} {run.seconds:.1f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{args.size} items, fastest of {args.repeat} turns each:")
    new_label = (args.revision or "now")[:7]
    for name, label in (("now", new_label), ("then", args.against[:7])):
        best = fastest(runs[name])
        every = ", ".join(f"{run.seconds:.1f}" for run in runs[name])
        print(f"  {label:<8} {best.seconds:6.1f} s   (runs: {every})")
    now, then = fastest(runs["now"]), fastest(runs["then"])
    print(f"  {new_label} / {args.against[:7]}: {now.seconds / then.seconds:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
