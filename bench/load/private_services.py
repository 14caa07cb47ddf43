"""Private PostgreSQL and Redis servers for a load run, so that its faults touch nothing else.

The load run restarts PostgreSQL and stops Redis on purpose. Doing that to the machine's own servers
would break whatever else uses them (another test run, a developer's app), so by default the run starts
its own: a fresh PostgreSQL cluster (initdb) and a redis-server, each on a free loopback port with its
files in a temporary directory, and removes them afterwards. The commands the fault schedule uses to
restart and stop them act on these private servers only.

PostgreSQL refuses to run as root; when the run is root, the cluster belongs to the ``postgres`` user
and its commands run through ``runuser``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_bin() -> Path:
    """The newest installed PostgreSQL's bin directory (Debian keeps them under /usr/lib/postgresql)."""
    found = shutil.which("pg_config")
    if found:
        bindir = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if bindir and (Path(bindir) / "initdb").exists():
            return Path(bindir)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if not candidates:
        raise RuntimeError("no PostgreSQL server binaries (initdb) found; install PostgreSQL or pass --database-url")
    return Path(candidates[-1]).parent


@dataclass
class PrivateServices:
    """A PostgreSQL cluster and a Redis server of this run alone; ``start()``, then ``stop()``."""

    root: Path
    pg_port: int
    redis_port: int

    @classmethod
    def create(cls) -> PrivateServices:
        root = Path(tempfile.mkdtemp(prefix="hamrah-load-services-"))
        return cls(root, _free_port(), _free_port())

    # -- what the run needs -------------------------------------------------------------------------

    @property
    def database_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.pg_port}/postgres"

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    @property
    def pg_restart(self) -> str:
        return self._as_owner(f"{self._pg_ctl} -D {self._pgdata} -l {self._pglog} -w -m fast restart")

    @property
    def pg_start(self) -> str:
        return self._as_owner(f"{self._pg_ctl} -D {self._pgdata} -l {self._pglog} -w start")

    @property
    def redis_stop(self) -> str:
        return f"redis-cli -h 127.0.0.1 -p {self.redis_port} shutdown nosave"

    @property
    def redis_start(self) -> str:
        # Like the machine's Redis by default: nothing kept on disk, so a restart loses sessions and the queue.
        return (f"redis-server --daemonize yes --bind 127.0.0.1 --port {self.redis_port} --save '' "
                f"--appendonly no --dir {self.root} --logfile {self.root / 'redis.log'} "
                f"--pidfile {self.root / 'redis.pid'}")

    def start(self) -> PrivateServices:
        self._owner_can_write()
        initdb = self._as_owner(f"{self._bin / 'initdb'} -D {self._pgdata} -U postgres --auth=trust "
                                "--no-sync -E UTF8 --locale=C.UTF-8")
        _run(initdb, "initdb")
        with open(self._pgdata / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(f"\nlisten_addresses = '127.0.0.1'\nport = {self.pg_port}\n"
                       f"unix_socket_directories = '{self._pgdata}'\nmax_connections = 200\n"
                       "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
        _run(self.pg_start, "pg_ctl start")
        _run(self.redis_start, "redis-server")
        return self

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            subprocess.run(shlex.split(self.redis_stop), capture_output=True, timeout=10, check=False)
        with contextlib.suppress(Exception):
            subprocess.run(shlex.split(self._as_owner(f"{self._pg_ctl} -D {self._pgdata} -m immediate stop")),
                           capture_output=True, timeout=30, check=False)
        for _ in range(50):  # the postmaster may take a moment to let go of its files
            if not (self._pgdata / "postmaster.pid").exists():
                break
            time.sleep(0.1)
        shutil.rmtree(self.root, ignore_errors=True)

    # -- internals ---------------------------------------------------------------------------------

    @property
    def _bin(self) -> Path:
        return _postgres_bin()

    @property
    def _pg_ctl(self) -> Path:
        return self._bin / "pg_ctl"

    @property
    def _pgdata(self) -> Path:
        return self.root / "pgdata"

    @property
    def _pglog(self) -> Path:
        return self.root / "postgres.log"

    @staticmethod
    def _as_root() -> bool:
        return os.geteuid() == 0

    def _as_owner(self, command: str) -> str:
        return f"runuser -u postgres -- {command}" if self._as_root() else command

    def _owner_can_write(self) -> None:
        if self._as_root():
            shutil.chown(self.root, user="postgres")
            self.root.chmod(0o755)


def _run(command: str, what: str) -> None:
    result = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed ({result.returncode}): {(result.stderr or result.stdout).strip()[-800:]}")
