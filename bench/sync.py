"""Sync throughput through the real mutual-TLS HQ server, on SQLite and PostgreSQL.

    .venv/bin/python bench/sync.py [--records 10000] [--devices 50] [--backend sqlite ...]

For each backend: push N records in batches, pull them on a second device, and insert the same
number of records straight into the HQ store (`push.apply_push` with already-checked items:
no HTTP, TLS, JSON or validation) — the ratio is what the protocol costs. Then D devices sync
at once (threads, one HQClient each). PostgreSQL comes from $SAFECONF_BENCH_POSTGRES_URL or a
throwaway cluster (fsync on), as in the tests.

Bodies travel zstd-compressed (as a laptop sends them); the same push and pull is then made
by plain clients (`compress=False`), and the bytes on the wire (request and answer bodies as
sent) of the two are compared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hq"))

from hq_harness import HQ, recording_events  # noqa: E402
from hq_pgcluster import ClusterUnavailable, create_database, start_cluster  # noqa: E402

sys.path.insert(0, str(ROOT))
from tests.support.rooms import seated  # noqa: E402

from safeconf.domain.records import (  # noqa: E402
    Conference,
    ConferenceState,
    Note,
    NoteRevision,
    NoteSection,
    RecordMeta,
)
from safeconf.hq.pki import devices  # noqa: E402
from safeconf.hq.pki.ca import cert_pem  # noqa: E402
from safeconf.hq.sync import pushparse  # noqa: E402
from safeconf.hq.sync.push import apply_push  # noqa: E402
from safeconf.sync import HQClient, OutboxItem  # noqa: E402

BATCH = 500
BODY = ("The family agreed that the grandmother supervises every visit; the caseworker "
        "checks in weekly. ") * 3  # ~300 characters, a typical note revision


@dataclass
class Row:
    backend: str
    what: str
    records: int
    seconds: float
    note: str = ""

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0


def revisions(case_id: str, count: int) -> list[RecordMeta]:
    """A conference, someone checked in with their acknowledgment, a note in it and the
    note's revisions: `count` records that HQ's rules accept as a laptop would send them
    (an open gate: the one person present has acknowledged)."""
    conf = Conference(case_id=case_id, scheduled_start="2026-03-01T10:00:00+00:00",
                      state=ConferenceState.IN_SESSION)
    person, ack = seated(conf)
    note = Note(case_id=case_id, conference_id=conf.id, section=NoteSection.GENERAL,
                body=BODY, author="bench")
    return [conf, person, ack, note, *(
        NoteRevision(case_id=case_id, note_id=note.id, revision=i + 1, body=BODY,
                     author="bench") for i in range(count - 4))]


def push_all(client: HQClient, records: list[RecordMeta], batch: int = BATCH) -> list[float]:
    latencies = []
    for start in range(0, len(records), batch):
        chunk = records[start:start + batch]
        items = [OutboxItem.of(start + i + 1, r) for i, r in enumerate(chunk)]
        began = time.perf_counter()
        result = client.push(str(uuid.uuid4()), items)
        latencies.append(time.perf_counter() - began)
        assert result.acked_seq == start + len(items) and not result.conflicts
    return latencies


def pull_all(client: HQClient, limit: int = 1000) -> int:
    cursor, count = 0, 0
    while True:
        page = client.pull(cursor, limit)
        count += len(page.items)
        cursor = page.cursor
        if not page.more:
            return count


@dataclass
class WireBytes:
    backend: str
    records: int
    compressed: int
    plain: int


def wire_bytes(*clients: HQClient) -> int:
    """Request and answer bodies as they crossed the wire."""
    return sum(c.wire.sent + c.wire.received for c in clients)


def plain_exchange(hq: HQ, records: int) -> int:
    """The bytes the main push and pull take without compression (another worker's case)."""
    worker = "bench-plain"
    case_id = hq.add_case(worker)
    pusher = hq.client(hq.enroll(worker), compress=False)
    puller = hq.client(hq.enroll(worker), compress=False)
    push_all(pusher, revisions(case_id, records))
    assert pull_all(puller) == records + 1
    return wire_bytes(pusher, puller)


def direct_insert(hq: HQ, worker: str, case_id: str, count: int) -> float:
    """The same work minus the protocol: checked items straight into `apply_push`."""
    enrolled = hq.enroll(worker)
    with hq.db.read() as conn:
        device = devices.by_id(conn, enrolled.device_id)
    assert device is not None
    records = revisions(case_id, count)
    batches = []
    prev = "0" * 64
    for start in range(0, count, BATCH):
        items = [OutboxItem.of(start + i + 1, r)
                 for i, r in enumerate(records[start:start + BATCH])]
        # HQ refuses a change without the audit event that records it, as a laptop sends.
        audit = recording_events(enrolled.device_id, items, start, prev)
        prev = audit[-1]["hash"]
        body = {"protocol": 1, "batch_id": str(uuid.uuid4()), "audit": audit,
                "items": [i.wire() for i in items]}
        batches.append(pushparse.parse_push(body))
    ca_pem = cert_pem(hq.data.load_ca().cert)
    began = time.perf_counter()
    for batch in batches:
        apply_push(hq.db, device, batch, ca_pem=ca_pem)
    return time.perf_counter() - began


def many_devices(hq: HQ, devices_count: int, per_device: int) -> tuple[float, list[float]]:
    setups = []
    for _ in range(devices_count):
        worker = f"bench-{uuid.uuid4().hex[:8]}"
        case_id = hq.add_case(worker)
        enrolled = hq.enroll(worker)
        setups.append((hq.client(enrolled), revisions(case_id, per_device)))

    def sync(setup: tuple[HQClient, list[RecordMeta]]) -> list[float]:
        client, records = setup
        latencies = push_all(client, records, batch=100)
        began = time.perf_counter()
        assert pull_all(client) == per_device + 1
        return [*latencies, time.perf_counter() - began]

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=devices_count) as pool:
        results = list(pool.map(sync, setups))
    return time.perf_counter() - began, [x for r in results for x in r]


