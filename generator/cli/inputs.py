"""``check``, ``split`` and ``lock``: what the policy team runs on its YAML before a build."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.cli.outline import outline_lines
from generator.cli.report import report
from generator.core.split import split_body
from generator.core.tagging import suggest_tags
from generator.errors import PolicyInputError
from generator.host.options import BuildOptions
from generator.input.sources import read_source_document
from generator.input.taxonomy import load_taxonomy
from generator.input.url_lock import LOCK_FILE, update_lock
from generator.pipeline.stages import ITEMS_ONLY, check_policies, read_column


def add_commands(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="validate policies/ and report every problem")
    check.add_argument("policies", nargs="?", default="policies", type=Path)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=run_check)

    split = commands.add_parser("split", help="preview how a source document splits into items")
    split.add_argument("file", type=Path)
    split.add_argument("--json", action="store_true", help="print the items as JSON")
    split.add_argument(
        "--taxonomy",
        type=Path,
        default=Path("policies/taxonomy.yml"),
        help="taxonomy for tag suggestions (skipped when missing)",
    )
    split.set_defaults(run=run_split)

    lock = commands.add_parser(
        "lock", help="record the published item URLs in policies/urls.lock.yml"
    )
    lock.add_argument("policies", nargs="?", default="policies", type=Path)
    lock.add_argument(
        "--accept",
        action="store_true",
        help="record URLs that would disappear as moved, so they redirect to where they went",
    )
    lock.set_defaults(run=run_lock)


def run_check(args: argparse.Namespace) -> int:
    cache = BuildOptions.from_environment().cache
    try:
        column, warnings = check_policies(args.policies, strict=args.strict, cache=cache)
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


def run_split(args: argparse.Namespace) -> int:
    source, problems = read_source_document(args.file)
    report(problems)
    if source is None:
        return 1
    split = split_body(source.body, fix=source.split)
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
        print("\n".join(outline_lines(f"{source.file} ({source.slug})", split)))
    for note in split.notes:
        print(
            f"{source.file}:{source.body_line + note.line}:1: warning: {note.message}"
            + (f" — {note.hint}" if note.hint else ""),
            file=sys.stderr,
        )
    return 1 if any(problem.is_error for problem in problems) else 0


def run_lock(args: argparse.Namespace) -> int:
    """Write policies/urls.lock.yml: every current item URL, and moves when accepted."""
    column, problems = read_column(args.policies, stages=ITEMS_ONLY)
    errors = [p for p in problems if p.is_error]
    if errors or column is None:
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
