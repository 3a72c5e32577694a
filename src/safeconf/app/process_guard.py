"""Keep key material out of core dumps: called first thing by the CLI and the desktop app,
before any passphrase is read or key derived.

A crash (or `gcore`, or another process of the same user attaching) would otherwise write
the process's memory, with the data key and the passphrase in it, to disk in plaintext.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def forbid_core_dumps() -> None:
    """No core file of this process, and (Linux) no ptrace by same-user processes.

    Best effort everywhere: where a platform has no such control it is a no-op, never an
    error, since refusing to start would protect nothing."""
    try:
        import resource
    except ImportError:  # Windows: no rlimits; it writes no core files by default
        return
    # A sandbox that forbids setrlimit has its own dump policy.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        _prctl(PR_SET_DUMPABLE, 0)


def is_dumpable() -> bool | None:
    """Linux's dumpable flag for this process (None where there is none): for tests."""
    if not sys.platform.startswith("linux"):
        return None
    return bool(_prctl(PR_GET_DUMPABLE, 0))


def _prctl(option: int, arg: int) -> int:
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return -1
    libc = ctypes.CDLL(libc_name, use_errno=True)
    return int(libc.prctl(option, arg, 0, 0, 0))
