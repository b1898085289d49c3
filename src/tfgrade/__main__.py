"""`python -m tfgrade`."""

import sys

from tfgrade.cli import main

sys.exit(main())
