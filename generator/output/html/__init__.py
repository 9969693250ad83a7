"""HTML producers: the column's pages, 政策包, widgets, schedule pages, redirects."""
