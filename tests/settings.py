"""Test settings: the real ones, with HTTPS redirects off and a fast password hasher."""

import os

os.environ.setdefault("MANDATE_HTTPS", "false")
os.environ.setdefault("MANDATE_MANIFEST_STATIC", "false")

from mandate.settings import *  # noqa: E402, F403

# Argon2 is the real hasher (pinned by tests/core/test_settings.py); tests make
# hundreds of users and would spend most of their time hashing.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303
