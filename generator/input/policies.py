"""Read the whole ``policies/`` folder: the taxonomy and every source file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.core.model import Source, Taxonomy
from generator.errors import PolicyError
from generator.input.sources import list_source_files, read_source
from generator.input.taxonomy import read_taxonomy


@dataclass(frozen=True)
class LoadResult:
    """Everything read from ``policies/``, and every problem found on the way."""

    taxonomy: Taxonomy
    sources: tuple[Source, ...]  # sorted by slug
    problems: tuple[PolicyError, ...]  # errors and warnings, sorted
    channels_trusted: bool = True  # taxonomy channels read without error: schedule may use them


def load_policies(root: Path) -> LoadResult:
    """Read and check ``taxonomy.yml`` and every ``sources/*.yml`` under ``root``.

    Never stops early: a broken vocabulary only means that source values of that
    kind are kept as written instead of being reported as unknown.
    """
    read = read_taxonomy(root / "taxonomy.yml")
    taxonomy, problems, trusted = read.taxonomy, read.problems, read.trusted
    paths, listing_problems = list_source_files(root / "sources")
    problems += listing_problems
    sources = []
    for path in paths:
        source, source_problems = read_source(path, trusted)
        problems += source_problems
        if source is not None:
            sources.append(source)
    sources.sort(key=lambda source: source.slug)
    # A YAML alias repeats its node, and so its problems: report each once.
    problems = sorted(set(problems))
    return LoadResult(taxonomy, tuple(sources), tuple(problems), read.channels_trusted)
