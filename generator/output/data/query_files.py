"""The search box's own data: its lexicon and its exact lookups (``core/search_vocabulary.py``).

The index's words come later, from the index itself (``search/words.py``).
"""

from __future__ import annotations

import json

from generator.core.search_vocabulary import exact_lookups, query_lexicon
from generator.output.request import SiteFiles, SiteRequest

LEXICON = "search/lexicon.json"  # fillers, synonyms, sectors, shortcuts, terms: one small file
EXACT = "search/exact.json"  # 文号 → document, fetched only for a query shaped like one


def compact_json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def query_files(request: SiteRequest, made: SiteFiles) -> SiteFiles:
    """What the search page's query cutter reads besides the index's words."""
    column = request.column
    return SiteFiles(
        files={
            LEXICON: compact_json(query_lexicon(column)),
            EXACT: compact_json(exact_lookups(column, request.today)),
        }
    )
