"""``policy-column import FILE|FOLDER``: documents as departments send them → source files.

Each file is read, repaired and written (never over an existing file without
``--force``), then split and checked at once, so the officer sees its outline, the
suggested tags and every problem before opening the YAML.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from generator.core.model import Taxonomy
from generator.core.split import split_body
from generator.errors import PolicyError, PolicyInputError
from generator.host.options import BuildOptions
from generator.input.imports.document import UnreadableDocument
from generator.input.imports.importer import READERS, SLUG, Imported, import_document
from generator.input.imports.windows import suggested_expires
from generator.input.sources import read_source_document
from generator.input.taxonomy import load_taxonomy
from generator.input.yaml_nodes import display_path
from generator.pipeline.stages import preview_column


def add_commands(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import",
        help="turn a PDF, Word file, saved portal page or text file into a source file",
    )
    parser.add_argument("file", type=Path, help="a document, or a folder of them")
    parser.add_argument(
        "--output", type=Path, help="the source file to write (a folder when importing a folder)"
    )
    parser.add_argument("--slug", help="the file name (and URL id) to use, e.g. jn-2025-9")
    parser.add_argument("--level", help="the level of government, e.g. 济南市")
    parser.add_argument("--issuer", help="the issuing office(s), space-separated")
    parser.add_argument("--force", action="store_true", help="overwrite an existing source file")
    parser.add_argument(
        "--policies",
        type=Path,
        default=Path("policies"),
        help="the folder with taxonomy.yml (issuers and levels are matched against it)",
    )
    parser.set_defaults(run=run_import)


def run_import(args: argparse.Namespace) -> int:
    """Import every file given; 1 when any could not be imported or does not pass the check."""
    if not args.file.exists():
        _error(args.file, "file not found", "check the path")
        return 1
    folder = args.file.is_dir()
    into_folder = folder or bool(args.output and args.output.is_dir())
    if folder and args.slug:
        _error(args.file, "--slug names one file", "leave it out when importing a folder")
        return 1
    taxonomy = _taxonomy(args.policies)
    given = {key: value for key in ("issuer", "level", "slug") if (value := getattr(args, key))}
    files = _documents(args.file) if folder else [args.file]
    out_folder = (args.output or args.policies / "sources") if into_folder else None
    taken: set[str] = set()
    failed = 0
    for path in files:
        try:
            imported = import_document(path, taxonomy, given)
        except UnreadableDocument as error:
            _error(path, error.message, error.hint)
            failed += 1
            continue
        slug = _unique(imported.slug, taken)
        target = (out_folder or args.policies / "sources") / f"{slug}.yml"
        if args.output and not into_folder:
            target = args.output
        if not SLUG.fullmatch(target.stem):
            _error(
                target,
                "the file name is not a valid id (a-z, 0-9 and -); nothing was written",
                f"name it e.g. {imported.slug}.yml",
            )
            failed += 1
            continue
        if target.exists() and not args.force:
            _error(
                target,
                "already exists; nothing was written",
                "pass --force to overwrite it, or --output/--slug to write elsewhere",
            )
            failed += 1
            continue
        _write(target, imported.text)
        _report(imported, target)
        if not _check(args.policies, target, taxonomy):
            failed += 1
    if folder:
        print(f"{len(files) - failed} of {len(files)} file(s) imported without error")
    return 1 if failed else 0


def _taxonomy(policies: Path) -> Taxonomy | None:
    path = policies / "taxonomy.yml"
    if not path.is_file():
        return None
    taxonomy, problems = load_taxonomy(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    return taxonomy


def _documents(folder: Path) -> list[Path]:
    """The folder's files import reads, sorted; the others are named and skipped."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix.lower() in READERS:
            found.append(path)
        else:
            print(f"skipped {display_path(path)}: import reads {', '.join(READERS)} files")
    return found


def _unique(slug: str, taken: set[str]) -> str:
    """The slug, numbered when an earlier file of the same run already took it."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _error(path: Path, message: str, hint: str) -> None:
    print(PolicyError(display_path(path), 0, 0, message, hint), file=sys.stderr)


def _write(target: Path, text: str) -> None:
    """Write through a temporary file, so a failure never leaves half a source file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, target)


def _report(imported: Imported, target: Path) -> None:
    """What was read, repaired, dropped and guessed, line by line."""
    print(f"imported {display_path(imported.path)} ({imported.medium}) → {display_path(target)}")
    for repair in imported.repairs:
        print(f"  {repair}")
    for note in imported.notes:
        print(f"  note: {note}")
    for found in imported.meta.found:
        print(f"  read {found}")
    for missing in imported.meta.missing:
        print(f"  missing {missing}")
    if imported.meta.taxonomy_lines:
        print("  unknown issuer: add these lines to policies/taxonomy.yml under issuers:")
        for line in imported.meta.taxonomy_lines:
            print(f"  {line}")
    tags = "; ".join(
        f"{kind}: {', '.join(names)}" for kind, names in imported.suggested.items() if names
    )
    if tags:
        print(f"  suggested tags (commented in the file): {tags}")
    if imported.meta.windows:
        last = suggested_expires(imported.meta.windows)
        print(
            f"  suggested expires (commented in the file): {last.isoformat()}, the latest end "
            f"of the text's windows ({len(imported.meta.windows)}); until expires is set the "
            "column shows the document 有效"
        )
    if deadlines := imported.meta.deadlines:
        clauses = ", ".join(f"{path} → {w.ends.isoformat()}" for path, w in deadlines.items())
        print(
            f"  suggested deadlines (commented in the file): {clauses}, the end of the window "
            "for applying each clause states"
        )


def _check(policies: Path, target: Path, taxonomy: Taxonomy | None) -> bool:
    """Split the new file and check it against the taxonomy; print outline and problems."""
    source, problems = read_source_document(target)
    if source is not None and source.body:
        split = split_body(source.body)
        print(
            f"  outline: preamble {len(split.preamble)} chars, {len(split.pieces)} items, "
            f"closing {len(split.closing)} chars"
        )
        for piece in split.pieces:
            trail = " › ".join([*piece.breadcrumb, piece.title])
            print(f"    {source.slug}/{piece.path:<10} {len(piece.text):>5}  {trail}")
        problems += [
            PolicyError(
                source.file,
                source.body_line + note.line,
                1,
                note.message,
                note.hint,
                severity="warning",
            )
            for note in split.notes
        ]
    if taxonomy is not None and not any(p.is_error for p in problems):
        # The same check as `policy-column check`, for this one file (split notes included).
        try:
            cache = BuildOptions.from_environment().cache
            _, problems = preview_column(policies, target, cache)
        except PolicyInputError as error:
            problems = error.report()
    sys.stdout.flush()  # the outline above, before the problems on stderr
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    errors = [p for p in problems if p.is_error]
    if errors:
        print(
            f"  {len(errors)} error(s): the file was written; fix them, then run "
            "policy-column check",
            file=sys.stderr,
        )
    elif not problems:
        print("  check: no problems")
    return not errors
