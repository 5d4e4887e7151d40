"""`python -m ceasefire_cli`: the same entry point as the `ceasefire` command."""

import sys

from .launch import main

sys.exit(main())
