"""`python -m site_src.bench` (`make bench`)."""

import sys

from .cli import main

sys.exit(main())
