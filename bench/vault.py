"""Vault speed: note saves through the repository against the same rows through plain
sqlite3 in the same run, and full-text search over many notes.

    .venv/bin/python bench/vault.py [--saves 1000] [--notes 100000]

Goals (issue #2): saves <= 2x plain sqlite3; search p95 <= 20 ms at 100k notes.
Runs without a keyring (passphrase only): the keyring is touched once per unlock, never
per save, so it does not change these numbers.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from keyring.backends import fail

from safeconf.domain import codec
from safeconf.domain.auditchain import GENESIS_HASH, event_hash
from safeconf.domain.ids import new_id, utc_now
from safeconf.domain.records import Case, Conference, Note, NoteRevision, NoteSection
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from safeconf.vault.migrations import MIGRATIONS
from safeconf.vault.records import add_all
from safeconf.vault.vault import Vault

DOMAIN_WORDS = """
family safety plan grandmother school nurse visit weekend respite housing counselor
attendance medication transport court hearing relative placement sibling therapy
strengths concerns bedtime routine pediatrician daycare employment budget neighbor
""".split()
FILLER = "the and to of a in is was for with that on at by".split()


def vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    """Domain words plus pseudo-words: a vocabulary the size of real case notes."""
    letters = "abcdefghiklmnoprstuvw"
    made = {"".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(size)}
    return DOMAIN_WORDS + sorted(made)


WORDS = vocabulary(random.Random(1))
# Zipf-like: a few words are in most notes, most words are rare, as in real text.
WEIGHTS = [1 / (rank + 1) for rank in range(len(WORDS))]
PASSPHRASE = "benchmark passphrase"


def sentence(rng: random.Random, words: int = 40) -> str:
    picked = rng.choices(WORDS, WEIGHTS, k=words)
    return " ".join(w if i % 3 else f"{w} {rng.choice(FILLER)}" for i, w in enumerate(picked)
                    ).capitalize() + "."


def open_vault(folder: Path) -> Vault:
    return Vault.create(folder, PASSPHRASE, SystemKeyring(fail.Keyring()),
                        kdf=KdfParams(iterations=1, memory_kib=8192, lanes=1), user="bench")


def seed_conference(vault: Vault) -> Note:
    case = vault.cases.add(Case(case_number="B-1", family_name="Bench"))
    conf = vault.conferences.add(Conference(case_id=case.id, scheduled_start=utc_now()))
    return vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                                section=NoteSection.GENERAL))


def vault_saves(folder: Path, bodies: list[str]) -> float:
    vault = open_vault(folder)
    note = seed_conference(vault)
    start = time.perf_counter()
    for body in bodies:
        note = vault.notes.save_body(note, body, author="bench")
    elapsed = time.perf_counter() - start
    vault.close()
    return elapsed


def plain_saves(folder: Path, bodies: list[str]) -> float:
    """The same rows (note update, revision, audit event with its hash, search index, outbox)
    in the same schema, through the standard library's unencrypted sqlite3."""
    db = sqlite3.connect(folder / "plain.db", isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "temp_store = MEMORY",
                   "secure_delete = ON", "cache_size = -65536"):
        db.execute(f"PRAGMA {pragma}")
    db.executescript(MIGRATIONS[0])
    note = Note(case_id=new_id(), conference_id=new_id(), section=NoteSection.GENERAL)
    rowid = db.execute(
        "INSERT INTO records VALUES (?, 'note', ?, ?, ?, 1, 0, ?, ?)",
        (note.id, note.case_id, note.conference_id, note.created_at, note.updated_at,
         json.dumps(codec.to_dict(note))),
    ).lastrowid
    prev, seq = GENESIS_HASH, 0
    start = time.perf_counter()
    for n, body in enumerate(bodies, start=1):
        db.execute("BEGIN IMMEDIATE")
        note = Note(**{**note.__dict__, "body": body, "version": n + 1, "updated_at": utc_now()})
        db.execute("UPDATE records SET version = ?, updated_at = ?, data = ? WHERE rowid = ?",
                   (note.version, note.updated_at, json.dumps(codec.to_dict(note)), rowid))
        db.execute("DELETE FROM search_index WHERE rowid = ?", (rowid,))
        db.execute("INSERT INTO search_index (rowid, text, record_type, case_id, conference_id)"
                   " VALUES (?, ?, 'note', ?, ?)", (rowid, body, note.case_id, note.conference_id))
        revision = NoteRevision(case_id=note.case_id, note_id=note.id, revision=n, body=body)
        db.execute("INSERT INTO records VALUES (?, 'note_revision', ?, ?, ?, 1, 0, ?, ?)",
                   (revision.id, revision.case_id, note.id, f"{n:09d}", revision.updated_at,
                    json.dumps(codec.to_dict(revision))))
        for record_type, record_id in (("note", note.id), ("note_revision", revision.id)):
            seq += 1
            body_ = {"seq": seq, "id": new_id(), "at": utc_now(), "actor": "bench",
                     "action": "update", "record_type": record_type, "record_id": record_id,
                     "case_id": note.case_id, "device": "bench", "prev_hash": prev}
            prev = event_hash(body_)
            db.execute("INSERT INTO audit_events VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                       (*body_.values(), prev))
            db.execute("INSERT INTO outbox (record_type, record_id, version, queued_at)"
                       " VALUES (?, ?, 1, ?)", (record_type, record_id, utc_now()))
        db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def search_latencies(
    folder: Path, notes: int, queries: int, rng: random.Random
) -> tuple[list[float], list[float]]:
    vault = open_vault(folder)
    case = vault.cases.add(Case(case_number="S-1", family_name="Search"))
    conf = vault.conferences.add(Conference(case_id=case.id, scheduled_start=utc_now()))
    sections = list(NoteSection)
    add_all(vault.store, (
        Note(case_id=case.id, conference_id=conf.id, section=sections[n % len(sections)],
             body=sentence(rng))
        for n in range(notes)
    ))
    # What people type: one or two words, often a domain word, the last one half-typed.
    terms = [" ".join(rng.choices(WORDS[:400], k=2)) for _ in range(queries)]
    terms += [rng.choice(DOMAIN_WORDS)[:4] for _ in range(queries // 4)]
    latencies = []
    for term in terms:
        start = time.perf_counter()
        vault.search(term)
        latencies.append((time.perf_counter() - start) * 1000)
    # Worst case: the commonest word, in nearly every note.
    worst = []
    for _ in range(20):
        start = time.perf_counter()
        vault.search(WORDS[0])
        worst.append((time.perf_counter() - start) * 1000)
    vault.close()
    return latencies, worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=1000)
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    bodies = [sentence(rng, 120) for _ in range(args.saves)]
    with tempfile.TemporaryDirectory() as tmp:
        plain = plain_saves(Path(tmp), bodies)
        vault = vault_saves(Path(tmp) / "vault", bodies)
        build_start = time.perf_counter()
        latencies, worst = search_latencies(Path(tmp) / "search", args.notes, args.queries, rng)
        build = time.perf_counter() - build_start
    p50 = statistics.median(latencies)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    per_save = 1000 / args.saves
    rows = [
        ("note saves, plain sqlite3 (baseline)", f"{args.saves}",
         f"{plain * per_save:.2f} ms/save", "1.00x"),
        ("note saves, safeconf vault", f"{args.saves}",
         f"{vault * per_save:.2f} ms/save", f"{vault / plain:.2f}x"),
        (f"search over {args.notes:,} notes, p50", f"{len(latencies)}", f"{p50:.2f} ms", ""),
        (f"search over {args.notes:,} notes, p95", f"{len(latencies)}", f"{p95:.2f} ms", ""),
        ("search for a word in nearly every note, p95", f"{len(worst)}",
         f"{statistics.quantiles(worst, n=20)[-1]:.2f} ms", ""),
        (f"(building {args.notes:,} notes, one transaction)", "", f"{build:.1f} s total", ""),
    ]
    print(f"{'measure':<46} {'n':>6} {'time':>18} {'ratio':>7}")
    for name, n, value, ratio in rows:
        print(f"{name:<46} {n:>6} {value:>18} {ratio:>7}")
    ok = vault / plain <= 2.0 and p95 <= 20.0
    print(f"\ngoals: saves <= 2.00x plain -> {vault / plain:.2f}x; search p95 <= 20 ms -> "
          f"{p95:.2f} ms: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
