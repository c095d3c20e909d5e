"""Settings for the benchmark server: the project's own, with static files from a
temporary folder so the benchmark can serve copies of dynamic responses next to them.

``BENCH_STATIC_ROOT`` names that folder (benchmarks/serve_published.py sets it).
"""

from __future__ import annotations

import os
from pathlib import Path

from config.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
DEBUG = False
# Files are found once, at start-up, as in production.
WHITENOISE_AUTOREFRESH = False
