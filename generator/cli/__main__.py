"""``python -m generator.cli``: the policy-column command."""

import sys

from generator.cli.main import main

sys.exit(main())
