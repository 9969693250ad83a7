"""Tag choice: overrides, then document defaults, then keyword suggestions."""

from __future__ import annotations

from generator.core.model import Term, Vocabulary
from generator.core.tagging import choose_tags, suggest_terms

SECTORS = Vocabulary(
    "sectors",
    (
        Term("appliances", "家电", keywords=("冰箱", "洗衣机", "空调")),
        Term("cars", "汽车", keywords=("乘用车", "新能源汽车", "购车")),
        Term("general", "综合"),
    ),
)


def test_suggestions_follow_keywords_most_mentioned_first():
    text = "个人消费者购买新能源汽车和乘用车，购车发票……另购买冰箱一台"
    assert suggest_terms(text, SECTORS) == ("cars", "appliances")


def test_no_keyword_no_suggestion():
    assert suggest_terms("加强组织领导，压实工作责任。", SECTORS) == ()


def test_term_name_counts_as_keyword():
    assert suggest_terms("家电以旧换新", SECTORS) == ("appliances",)


def test_override_beats_default_beats_suggestion():
    assert choose_tags(("cars",), ("appliances",), ("general",)) == ("cars",)
    assert choose_tags((), ("appliances",), ("general",)) == ("appliances",)
    assert choose_tags((), (), ("general",)) == ("general",)
    assert choose_tags((), (), ()) == ()


def test_with_ancestors_adds_broader_terms_in_taxonomy_order():
    audiences = Vocabulary(
        "audiences",
        (
            Term("enterprise", "企业"),
            Term("sme", "中小企业", parent="enterprise"),
            Term("consumer", "个人消费者"),
        ),
    )
    assert audiences.with_ancestors(("sme",)) == ("enterprise", "sme")
    assert audiences.with_ancestors(("consumer", "sme")) == ("enterprise", "sme", "consumer")
