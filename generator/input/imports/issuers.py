"""The taxonomy line an unknown 发文机关 needs, with an ASCII id made from its name:
the place from the taxonomy's levels (济南市 → jinan) and the office from a table of the
usual departments (商务局 → commerce), so the officer can paste it as it is."""

from __future__ import annotations

from generator.core.model import Taxonomy

# Department names, longest first where one contains another, and their usual short ids.
OFFICES = (
    ("人民政府办公室", "gov-office"),
    ("人民政府办公厅", "gov-office"),
    ("人民政府", "gov"),
    ("发展和改革委员会", "drc"),
    ("发展改革委", "drc"),
    ("工业和信息化", "miit"),
    ("市场监督管理", "samr"),
    ("市场监管", "samr"),
    ("住房和城乡建设", "housing"),
    ("人力资源和社会保障", "hrss"),
    ("自然资源和规划", "natural-resources"),
    ("自然资源", "natural-resources"),
    ("文化和旅游", "culture-tourism"),
    ("卫生健康", "health"),
    ("农业农村", "agriculture"),
    ("交通运输", "transport"),
    ("生态环境", "environment"),
    ("科学技术", "science"),
    ("应急管理", "emergency"),
    ("商务", "commerce"),
    ("财政", "finance"),
    ("教育", "education"),
    ("民政", "civil-affairs"),
    ("统计", "statistics"),
    ("税务", "tax"),
    ("能源", "energy"),
    ("数据", "data"),
    ("公安", "police"),
    ("国务院办公厅", "state-council-office"),
    ("国务院", "state-council"),
)


def issuer_line(name: str, taxonomy: Taxonomy) -> str:
    """'  - {id: jinan-transport, name: 济南市交通运输局}', an id no issuer has yet."""
    place = next(
        (term for term in taxonomy.vocabulary("levels").terms if name.startswith(term.name)),
        None,
    )
    rest = name[len(place.name) :] if place else name
    office = next((short for word, short in OFFICES if word in rest), "")
    parts = [part for part in (place.id if place else "", office) if part]
    base = "-".join(parts) or "issuer"
    taken = {term.id for term in taxonomy.vocabulary("issuers").terms}
    candidate, number = base, 2
    while candidate in taken or candidate == "issuer":
        candidate, number = f"{base}-{number}", number + 1
    return f"  - {{id: {candidate}, name: {name}}}"