def run_backend(backend: str, database_url: str | None, records: int, devices_count: int,
                per_device: int) -> tuple[list[Row], WireBytes]:
    with tempfile.TemporaryDirectory(prefix="safeconf-bench-") as tmp:
        hq = HQ.create(Path(tmp) / "hq", database_url)
        hq.serve()
        try:
            worker = "bench-main"
            case_id = hq.add_case(worker)
            pusher = hq.client(hq.enroll(worker))
            puller = hq.client(hq.enroll(worker))
            data = revisions(case_id, records)
            began = time.perf_counter()
            latencies = push_all(pusher, data)
            push_s = time.perf_counter() - began
            began = time.perf_counter()
            pulled = pull_all(puller)
            pull_s = time.perf_counter() - began
            assert pulled == records + 1
            wire = WireBytes(backend, records, wire_bytes(pusher, puller),
                             plain_exchange(hq, records))
            direct_s = direct_insert(hq, worker, hq.add_case(worker), records)
            wall, all_latencies = many_devices(hq, devices_count, per_device)
        finally:
            hq.close()
    p50 = statistics.median(latencies) * 1000
    many_p50 = statistics.median(all_latencies) * 1000
    many_p95 = statistics.quantiles(all_latencies, n=20)[-1] * 1000
    return [
        Row(backend, f"push {records} (batches of {BATCH})", records, push_s,
            f"p50 {p50:.0f} ms/batch"),
        Row(backend, f"pull {records} (pages of 1000)", pulled, pull_s),
        Row(backend, "direct insert into the store", records, direct_s),
        Row(backend, f"{devices_count} devices at once, push+pull",
            devices_count * per_device * 2, wall,
            f"p50 {many_p50:.0f} ms, p95 {many_p95:.0f} ms per request"),
    ], wire


def print_table(rows: list[Row]) -> None:
    header = ("backend", "what", "records", "seconds", "records/s", "vs direct", "")
    lines = [header]
    direct = {r.backend: r.rate for r in rows if r.what.startswith("direct")}
    for row in rows:
        ratio = (f"{row.rate / direct[row.backend]:.0%}"
                 if row.what.startswith("push") and direct.get(row.backend) else "")
        lines.append((row.backend, row.what, str(row.records), f"{row.seconds:.2f}",
                      f"{row.rate:,.0f}", ratio, row.note))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for i, line in enumerate(lines):
        print("  ".join(cell.ljust(widths[j]) for j, cell in enumerate(line)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--per-device", type=int, default=200)
    parser.add_argument("--backend", action="append", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    rows: list[Row] = []
    wires: list[WireBytes] = []
    for backend in args.backend or ["sqlite", "postgresql"]:
        url: str | None = None
        cluster = None
        if backend == "postgresql":
            admin = os.environ.get("SAFECONF_BENCH_POSTGRES_URL")
            if not admin:
                try:
                    cluster = start_cluster(fast=False)
                except ClusterUnavailable as exc:
                    print(f"postgresql skipped: {exc}", file=sys.stderr)
                    continue
                admin = cluster.url
            url = create_database(admin, f"bench_{uuid.uuid4().hex[:8]}")
        try:
            backend_rows, wire = run_backend(backend, url, args.records, args.devices,
                                             args.per_device)
            rows.extend(backend_rows)
            wires.append(wire)
        finally:
            if cluster is not None:
                cluster.stop()
    print_table(rows)
    for wire in wires:
        print(f"{wire.backend}: bytes on the wire (request + answer bodies as sent), push and "
              f"pull of {wire.records} records: {wire.compressed / 1e6:.2f} MB with zstd, "
              f"{wire.plain / 1e6:.2f} MB plain ({wire.plain / wire.compressed:.1f}x fewer)")
    goal = [r for r in rows if r.what.startswith("push")]
    for row in goal:
        direct = next(r for r in rows if r.backend == row.backend and r.what.startswith("direct"))
        ok = row.seconds < 5 and row.rate >= 0.25 * direct.rate
        print(f"{row.backend}: full push {row.seconds:.2f} s (goal < 5 s), "
              f"{row.rate / direct.rate:.0%} of direct (goal >= 25%): {'met' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
