"""Which themes, sectors and audiences an item gets: overrides, defaults, suggestions."""

from __future__ import annotations

from generator.core.model import Taxonomy, Vocabulary

TAG_KINDS = ("themes", "sectors", "audiences")


# A clause names many things in passing; only the strongest few suggestions count.
MAX_SUGGESTIONS = 3


def suggest_terms(text: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Term ids whose keywords occur in ``text``, most mentioned first.

    A term's own name counts as a keyword. Ties keep taxonomy order, so the
    result is deterministic.
    """
    scores: list[tuple[int, int, str]] = []
    for position, term in enumerate(vocabulary.terms):
        words = {term.name, *term.keywords}
        hits = sum(text.count(word) for word in words if word)
        if hits:
            scores.append((-hits, position, term.id))
    return tuple(term_id for _, _, term_id in sorted(scores)[:MAX_SUGGESTIONS])


def suggest_tags(text: str, taxonomy: Taxonomy) -> dict[str, tuple[str, ...]]:
    """Suggested term ids for every tag kind, for previews and for untagged items."""
    return {kind: suggest_terms(text, taxonomy.vocabulary(kind)) for kind in TAG_KINDS}


def choose_tags(
    override: tuple[str, ...], default: tuple[str, ...], suggested: tuple[str, ...]
) -> tuple[str, ...]:
    """The clause's own tags, else the document's defaults, else the suggestions."""
    return override or default or suggested
