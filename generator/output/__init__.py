"""Pages and data files from a column: the only layer that imports jinja2, markupsafe,
openpyxl, icalendar, segno and weasyprint. Every producer has the signature of
``request.Producer`` and is listed once in ``site.PRODUCERS``."""
