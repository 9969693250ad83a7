"""The ``policy-column`` command: one module per group of sub-commands. May import every layer."""
