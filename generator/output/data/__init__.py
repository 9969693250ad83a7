"""Data producers: the JSON API, the 政策清单 tables, the finder's data, feeds, schedule files."""
