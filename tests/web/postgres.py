"""A throwaway PostgreSQL server for tests: initdb in a temporary folder, a free port, deleted afterwards.

PostgreSQL refuses to run as root: as root, the cluster is made and run by the unprivileged user `nobody`.
Missing server programs or a missing driver fail the tests with what to install; they are never skipped.
"""

from __future__ import annotations

import contextlib
import glob
import importlib.util
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serving import free_port
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

# Debian and Ubuntu install the server programs here (`apt-get install -y postgresql`), not on PATH.
DEBIAN_BIN_DIRS = "/usr/lib/postgresql/*/bin"
DRIVER = "psycopg[binary]>=3.1,<4"
SUPERUSER = "postgres"
UNPRIVILEGED_USER = "nobody"


def require_driver() -> None:
    """Fail the test unless psycopg, the PostgreSQL driver the service's URLs name, is installed."""
    if importlib.util.find_spec("psycopg") is None:
        pytest.fail(
            f"psycopg (the PostgreSQL driver) is not installed: run `pip install '{DRIVER}'` "
            "in the venv the tests run in.",
            pytrace=False,
        )


def server_bin_dir() -> Path:
    """The folder holding initdb and pg_ctl: on PATH, else the newest /usr/lib/postgresql/<version>/bin."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    found = [Path(d) for d in glob.glob(DEBIAN_BIN_DIRS) if (Path(d) / "initdb").exists()]
    found = [d for d in found if (d / "pg_ctl").exists() and d.parent.name.isdigit()]
    if not found:
        pytest.fail(
            f"PostgreSQL's server programs (initdb, pg_ctl) are neither on PATH nor in {DEBIAN_BIN_DIRS}: "
            "install them with `apt-get install -y postgresql` (Debian, Ubuntu) or put initdb and pg_ctl "
            "on PATH.",
            pytrace=False,
        )
    return max(found, key=lambda d: int(d.parent.name))


def _as_server_user() -> dict[str, Any]:
    """subprocess arguments that run a program as the unprivileged user when the tests run as root."""
    if os.geteuid() != 0:
        return {}
    user = pwd.getpwnam(UNPRIVILEGED_USER)
    return {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}


def _run(args: list[str], what: str, log: Path | None = None) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False, timeout=120, **_as_server_user())
    if done.returncode != 0:
        server_log = log.read_text(encoding="utf-8", errors="replace") if log and log.exists() else ""
        output = f"{done.stdout}{done.stderr}{server_log}"
        pytest.fail(f"{what} failed ({done.returncode}):\n{output}", pytrace=False)


@contextlib.contextmanager
def cluster() -> Iterator[str]:
    """Create and start a PostgreSQL cluster on 127.0.0.1 (trust authentication); yields the SQLAlchemy URL
    of its `postgres` database, then stops the server and deletes the cluster, even if the tests failed."""
    require_driver()
    bin_dir = server_bin_dir()
    # Not under pytest's basetemp: as root that is private to root, and the server runs as `nobody`.
    root = Path(tempfile.mkdtemp(prefix="replycoach-pg-"))
    data, log = root / "data", root / "server.log"
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data)]
    started = False
    try:
        server_user = _as_server_user()
        if server_user:
            os.chown(root, server_user["user"], server_user["group"])
        _run(
            [str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust"]
            + ["-E", "UTF8", "--locale=C", "--no-sync"],
            "initdb",
        )
        port = free_port()
        options = f"-h 127.0.0.1 -p {port} -k {root} -F"
        started = True  # from here on, a half-started server is stopped too
        _run([*pg_ctl, "-l", str(log), "-w", "-t", "60", "-o", options, "start"], "pg_ctl start", log)
        yield f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/postgres"
    finally:
        if started:
            subprocess.run(
                [*pg_ctl, "-m", "fast", "-w", "stop"],
                capture_output=True,
                check=False,
                timeout=60,
                **_as_server_user(),
            )
        shutil.rmtree(root, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    """Create an empty database on the server of `server_url`; returns its URL."""
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)
