"""One build at a time per project: a lock file that names its holder and dies with it.

`briefing build` and the rebuilds of `briefing serve` write the same pages/, cache and site/, so
they must not interleave. The lock is a POSIX record lock (`lockf`) on `.briefing.lock` in the
project: the kernel frees it when its process ends, however it ends (SIGKILL included), so a
killed build never leaves a project locked; and forked extraction workers do not inherit it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_FILE = ".briefing.lock"


@contextlib.contextmanager
def project_lock(root: Path, *, say: Callable[[str], None]) -> Iterator[None]:
    """Hold the project's build lock; when another process holds it, say which and wait for it."""
    path = root / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            say(f"waiting for {_holder(fd)} to finish (it holds {path})")
            fcntl.lockf(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # frees the lock


def _holder(fd: int) -> str:
    """The process that holds the lock, as a user can find it: its PID and command line."""
    pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    if not pid.isdigit():
        return "another briefing process"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        command = ""
    command = " ".join(command.split())
    return f"process {pid}" + (f" ({command})" if command else "")
