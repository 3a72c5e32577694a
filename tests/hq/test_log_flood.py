"""A flood of identical problems gives a line and a count, not thousands of tracebacks."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import httpx
from hq_harness import HQ, new_worker

from safeconf.hq import logflood
from safeconf.sync import tls


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def _logger(window: float = 60.0) -> tuple[logging.Logger, _Collect, logflood.RepeatFilter,
                                           _Clock]:
    clock = _Clock()
    logger = logging.getLogger(f"test.flood.{time.monotonic_ns()}")
    logger.propagate = False
    handler = _Collect()
    logger.addHandler(handler)
    repeats = logflood.RepeatFilter(window, clock=clock, emit=handler.handle)
    handler.addFilter(repeats)
    return logger, handler, repeats, clock


def _fail(n: int) -> None:
    raise ValueError(f"bad input {n}")


def test_a_thousand_identical_tracebacks_become_one_and_a_count() -> None:
    logger, handler, repeats, clock = _logger()
    for n in range(1000):
        try:
            _fail(n)
        except ValueError:
            logger.exception("internal error on %s", f"/v1/push?{n}")
        clock.now += 0.01
    assert len(handler.lines) == 1 and "Traceback" in handler.lines[0]
    clock.now += 60
    assert repeats.flush() == 1
    assert handler.lines[1] == ("internal error on /v1/push?0 (repeated 999 times in the "
                                "last 60 s)")
    assert "Traceback" not in handler.lines[1]


def test_counts_use_thousands_separators_and_a_new_window_shows_the_problem_again() -> None:
    logger, handler, _, clock = _logger()

    def refuse() -> None:  # one place in the code
        logger.warning("refused %s", "x", extra={"flood_key": "malformed_json"})

    for _ in range(2342):
        refuse()
    clock.now += 61
    refuse()
    # The summary of the old window comes first, then the new window's first line.
    assert handler.lines == ["refused x", "refused x (repeated 2,341 times in the last 60 s)",
                             "refused x"]


def test_different_codes_places_and_exception_types_are_kept_apart() -> None:
    logger, handler, _, _ = _logger()
    for _ in range(3):
        logger.warning("refused %s", "a", extra={"flood_key": "gap"})
        logger.warning("refused %s", "b", extra={"flood_key": "too_large"})
        logger.warning("another place")
        for exc in (ValueError("v"), KeyError("k")):
            try:
                raise exc
            except (ValueError, KeyError):
                logger.exception("failed")
    assert len(handler.lines) == 5


def test_info_lines_are_never_held_back_and_a_partial_window_is_flushed_at_the_end() -> None:
    logger, handler, repeats, clock = _logger()
    logger.setLevel(logging.INFO)
    for n in range(5):
        logger.info("push device=%s", n)
        logger.error("disk full")
    clock.now += 12.4
    assert repeats.flush() == 0  # the window has not ended
    assert repeats.flush(everything=True) == 1
    assert handler.lines[-1] == "disk full (repeated 4 times in the last 12 s)"
    assert sum("push device" in line for line in handler.lines) == 5


def test_a_device_sending_a_thousand_bad_requests_leaves_a_handful_of_log_lines(
        tmp_path: Path) -> None:
    hq = HQ.create(tmp_path / "hq", None)
    try:
        server = hq.serve()
        device = hq.enroll(new_worker())
        ctx = tls.client_context(device.ca_pem, device.cert_pem, device.key_pem)
        started = time.monotonic()
        with httpx.Client(verify=ctx, trust_env=False, timeout=30) as http:
            statuses = {http.post(hq.sync_url + "/v1/push", content=b"{not json").status_code
                        for _ in range(1000)}
        elapsed = time.monotonic() - started
        assert statuses == {400}
        assert server.stop() == 0  # the count of the unfinished window is written at exit
        log_lines = server.log.read_text().splitlines()
    finally:
        hq.close()
    refusals = [line for line in log_lines if "malformed_json" in line]
    assert len(refusals) == 2, refusals
    assert f"device={device.device_id}" in refusals[0]
    count = re.search(r"\(repeated ([\d,]+) times in the last (\d+) s\)", refusals[1])
    assert count is not None and count.group(1) == "999", refusals[1]
    assert len(log_lines) <= 10, log_lines
    assert not any("Traceback" in line for line in log_lines)
    print(f"1000 bad requests in {elapsed:.1f} s -> {len(log_lines)} log lines")
