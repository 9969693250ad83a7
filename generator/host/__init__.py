"""The site generator that hosts the column: the only layer that imports ``mkdocs``.
Another host (ProperDocs runs this one unchanged) replaces this folder alone."""
