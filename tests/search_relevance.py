"""Relevance table for the search box: query → pages that must be among the first five results.

Queries are what citizens, enterprises and the policy team type: plain Chinese words with or
without spaces, a 文号 (document number) fragment, a platform name, a hotline number. Pages are
item ids ("<source>/<clause path>") or "sources/<slug>" for a whole document. The sample
column has no 电动自行车 or 农机 clauses, so those queries are not here.
"""

from __future__ import annotations

TOP = 5

RELEVANCE: tuple[tuple[str, tuple[str, ...]], ...] = (
    # citizens looking for trade-in subsidies
    ("以旧换新 汽车", ("jn-2025h1-car-subsidy/1", "jn-2025h1-car-subsidy/3", "mzbh-2024-33/3-5")),
    ("购车补贴", ("jn-2025h1-car-subsidy/3", "jn-2025h1-car-subsidy/4-1")),
    ("家电 补贴", ("jn-2025-appliance-rules/1", "sd-2025-appliance-plan/2-2")),
    ("一级能效", ("jn-2025-appliance-rules/1", "sd-2025-appliance-plan/2-2")),
    ("补贴资格", ("jn-2025-appliance-rules/2-4",)),
    ("泉城购", ("jn-2025-appliance-rules/2-3",)),
    ("客服电话", ("jn-2025h1-car-subsidy/6",)),
    ("4006096588", ("jn-2025h1-car-subsidy/6",)),
    ("申报材料", ("jn-2025h1-car-subsidy/4-2",)),
    ("废旧家电 回收", ("jn-2025-appliance-rules/2-10", "sd-2025-appliance-plan/2-7")),
    ("送装", ("sd-2025-appliance-plan/2-6", "jn-2025-appliance-rules/2-7-5")),
    # enterprises and sellers
    ("设备更新", ("mzbh-2024-33/3-5",)),
    ("闭环管理", ("jn-2025-appliance-rules/2-7-5",)),
    ("先行垫付", ("jn-2025-appliance-rules/2-7-2",)),
    # the policy team: 文号 and the action plan's own terms
    ("鲁商字", ("sources/sd-2025-appliance-plan",)),
    ("汨政办函", ("sources/mzbh-2024-33",)),
    ("济商务字〔2025〕5号", ("sources/jn-2025-appliance-rules",)),
    ("宣传专班", ("mzbh-2024-33/2-2-4",)),
    ("政策专栏", ("mzbh-2024-33/3-1",)),
)


def page_id(url: str) -> str:
    """A result link ("/items/a/1/", "../items/a/1/", "/sources/a/") as a table id."""
    path = url.split("?", 1)[0].split("#", 1)[0].strip("/")
    parts = path.split("/")
    if "items" in parts:
        return "/".join(parts[parts.index("items") + 1 :])
    if "sources" in parts:
        return "sources/" + "/".join(parts[parts.index("sources") + 1 :])
    return path
