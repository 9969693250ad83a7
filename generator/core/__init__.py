"""The column's data and rules, pure: stdlib and the ``chinesecalendar`` data only, no I/O,
``today`` always passed in. Imports nothing of the package but ``errors``."""
