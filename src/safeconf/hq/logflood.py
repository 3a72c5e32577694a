"""Logs a flood cannot fill: a problem that repeats (same place, same error code or exception
type) is logged once per window, and then once more with how often it recurred —
"… (repeated 2,341 times in the last 60 s)" — instead of thousands of tracebacks.

A filter on the log handlers, so it also covers aiohttp's and asyncio's own loggers. The
key never includes the message's arguments: a hostile client controls those (paths, ids) and
could otherwise make every line "different".
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass

DEFAULT_WINDOW_S = 60.0
SUMMARY_ATTR = "repeat_summary"
Key = tuple[object, ...]


@dataclass
class _Run:
    started: float
    first: logging.LogRecord
    repeats: int = 0


def _place_of_raise(record: logging.LogRecord) -> tuple[str, str, int | None]:
    if not record.exc_info or record.exc_info[0] is None:
        return "", "", None
    exc_type, _, tb = record.exc_info
    frames = traceback.extract_tb(tb) if tb is not None else []
    last = frames[-1] if frames else None
    return (exc_type.__qualname__, last.filename if last else "",
            last.lineno if last else None)


def record_key(record: logging.LogRecord) -> Key:
    """Where it was logged, which template, which error code (`extra={"flood_key": ...}`),
    and for an exception its type and where it was raised."""
    return (record.name, record.levelno, record.pathname, record.lineno, str(record.msg),
            getattr(record, "flood_key", None), *_place_of_raise(record))


class RepeatFilter(logging.Filter):
    """Passes the first record of a key in each window; counts the others. `flush` reports
    the counts of windows that have ended (or of all, at shutdown)."""

    def __init__(self, window_s: float = DEFAULT_WINDOW_S, min_level: int = logging.WARNING,
                 clock: Callable[[], float] = time.monotonic,
                 emit: Callable[[logging.LogRecord], None] | None = None) -> None:
        super().__init__()
        self.window_s = window_s
        self.min_level = min_level
        self._clock = clock
        self._emit = emit or (lambda record: logging.getLogger(record.name).handle(record))
        self._runs: dict[Key, _Run] = {}
        self._lock = threading.Lock()
        # One record passes this filter once per handler: decide once, remember on the record.
        self._decision_attr = f"_repeat_filter_{id(self)}"

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < self.min_level or getattr(record, SUMMARY_ATTR, False):
            return True
        decided = getattr(record, self._decision_attr, None)
        if decided is not None:
            return bool(decided)
        decision = self._decide(record)
        setattr(record, self._decision_attr, decision)
        return decision

    def _decide(self, record: logging.LogRecord) -> bool:
        key = record_key(record)
        now = self._clock()
        with self._lock:
            run = self._runs.get(key)
            if run is not None and now - run.started < self.window_s:
                run.repeats += 1
                return False
            self._runs[key] = _Run(now, record)
        if run is not None and run.repeats:
            self._emit(self._summary(run, now))
        return True

    def flush(self, everything: bool = False) -> int:
        """Emit a summary for each ended window that had repeats; how many were emitted."""
        now = self._clock()
        with self._lock:
            ended = [(key, run) for key, run in self._runs.items()
                     if everything or now - run.started >= self.window_s]
            for key, _ in ended:
                del self._runs[key]
        summaries = [self._summary(run, now) for _, run in ended if run.repeats]
        for summary in summaries:
            self._emit(summary)
        return len(summaries)

    def _summary(self, run: _Run, now: float) -> logging.LogRecord:
        first = run.first
        seconds = min(self.window_s, now - run.started)
        times = "time" if run.repeats == 1 else "times"
        text = (f"{first.getMessage()} (repeated {run.repeats:,} {times} in the last "
                f"{max(1, round(seconds))} s)")
        # No traceback: the first record of the run carried it.
        summary = logging.LogRecord(first.name, first.levelno, first.pathname, first.lineno,
                                    text, None, None, first.funcName)
        setattr(summary, SUMMARY_ATTR, True)
        return summary


def install(handlers: Iterable[logging.Handler], window_s: float = DEFAULT_WINDOW_S,
            ) -> RepeatFilter:
    repeat_filter = RepeatFilter(window_s)
    for handler in handlers:
        handler.addFilter(repeat_filter)
    return repeat_filter


def uninstall(repeat_filter: RepeatFilter, handlers: Iterable[logging.Handler]) -> None:
    for handler in handlers:
        handler.removeFilter(repeat_filter)
