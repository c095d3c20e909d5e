"""config/settings.py: production refuses to start half-configured; SQLite runs in WAL mode."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper

REPO = Path(__file__).resolve().parent.parent

# Loads the settings the way manage.py and gunicorn do, then touches the database layer.
SETUP = (
    "import django; django.setup(); "
    "from django.db import connection; print('engine=' + connection.settings_dict['ENGINE'])"
)

# Variables of the outer environment that would change what the child sees.
_CONFIG_VARS = ("DJANGO_ENV", "SECRET_KEY", "DATABASE_URL", "DEBUG", "ALLOWED_HOSTS")


def run_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    child_env = {k: v for k, v in os.environ.items() if k not in _CONFIG_VARS}
    child_env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SQLITE_PATH=str(tmp_path / "settings-check.sqlite3"),
        PYTHONDONTWRITEBYTECODE="1",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", SETUP],
        cwd=REPO,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY"),
        ({"DATABASE_URL": "postgres://u@db.example/x"}, "SECRET_KEY"),
        ({"SECRET_KEY": "s3cret-for-the-test"}, "DATABASE_URL"),
        ({"SECRET_KEY": "", "DATABASE_URL": "postgres://u@db.example/x"}, "SECRET_KEY"),
    ],
    ids=["neither", "no-secret-key", "no-database-url", "empty-secret-key"],
)
def test_production_refuses_to_start_without_secret_key_and_database_url(tmp_path, env, missing):
    result = run_settings(tmp_path, DJANGO_ENV="production", **env)
    assert result.returncode != 0, result.stdout
    assert "ImproperlyConfigured" in result.stderr, result.stderr
    assert f"DJANGO_ENV=production needs the {missing} variable." in result.stderr


def test_production_starts_when_both_are_set(tmp_path):
    """The control for the test above: the refusal is about the variables, nothing else."""
    result = run_settings(
        tmp_path,
        DJANGO_ENV="production",
        SECRET_KEY="s3cret-for-the-test",
        DATABASE_URL="postgres://u@db.example/x",
        ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "engine=django.db.backends.postgresql" in result.stdout


def test_development_defaults_to_sqlite(tmp_path):
    result = run_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "engine=django.db.backends.sqlite3" in result.stdout


@pytest.mark.django_db
def test_sqlite_connections_use_wal(tmp_path):
    """Every SQLite connection the settings make switches to WAL.

    The test database is in memory, where SQLite only knows the "memory" journal, so
    the check opens a file database with the same settings the test connection has.
    """
    if connection.vendor != "sqlite":
        pytest.skip(f"WAL is a SQLite setting; this run uses {connection.vendor}")
    settings_dict = {**connection.settings_dict, "NAME": str(tmp_path / "wal.sqlite3")}
    wal_connection = SQLiteDatabaseWrapper(settings_dict, alias="wal_check")
    try:
        with wal_connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            (mode,) = cursor.fetchone()
            cursor.execute("PRAGMA synchronous")
            (synchronous,) = cursor.fetchone()
    finally:
        wal_connection.close()
    assert mode == "wal"
    assert synchronous == 1  # NORMAL: safe with WAL, and faster than FULL
