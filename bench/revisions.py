"""Note revisions: what every save costs on disk and on the wire, against a full copy per save
measured in the same run, through the vault's own repositories and a real HQ over mutual TLS.

    .venv/bin/python bench/revisions.py [--saves 200] [--edits 500]

Two notes are replayed, each on a fresh vault:
  * one hour of typing: a 3,000-word note written a sentence at a time, saved at each one;
  * a 50,000-character note edited in place 500 times (a few words changed each time).
Each runs twice: as safeconf saves now (a revision is a delta, a copy every SNAPSHOT_EVERY;
a note saved again before a sync is sent once; one audit event per save; compressed bodies
when the HQ speaks it), and as a save was before (a full copy of the note in the revision and
in the outbox, two audit events, uncompressed) — the baseline.

Goals (issue #12), per KiB of the note's final text: data-directory growth <= 3x, bytes sent
to HQ <= 2x; save latency <= 1.2x the full-copy save; reading any revision <= 5 ms. Then the
baseline vault is compacted as an upgraded vault is, and every revision of it must rebuild.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hq"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from hq_harness import HQ  # noqa: E402
from keyring.backends import fail  # noqa: E402

from safeconf.domain.records import (  # noqa: E402
    Conference,
    Note,
    NoteRevision,
    NoteSection,
)
from safeconf.sync import HQClient  # noqa: E402
from safeconf.sync.engine import SyncEngine, enroll_vault  # noqa: E402
from safeconf.vault import revision_history  # noqa: E402
from safeconf.vault.compaction import compact_legacy_revisions  # noqa: E402
from safeconf.vault.device_secret import SystemKeyring  # noqa: E402
from safeconf.vault.keys import KdfParams  # noqa: E402
from safeconf.vault.vault import Vault  # noqa: E402
from vault import sentence  # noqa: E402

PASSPHRASE = "benchmark passphrase"
KEYRING = SystemKeyring(fail.Keyring())
GOALS = {"disk": 3.0, "wire": 2.0, "save": 1.2, "read_ms": 5.0}


def one_hour(rng: random.Random, saves: int) -> list[str]:
    """A note typed a sentence at a time: the text at each save (3,000 words at 200)."""
    texts, body = [], ""
    for _ in range(saves):
        body = f"{body} {sentence(rng, 15)}".strip()
        texts.append(body)
    return texts


def edited_in_place(rng: random.Random, edits: int, size: int = 50_000) -> list[str]:
    """A long note, then `edits` saves each changing a few words somewhere in it."""
    text = ""
    while len(text) < size:
        text = f"{text} {sentence(rng, 15)}".strip()
    texts = [text[:size]]
    for _ in range(edits):
        body = texts[-1]
        at = rng.randrange(len(body) - 60)
        words = sentence(rng, rng.randint(2, 5))[:-1]
        texts.append(body[:at] + words + body[at + rng.randint(5, 40):])
    return texts


def dir_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def full_copy_save(vault: Vault, note: Note, body: str, author: str) -> Note:
    """A save as it was before deltas: the note with its whole text, a revision holding the
    whole text again, each audited, and each queued with its own copy in the outbox."""
    store = vault.store
    with store.transaction():
        stored = store.update(replace(note, body=body, author=author))
        number = revision_history.count(store.db, note.id) + 1
        revision = store.add(NoteRevision(case_id=note.case_id, note_id=note.id,
                                          revision=number, body=body, author=author))
        store.db.execute("UPDATE outbox SET data = (SELECT data FROM records WHERE id = ?)"
                         " WHERE record_id = ?", (revision.id, revision.id))
    return stored


class CountingClient(HQClient):
    """HQ's client, counting the bytes of every request it sends (body and header lines)."""

    sent: ClassVar[dict[str, int]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._http.event_hooks["request"].append(self._count)

    @classmethod
    def _count(cls, request: Any) -> None:
        head = sum(len(k) + len(v) + 4 for k, v in request.headers.raw)
        path = request.url.path
        cls.sent[path] = cls.sent.get(path, 0) + head + len(request.content)


def counting(credentials: Any) -> HQClient:
    return CountingClient(credentials.sync_url, credentials.ca_pem, credentials.cert_pem,
                          credentials.key_pem)


@dataclass
class Replay:
    label: str
    final_bytes: int
    disk_before_sync: int
    disk_after_sync: int
    wire: int
    save_ms: list[float]
    read_ms: list[float]
    revisions: int
    folder: Path


def replay(hq: HQ, folder: Path, texts: list[str], save: Callable[..., Note],
           label: str) -> Replay:
    worker = f"bench-{folder.name}"
    case_id = hq.add_case(worker)
    conf = Conference(case_id=case_id, scheduled_start="2026-11-25T09:00:00+00:00")
    hq.seat(worker, conf)
    vault = Vault.create(folder, PASSPHRASE, KEYRING,
                         kdf=KdfParams(iterations=1, memory_kib=8192, lanes=1), user=worker)
    enroll_vault(vault, hq.code(worker).uri)
    SyncEngine(vault, KEYRING).run()
    note = vault.notes.add(Note(case_id=case_id, conference_id=conf.id,
                                section=NoteSection.GENERAL))
    SyncEngine(vault, KEYRING).run()
    vault.close()
    start_bytes = dir_bytes(folder)

    vault = Vault.open(folder, PASSPHRASE, KEYRING)
    note = vault.notes.get(note.id)
    save_ms = []
    for text in texts:
        began = time.perf_counter()
        note = save(vault, note, text, worker)
        save_ms.append((time.perf_counter() - began) * 1000)
    vault.close()
    before_sync = dir_bytes(folder) - start_bytes

    vault = Vault.open(folder, PASSPHRASE, KEYRING)
    CountingClient.sent = {}
    report = SyncEngine(vault, KEYRING, client_factory=counting).run()
    assert report.push_conflicts == 0, report
    wire = CountingClient.sent.get("/v1/push", 0)
    read_ms = []
    stored = vault.notes.stored_revisions(note.id)
    for rev, text in zip(stored, texts, strict=True):
        tries = []
        for _ in range(3):  # the middle of three, so one hiccup of the machine is not it
            vault.store.revision_texts.forget()  # each read from the vault, none remembered
            began = time.perf_counter()
            got = vault.notes.revision_text(rev.id)
            tries.append((time.perf_counter() - began) * 1000)
            assert got == text, f"revision {rev.revision} does not rebuild"
        read_ms.append(statistics.median(tries))
    vault.close()
    after_sync = dir_bytes(folder) - start_bytes
    return Replay(label, len(texts[-1].encode()), before_sync, after_sync, wire, save_ms,
                  read_ms, len(stored), folder)


def migrate(old: Replay, texts: list[str]) -> tuple[int, int, bool]:
    """Compact the baseline vault as an upgraded one is; (bytes before, after, sound)."""
    before = dir_bytes(old.folder)
    vault = Vault.open(old.folder, PASSPHRASE, KEYRING)
    vault.store.db.execute("DELETE FROM meta WHERE key = 'revisions_compacted'")
    compact_legacy_revisions(vault.store.db)
    notes = {r.note_id for r in vault.store.all(NoteRevision)}
    rebuilt = [r.body for n in notes for r in vault.notes.revisions(n)]
    sound = all(r.ok for r in vault.check()) and rebuilt == texts
    vault.close()
    return before, dir_bytes(old.folder), sound


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def report(name: str, new: Replay, old: Replay, migrated: tuple[int, int, bool]) -> bool:
    kib = new.final_bytes
    disk = new.disk_before_sync / kib
    wire = new.wire / kib
    save = statistics.mean(new.save_ms) / statistics.mean(old.save_ms)
    read = max(new.read_ms)
    print(f"\n{name}: {new.revisions} saves, final text {kib / 1024:.1f} KiB")
    print(f"  {'':34} {'now':>12} {'full copies':>12} {'goal':>10}")
    print(f"  {'disk growth, offline (x text)':34} {disk:12.2f} "
          f"{old.disk_before_sync / kib:12.2f} {'<= 3':>10}  {verdict(disk <= GOALS['disk'])}")
    print(f"  {'disk growth after sync (x text)':34} {new.disk_after_sync / kib:12.2f} "
          f"{old.disk_after_sync / kib:12.2f}")
    print(f"  {'bytes sent to HQ (x text)':34} {wire:12.2f} {old.wire / kib:12.2f} "
          f"{'<= 2':>10}  {verdict(wire <= GOALS['wire'])}")
    print(f"  {'save, mean ms':34} {statistics.mean(new.save_ms):12.2f} "
          f"{statistics.mean(old.save_ms):12.2f} {'<= 1.2x':>10}  "
          f"{verdict(save <= GOALS['save'])} ({save:.2f}x)")
    print(f"  {'save, p95 ms':34} {p95(new.save_ms):12.2f} {p95(old.save_ms):12.2f}")
    print(f"  {'read any revision, max ms':34} {read:12.2f} {max(old.read_ms):12.2f} "
          f"{'<= 5':>10}  {verdict(read <= GOALS['read_ms'])}")
    print(f"  {'read any revision, p95 ms':34} {p95(new.read_ms):12.2f} "
          f"{p95(old.read_ms):12.2f}")
    before, after, sound = migrated
    print(f"  the full-copy vault compacted as on upgrade: {before / 1024:.0f} KiB -> "
          f"{after / 1024:.0f} KiB, every revision rebuilt: {'yes' if sound else 'NO'}")
    return (disk <= GOALS["disk"] and wire <= GOALS["wire"] and save <= GOALS["save"]
            and read <= GOALS["read_ms"] and sound)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--edits", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(12)
    scenarios = [("one hour of typing", one_hour(rng, args.saves)),
                 ("50,000 characters edited in place", edited_in_place(rng, args.edits))]
    ok = True
    with tempfile.TemporaryDirectory(prefix="safeconf-bench-") as tmp:
        hq = HQ.create(Path(tmp) / "hq", None)
        hq.serve()
        try:
            for index, (name, texts) in enumerate(scenarios):
                new = replay(hq, Path(tmp) / f"new{index}", texts,
                             lambda v, n, t, a: v.notes.save_body(n, t, a), "now")
                old = replay(hq, Path(tmp) / f"old{index}", texts, full_copy_save, "copies")
                ok &= report(name, new, old, migrate(old, texts))
        finally:
            hq.close()
    print("\nall goals met" if ok else "\nsome goals NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
