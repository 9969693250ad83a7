"""``policy-column import``: a PDF, Word file, saved portal page or text file → a source file.

One module per medium reads its lines (``pdf``, ``word``, ``legacy_word``, ``portal_page``,
``plain_text``); ``repair`` undoes what the medium did to the text; ``metadata`` reads the
fields; ``source_file`` writes the YAML; ``importer`` runs them in that order.
"""
