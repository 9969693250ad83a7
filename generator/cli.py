"""``policy-column``: check, split, build — the same functions the plugin uses."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

from .errors import PolicyError, PolicyInputError
from .items import build_column
from .loader import load_policies, load_taxonomy, read_source_document
from .preview import SOURCE_ENV, preview_column, preview_url
from .schedule_report import schedule_text, slots_json, write_schedule_files
from .search_index import SEARCH_WORK_ENV, SearchIndexError, index_site, read_report
from .site import check_policies
from .sitedir import make_staging, recover, replace_folder
from .split import split_body
from .tagging import suggest_tags
from .urls import LOCK_FILE, update_lock


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="policy-column", description="Build the 两重两新 policy column from policies/ YAML."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate policies/ and report every problem")
    check.add_argument("policies", nargs="?", default="policies", type=Path)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")

    split = commands.add_parser("split", help="preview how a source document splits into items")
    split.add_argument("file", type=Path)
    split.add_argument("--json", action="store_true", help="print the items as JSON")
    split.add_argument(
        "--taxonomy",
        type=Path,
        default=Path("policies/taxonomy.yml"),
        help="taxonomy for tag suggestions (skipped when missing)",
    )

    lock = commands.add_parser(
        "lock", help="record the published item URLs in policies/urls.lock.yml"
    )
    lock.add_argument("policies", nargs="?", default="policies", type=Path)
    lock.add_argument(
        "--accept",
        action="store_true",
        help="record URLs that would disappear as moved, so they redirect to where they went",
    )

    build = commands.add_parser(
        "build", help="check, then build the site; site/ changes only on success"
    )
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    build.add_argument("--policies", type=Path, default=Path("policies"))
    build.add_argument("--site-dir", type=Path, default=Path("site"))
    build.add_argument("--as-of", type=date.fromisoformat, help="build date (YYYY-MM-DD)")
    build.add_argument(
        "--site-url", help="public URL of the column, e.g. https://www.example.gov.cn/zt/lzlx/"
    )
    build.add_argument("--strict", action="store_true", help="warnings fail the build")
    build.add_argument(
        "--packages-pdf",
        action="store_true",
        help="also render every 政策包 (policy package) as a PDF (needs pango and CJK fonts)",
    )

    preview = commands.add_parser(
        "preview", help="build and serve one source document's pages with the real theme, fast"
    )
    preview.add_argument("file", type=Path, help="a source file, e.g. policies/sources/<slug>.yml")
    preview.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    preview.add_argument("--policies", type=Path, default=Path("policies"))
    preview.add_argument("--as-of", type=date.fromisoformat, help="build date (YYYY-MM-DD)")
    preview.add_argument("--port", type=int, default=8000, help="serve on 127.0.0.1:PORT")
    preview.add_argument(
        "--site-dir", type=Path, help="build the preview into this folder and stop, not serve"
    )

    schedule = commands.add_parser(
        "schedule", help="place every item on the campaign's channels (policies/schedule.yml)"
    )
    schedule.add_argument("policies", nargs="?", default="policies", type=Path)
    schedule.add_argument(
        "--json", action="store_true", help='print the slots as JSON: [{"date", "channel", "item"}]'
    )
    schedule.add_argument("--as-of", type=date.fromisoformat, help="today (YYYY-MM-DD)")
    schedule.add_argument("--days", type=int, default=14, help="days to list from --as-of")
    schedule.add_argument(
        "--out", type=Path, help="write CSV, XLSX, one .ics per channel and the feeds here"
    )
    schedule.add_argument("--fragments", type=Path, default=Path("overrides/fragments"))
    schedule.add_argument(
        "--site-url", default=os.environ.get("SITE_URL", ""), help="for absolute links"
    )
    schedule.add_argument("--strict", action="store_true", help="treat warnings as errors")

    args = parser.parse_args(argv)
    handlers = {
        "check": run_check,
        "split": run_split,
        "build": run_build,
        "lock": run_lock,
        "preview": run_preview,
        "schedule": run_schedule,
    }
    return handlers[args.command](args)


def run_check(args: argparse.Namespace) -> int:
    try:
        column, warnings = check_policies(args.policies, strict=args.strict)
    except PolicyInputError as error:
        report(error.report())
        print(f"{len(error.problems)} error(s); nothing was built.", file=sys.stderr)
        return 1
    report(warnings)
    print(
        f"ok: {len(column.sources)} documents, {len(column.items)} items, "
        f"{len(warnings)} warning(s)"
    )
    return 0


def run_schedule(args: argparse.Namespace) -> int:
    """Check everything, then print the schedule (or its slots as JSON) and write its files."""
    try:
        column, warnings = check_policies(args.policies, strict=args.strict)
    except PolicyInputError as error:
        report(error.problems)
        print(f"{len(error.problems)} error(s); no schedule.", file=sys.stderr)
        return 1
    report(warnings)
    if column.schedule is None:
        print(
            f"{args.policies}/schedule.yml: file not found — write the campaign there "
            "(see policies/README.md)",
            file=sys.stderr,
        )
        return 1
    today = args.as_of or date.today()
    if args.json:
        sys.stdout.write(slots_json(column.schedule))
    else:
        sys.stdout.write(schedule_text(column, today, args.days))
    if args.out:
        written = write_schedule_files(column, args.out, args.fragments, today, args.site_url)
        print(f"wrote {len(written)} files to {args.out}/", file=sys.stderr)
    return 0


def run_split(args: argparse.Namespace) -> int:
    source, problems = read_source_document(args.file)
    report(problems)
    if source is None:
        return 1
    split = split_body(source.body)
    taxonomy = None
    if args.taxonomy.exists():
        taxonomy, taxonomy_problems = load_taxonomy(args.taxonomy)
        report(taxonomy_problems)
    rows = []
    for piece in split.pieces:
        row = {
            "id": f"{source.slug}/{piece.path}",
            "clause": list(piece.clause),
            "title": piece.title,
            "breadcrumb": list(piece.breadcrumb),
            "text": piece.text,
            "line": source.body_line + piece.line,
            "chars": len(piece.text),
        }
        if taxonomy is not None:
            row["suggested"] = suggest_tags(f"{piece.title}\n{piece.text}", taxonomy)
        rows.append(row)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1, sort_keys=True))
    else:
        print(
            f"{source.file}: preamble {len(split.preamble)} chars, "
            f"{len(rows)} items, closing {len(split.closing)} chars"
        )
        for row in rows:
            trail = " › ".join([*row["breadcrumb"], row["title"]])
            print(f"  {row['id']:<28} {row['chars']:>5}  {trail}")
    for note in split.notes:
        print(
            f"{source.file}:{source.body_line + note.line}:1: warning: {note.message}"
            + (f" — {note.hint}" if note.hint else ""),
            file=sys.stderr,
        )
    return 0


def run_lock(args: argparse.Namespace) -> int:
    """Write policies/urls.lock.yml: every current item URL, and moves when accepted."""
    loaded = load_policies(args.policies)
    problems = list(loaded.problems)
    if not any(p.is_error for p in problems):
        column, item_problems = build_column(loaded.taxonomy, loaded.sources)
        problems += item_problems
    errors = [p for p in problems if p.is_error]
    if errors:
        report(errors)
        print(f"{len(errors)} error(s); the lock was left as it was.", file=sys.stderr)
        return 1
    update = update_lock(column, args.policies, accept=args.accept)
    if update.text is None:
        report(update.problems)
        print(f"{len(update.problems)} error(s); the lock was left as it was.", file=sys.stderr)
        return 1
    path = args.policies / LOCK_FILE
    path.write_text(update.text, encoding="utf-8")
    for old, new in sorted(update.moves.items()):
        print(f"moved: {old} → {new or '(home page)'}")
    for url in update.new:
        print(f"new: {url}")
    print(f"locked {len(column.items)} item URLs in {path} ({len(update.new)} new)")
    return 0


def run_build(args: argparse.Namespace) -> int:
    """Check first; build into a fresh folder; swap it in only when everything worked."""
    # A terminated build unwinds (so its staging folder goes); a killed one is tidied next time.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    recover(args.site_dir.resolve())
    try:
        _, warnings = check_policies(args.policies, strict=args.strict)
    except PolicyInputError as error:
        report(error.report())
        print(
            f"{len(error.problems)} error(s); {args.site_dir}/ was left as it was.", file=sys.stderr
        )
        return 1
    report(warnings)
    site_dir = args.site_dir.resolve()
    staging = make_staging(site_dir)
    # The plugin has Pagefind write the search index here while MkDocs builds; named
    # like the staging folder, so a killed build's leftovers are tidied up with it.
    search_work = staging.with_name(f"{staging.name}-search")
    search_work.mkdir()
    try:
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--clean",
            "-q",
            "-f",
            str(args.config),
            "-d",
            str(staging),
        ]
        if args.strict:
            command.append("--strict")
        # Material's banner about MkDocs 2.0 is known (see README); keep build logs readable.
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", SEARCH_WORK_ENV: str(search_work)}
        if args.as_of:
            env["POLICY_COLUMN_AS_OF"] = args.as_of.isoformat()
        # MkDocs dates the sitemap (and its gzip header) with this: the build date, not the clock.
        built_on = datetime.combine(args.as_of or date.today(), time(0), UTC)
        env.setdefault("SOURCE_DATE_EPOCH", str(int(built_on.timestamp())))
        if args.site_url:
            env["SITE_URL"] = args.site_url
        if args.packages_pdf:
            env["POLICY_COLUMN_PDF"] = "true"
        if subprocess.run(command, env=env, check=False).returncode != 0:
            print(f"the build failed; {args.site_dir}/ was left as it was.", file=sys.stderr)
            return 1
        try:
            # The plugin indexed while MkDocs built, unless its config has no plugin.
            indexed = read_report(search_work) or index_site(staging)
        except SearchIndexError as error:
            print(f"{error}\n{args.site_dir}/ was left as it was.", file=sys.stderr)
            return 1
        note = f" ({indexed.note})" if indexed.note else ""
        print(f"search index: {indexed.pages} pages in {indexed.seconds:.1f} s{note}")
        replace_folder(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(search_work, ignore_errors=True)
    print(f"built {args.site_dir}/")
    return 0


def run_preview(args: argparse.Namespace) -> int:
    """Check one document against the taxonomy, then build or serve only its pages."""
    try:
        _, warnings = preview_column(args.policies, args.file)
    except PolicyInputError as error:
        report(error.report())
        print(f"{len(error.problems)} error(s); nothing was built.", file=sys.stderr)
        return 1
    report(warnings)
    page = preview_url(args.file)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", SOURCE_ENV: str(args.file.resolve())}
    if args.as_of:
        env["POLICY_COLUMN_AS_OF"] = args.as_of.isoformat()
    mkdocs = [sys.executable, "-m", "mkdocs"]
    if args.site_dir:
        folder = str(args.site_dir)
        command = [*mkdocs, "build", "--clean", "-q", "-f", str(args.config), "-d", folder]
        if subprocess.run(command, env=env, check=False).returncode != 0:
            print("the preview build failed", file=sys.stderr)
            return 1
        print(f"preview of {args.file}: {args.site_dir / page / 'index.html'}")
        return 0
    address = f"127.0.0.1:{args.port}"
    env["SITE_URL"] = f"http://{address}/"  # served at the root, links and QR codes local
    print(f"preview of {args.file}: http://{address}/{page} — rebuilt on save, Ctrl+C stops")
    command = [*mkdocs, "serve", "-f", str(args.config), "-a", address, "-w", str(args.file)]
    try:
        return subprocess.run(command, env=env, check=False).returncode
    except KeyboardInterrupt:
        return 0


def report(problems: list[PolicyError] | tuple[PolicyError, ...]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
