"""load → items → URL lock → schedule: the one sequence that build, preview, lock and
check all run.

Each stage runs only when the stages before it found no error, so one run reports
every problem that can be known without guessing, and no stage sees broken input.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from generator.core.items import build_column
from generator.core.model import Column, Taxonomy
from generator.core.split import Splitter, split_body
from generator.errors import PolicyError, PolicyInputError
from generator.input.policies import load_policies
from generator.input.schedule_file import SCHEDULE_FILE, plan_schedule
from generator.input.source_checks import check_sources
from generator.input.sources import load_source
from generator.input.taxonomy import load_taxonomy
from generator.input.url_lock import apply_url_lock
from generator.pipeline.cache import ColumnCache, SplitCache, cache_folder


@dataclass(frozen=True)
class Stages:
    """Which stages a caller runs after load and items.

    ``lock``: published URLs keep their ids; ``schedule``: the campaign is planned.
    A preview (one document) and ``policy-column lock`` (which rewrites the lock) skip both.
    """

    lock: bool = True
    schedule: bool = True


ALL = Stages()
ITEMS_ONLY = Stages(lock=False, schedule=False)


def read_column(
    policies_dir: Path,
    split: Splitter = split_body,
    stages: Stages = ALL,
    source_file: Path | None = None,
) -> tuple[Column | None, list[PolicyError]]:
    """The column and every problem found; no column when an error stops the way.

    With ``source_file`` the column holds that one document alone, read with the
    project's taxonomy (the preview).
    """
    taxonomy, sources, problems = load(Path(policies_dir), source_file)
    column = None
    if not any(p.is_error for p in problems):
        column, item_problems = build_column(taxonomy, sources, split)
        problems += item_problems
        if column is not None:
            problems += check_sources(column)
    sound = not any(p.is_error for p in problems)
    if stages.lock and column is not None and sound:
        # Published URLs keep their ids (and moved ones redirect) before anything uses an id.
        column, url_problems = apply_url_lock(column, policies_dir)
        problems += url_problems
    if stages.schedule:
        sound_column = column if not any(p.is_error for p in problems) else None
        schedule, schedule_problems = plan_schedule(
            policies_dir / SCHEDULE_FILE, taxonomy, sound_column
        )
        problems += schedule_problems
        if column is not None and schedule is not None:
            column = replace(column, schedule=schedule)
    return column, problems


def load(policies_dir: Path, source_file: Path | None) -> tuple[Taxonomy, tuple, list[PolicyError]]:
    """The taxonomy and the sources (all of them, or ``source_file`` alone), with problems."""
    if source_file is None:
        loaded = load_policies(policies_dir)
        return loaded.taxonomy, loaded.sources, list(loaded.problems)
    taxonomy, problems = load_taxonomy(policies_dir / "taxonomy.yml")
    if any(p.is_error for p in problems):
        return taxonomy, (), problems
    source, source_problems = load_source(Path(source_file), taxonomy)
    return taxonomy, (source,) if source is not None else (), problems + source_problems


def check_policies(
    policies_dir: Path,
    strict: bool = False,
    cache: str = "",
    stages: Stages = ALL,
    source_file: Path | None = None,
) -> tuple[Column, list[PolicyError]]:
    """Run the stages; raise once if anything is wrong.

    Returns the column and the warnings. With ``strict``, warnings are errors too.
    ``cache`` is the cache setting (``pipeline/cache.py``): a whole column without
    errors is kept, and the same input reads it back; split results are kept always.
    """
    folder = cache_folder(policies_dir, cache)
    split = SplitCache(folder).split if folder is not None else split_body
    whole = stages == ALL and source_file is None
    column_cache = ColumnCache(folder, policies_dir) if folder is not None and whole else None
    found = column_cache.load() if column_cache is not None else None
    if found is not None:
        column, problems = found
    else:
        column, problems = read_column(policies_dir, split, stages, source_file)
        sound = column is not None and not any(p.is_error for p in problems)
        if column_cache is not None and sound:
            column_cache.store((column, problems))
    errors = [p for p in problems if p.is_error or strict]
    if errors or column is None:
        warnings = [p for p in problems if not (p.is_error or strict)]
        raise PolicyInputError(errors, warnings)
    return column, sorted(problems)


def preview_column(
    policies_dir: Path, file: Path, cache: str = ""
) -> tuple[Column, list[PolicyError]]:
    """The column of ``file`` alone; raises once, like ``check_policies``, on any error."""
    return check_policies(policies_dir, cache=cache, stages=ITEMS_ONLY, source_file=file)
