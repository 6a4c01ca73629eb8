"""Test settings: the real ones, with HTTPS redirects off and a fast password hasher."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("MANDATE_HTTPS", "false")
os.environ.setdefault("MANDATE_MANIFEST_STATIC", "false")

from mandate.settings import *  # noqa: E402, F403

# Argon2 is the real hasher (pinned by tests/core/test_settings.py); tests make
# hundreds of users and would spend most of their time hashing.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303

# A file, not the in-memory default: SQLite then behaves as in production (WAL,
# IMMEDIATE transactions, busy timeout), so concurrency tests mean something.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # One file per process: parallel runs (xdist workers, two checkouts) never share one.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"test_mandate_{os.getpid()}.sqlite3")
    }

# No cache between tests: each test builds its own data, often at the same frozen time.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
