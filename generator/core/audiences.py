"""Who a publicity channel is for: public channels never carry items meant for officials.

A work plan has clauses addressed to government offices (专班机制, 责任分工, 督查 …),
tagged 政府部门 or narrower (成员单位, 工作人员). They stay in the column and the
政策清单, but a TV script or a WeChat post must not read them to the public.
"""

from __future__ import annotations

from generator.core.model import ChannelPlan, Item, Vocabulary

# 政府部门: the audience whose items, and its narrower terms' items, are internal by default.
INTERNAL_AUDIENCES = ("government",)


def internal_terms(
    audiences: Vocabulary, internal: tuple[str, ...] = INTERNAL_AUDIENCES
) -> set[str]:
    """The ids of the internal audiences and every narrower term under them."""
    found = {audiences.get(name).id for name in internal if audiences.find(name)}
    grown = True
    while grown:
        more = {term.id for term in audiences.terms if term.parent in found} - found
        found |= more
        grown = bool(more)
    return found


def public_audiences(audiences: Vocabulary) -> tuple[str, ...]:
    """Every audience outside the internal ones, in taxonomy order: a public channel's default."""
    internal = internal_terms(audiences)
    return tuple(term.id for term in audiences.terms if term.id not in internal)


def reach(named: tuple[str, ...], audiences: Vocabulary) -> frozenset[str]:
    """The audiences a channel serving ``named`` reaches: those, their narrower terms (an
    item for 中小企业 is for 企业 too) and their broader terms (an item for every 企业
    reaches 中小企业)."""
    found = set(named)
    grown = True
    while grown:
        more = {term.id for term in audiences.terms if term.parent in found} - found
        found |= more
        grown = bool(more)
    for term_id in named:
        found |= set(audiences.with_ancestors((term_id,)))
    return frozenset(found)


def carries(plan: ChannelPlan, item: Item) -> bool:
    """Whether ``plan``'s channel may push ``item``.

    A channel without audiences (built in code, not read from schedule.yml) carries
    everything; an item without audiences is for everyone.
    """
    if not plan.reach or not item.audiences:
        return True
    return any(audience in plan.reach for audience in item.audiences)


def is_internal(item: Item, audiences: Vocabulary) -> bool:
    """Whether every audience of ``item`` is internal (政府部门 and narrower)."""
    internal = internal_terms(audiences)
    return bool(item.audiences) and all(audience in internal for audience in item.audiences)
