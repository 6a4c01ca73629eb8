import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings

import mandate.settings as real_settings

ROOT = Path(__file__).resolve().parents[2]


def run(code: str, **env) -> subprocess.CompletedProcess:
    # The subprocess sees production defaults, not what tests/settings.py set for us.
    ours = {
        "DATABASE_URL",
        "MANDATE_HTTPS",
        "MANDATE_MANIFEST_STATIC",
        "DEBUG",
        "SECRET_KEY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    environment = {k: v for k, v in os.environ.items() if k not in ours}
    environment |= {"DJANGO_SETTINGS_MODULE": "mandate.settings", **env}
    return subprocess.run(  # noqa: S603
        [sys.executable, *code.split(" ")]
        if code.startswith("manage.py")
        else [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    result = run(
        "manage.py check --deploy --fail-level WARNING",
        DEBUG="false",
        SECRET_KEY="x" * 20 + "-a-long-random-production-secret-key-0123456789",
        ALLOWED_HOSTS="mandate.example.org",
        MANDATE_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_embedded_database_is_sqlite_in_wal_mode_under_the_data_dir(tmp_path):
    code = (
        "import django; django.setup();"
        "from django.db import connection; from django.conf import settings;"
        "cursor = connection.cursor();"
        "print(cursor.execute('PRAGMA journal_mode').fetchone()[0]);"
        "print(settings.DATABASES['default']['NAME'])"
    )
    result = run(code, MANDATE_DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    mode, name = result.stdout.split()
    assert mode == "wal"
    assert name == str(tmp_path / "mandate.sqlite3")


def test_database_url_selects_postgresql(tmp_path):
    code = (
        "import mandate.settings as s; d = s.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['HOST'])"
    )
    url = "postgres://mandate:secret@db.example.org:5432/mandate"
    result = run(code, DATABASE_URL=url, MANDATE_DATA_DIR=str(tmp_path))
    assert result.stdout.split() == ["django.db.backends.postgresql", "mandate", "db.example.org"]


def test_demo_secret_key_is_generated_once_per_data_dir(tmp_path):
    code = "import mandate.settings as s; print(s.SECRET_KEY)"
    first = run(code, MANDATE_DATA_DIR=str(tmp_path), SECRET_KEY="").stdout
    second = run(code, MANDATE_DATA_DIR=str(tmp_path), SECRET_KEY="").stdout
    assert first == second
    assert len(first.strip()) > 50


def test_passwords_are_hashed_with_argon2():
    assert real_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=real_settings.PASSWORD_HASHERS):
        assert make_password("một mật khẩu dài").startswith("argon2")


def test_production_cookies_and_redirects_are_secure(tmp_path):
    code = (
        "import mandate.settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS > 0, s.DEBUG)"
    )
    result = run(code, DEBUG="false", MANDATE_DATA_DIR=str(tmp_path), MANDATE_HTTPS="")
    assert result.stdout.split() == ["True", "True", "True", "True", "False"]


@pytest.mark.django_db
def test_pages_carry_security_headers(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_repeated_failures_lock_the_account(world, client):
    for _attempt in range(5):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    locked = client.post(
        "/accounts/login/", {"username": "alice", "password": "password-for-tests"}
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
