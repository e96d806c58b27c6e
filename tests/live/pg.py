"""A throwaway PostgreSQL server for the live store's tests: Debian's binaries, a temporary folder.

``Cluster()`` runs ``initdb`` and ``pg_ctl start`` (as an unprivileged user when the tests run
as root: PostgreSQL refuses to run as root) on a free port of 127.0.0.1, with its socket in
the same temporary folder, and ``close()`` stops it and removes the folder. Each test gets
a database of its own (:meth:`Cluster.new_database`). ``fsync=off`` keeps the suite quick:
these tests are about what clients see (killed writers, a restarted server, two serving
hosts), not about the disk; the benchmark measures a server with the default settings.

The binaries are looked for in ``$PARLEY_PG_BIN``, then ``/usr/lib/postgresql/*/bin``,
then ``$PATH``. When there are none, the tests fail and say how to install them (the
README's test command and ``.ci/run`` do): they are never skipped.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

INSTALL = "run tests/system-packages.sh, as the README's test command does (it installs Debian's postgresql-15)"


def find_binaries() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``; AssertionError saying how to install them."""
    candidates = [os.environ.get("PARLEY_PG_BIN", "")]
    candidates += sorted((str(p) for p in Path("/usr/lib/postgresql").glob("*/bin")), reverse=True)
    found = shutil.which("initdb")
    candidates.append(str(Path(found).parent) if found else "")
    for folder in filter(None, candidates):
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    raise AssertionError(f"PostgreSQL's initdb and pg_ctl were not found (looked in $PARLEY_PG_BIN, "
                         f"/usr/lib/postgresql/*/bin and $PATH); the live store's tests need them: {INSTALL}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _runner() -> tuple[list[str], int | None]:
    """How to run the server's commands: as ourselves, or (as root) through runuser as postgres or nobody."""
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        try:
            uid = pwd.getpwnam(name).pw_uid
        except KeyError:
            continue
        if shutil.which("runuser"):
            return ["runuser", "-u", name, "--"], uid
        return ["setpriv", f"--reuid={uid}", f"--regid={pwd.getpwnam(name).pw_gid}", "--init-groups"], uid
    raise AssertionError("running as root with neither a 'postgres' nor a 'nobody' user to run PostgreSQL as")


class Cluster:
    """One PostgreSQL server in a temporary folder, for the whole test session."""

    USER = "parley"

    def __init__(self, settings: dict[str, str] | None = None) -> None:
        self.bin = find_binaries()
        self.prefix, uid = _runner()
        self.folder = Path(tempfile.mkdtemp(prefix="parley-pg-"))
        if uid is not None:
            os.chown(self.folder, uid, -1)
        self.data = self.folder / "data"
        self.port = _free_port()
        self.settings = {"listen_addresses": "127.0.0.1", "unix_socket_directories": str(self.folder),
                         "fsync": "off", "full_page_writes": "off", "max_connections": "300",
                         "shared_buffers": "32MB", **(settings or {})}
        self._names = itertools.count(1)
        self._run("initdb", "-D", str(self.data), "-U", self.USER, "--auth=trust", "-E", "UTF8", "--no-locale",
                  "--no-sync")
        self.start()

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run([*self.prefix, str(self.bin / tool), *args], capture_output=True, text=True,
                              timeout=120)
        if done.returncode != 0:
            log = (self.folder / "server.log")
            tail = log.read_text(errors="replace")[-2000:] if log.is_file() else ""
            raise AssertionError(f"{tool} failed ({done.returncode}): {done.stderr.strip()}\n{tail}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.USER}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = " ".join(f"-c {key}={value}" for key, value in self.settings.items())
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "60",
                  "-o", f"-p {self.port} {options}", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def new_database(self) -> str:
        """A fresh, empty database; its URL."""
        name = f"class_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} STRATEGY FILE_COPY")
        return self.url(name)

    def close(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
