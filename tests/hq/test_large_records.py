"""The largest records HQ accepts cannot stop anyone's sync: HQ refuses larger ones at push,
pull pages are bounded in bytes, and a laptop pushes big records in batches under HQ's
request limit. Real HQ over mutual TLS, real vaults, SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import time
import uuid
from pathlib import Path
from typing import ClassVar

import pytest
from hq_harness import HQ, new_worker
from sqlalchemy import select
from test_push_pull import conference, records_of_case

from safeconf.domain import codec
from safeconf.domain.auditchain import canonical_json
from safeconf.domain.limits import MAX_NOTE_CHARS, MAX_RECORD_BYTES, PULL_PAGE_BYTES
from safeconf.domain.records import Note, NoteRevision, NoteSection
from safeconf.hq import schema
from safeconf.hq.db import head_change_seq
from safeconf.sync import HQClient, OutboxItem, RequestRejected
from safeconf.sync.engine import SyncEngine, enroll_vault
from safeconf.vault import revision_rows
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE


def revision_of_size(note: Note, size: int, number: int = 1) -> NoteRevision:
    """A revision of `note` whose canonical JSON is exactly `size` bytes, in fewer characters
    than a note may hold: vertical tabs, which a pasted document may carry, are six bytes
    each as JSON (\\u000b)."""
    rev = NoteRevision(case_id=note.case_id, note_id=note.id, revision=number, body="")
    room = size - len(canonical_json(codec.to_dict(rev)))
    rev = dataclasses.replace(rev, body="\x0b" * (room // 6) + "x" * (room % 6))
    assert len(canonical_json(codec.to_dict(rev))) == size
    assert len(rev.body) <= MAX_NOTE_CHARS
    return rev


def test_hq_refuses_a_record_over_the_size_limit_naming_it_and_stores_nothing(
    shared_hq: HQ,
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    _, client = shared_hq.device(worker)
    conf = conference(case_id)
    shared_hq.seat(worker, conf)
    seated = records_of_case(shared_hq, case_id)
    note = Note(case_id=case_id, conference_id=conf.id, section=NoteSection.GENERAL)
    too_big = revision_of_size(note, MAX_RECORD_BYTES + 1)
    with pytest.raises(RequestRejected) as refused:
        client.push(str(uuid.uuid4()), [OutboxItem.of(1, conf), OutboxItem.of(2, note),
                                        OutboxItem.of(3, too_big)])
    assert refused.value.code == "invalid_record" and refused.value.status == 400
    assert too_big.id in str(refused.value)
    assert records_of_case(shared_hq, case_id) == seated

    at_limit = revision_of_size(note, MAX_RECORD_BYTES)
    result = client.push(str(uuid.uuid4()), [OutboxItem.of(1, conf), OutboxItem.of(2, note),
                                             OutboxItem.of(3, at_limit)])
    assert result.acked_seq == 3 and result.conflicts == ()


class CountingClient(HQClient):
    """Counts the pull pages a laptop fetched and the record bytes they carried."""

    pages: ClassVar[list[int]] = []

    def pull(self, cursor: int = 0, limit: int = 500):  # type: ignore[no-untyped-def]
        page = super().pull(cursor, limit)
        CountingClient.pages.append(sum(len(canonical_json(i.data)) for i in page.items))
        return page


def counting(credentials):  # type: ignore[no-untyped-def]
    return CountingClient(credentials.sync_url, credentials.ca_pem, credentials.cert_pem,
                          credentials.key_pem)


@pytest.mark.slow
def test_every_laptop_syncs_fully_after_a_co_assigned_device_pushed_max_size_records(
    make_hq, keyring_store, fast_kdf, tmp_path: Path,
) -> None:
    hq = make_hq()
    hq.serve()
    alvarez, chen = new_worker(), new_worker()
    case_id = hq.add_case(alvarez, chen)

    def laptop(worker: str, name: str) -> Vault:
        vault = Vault.create(tmp_path / name, PASSPHRASE, keyring_store, kdf=fast_kdf,
                             user=worker)
        enroll_vault(vault, hq.code(worker).uri)
        return vault

    # Chen's raw device pushes 20 records of exactly the largest size HQ accepts, six to a
    # request (HQ takes at most 8 MiB per request): 20 MiB, five pull pages' worth.
    _, device = hq.device(chen)
    conf = conference(case_id)
    hq.seat(chen, conf)
    note = Note(case_id=case_id, conference_id=conf.id, section=NoteSection.GENERAL)
    big = [revision_of_size(note, MAX_RECORD_BYTES, n + 1) for n in range(20)]
    items = [OutboxItem.of(1, conf), OutboxItem.of(2, note)] + [
        OutboxItem.of(n + 3, r) for n, r in enumerate(big)]
    for start in range(0, len(items), 6):
        assert device.push(str(uuid.uuid4()), items[start:start + 6]).conflicts == ()
    # Chen's laptop writes the longest notes a caseworker can, in four-byte characters:
    # note and revision are ~800 KB each, so its outbox needs more than one push.
    chen_laptop = laptop(chen, "chen")
    SyncEngine(chen_laptop, keyring_store).run()
    for n in range(5):
        chen_laptop.notes.add(Note(case_id=case_id, conference_id=conf.id,
                                   section=NoteSection.GENERAL,
                                   body=chr(0x1F600 + n) * MAX_NOTE_CHARS, author=chen))
    assert SyncEngine(chen_laptop, keyring_store).run().pushed == 10
    assert chen_laptop.sync.pending_count() == 0

    for name, worker in (("alvarez", alvarez), ("chen-2", chen)):
        vault = laptop(worker, name)
        CountingClient.pages = []
        started = time.monotonic()
        SyncEngine(vault, keyring_store, client_factory=counting).run()
        elapsed = time.monotonic() - started
        with hq.db.read() as conn:
            head = head_change_seq(conn)
            held = set(conn.execute(select(schema.records.c.id)
                                    .where(schema.records.c.case_id == case_id)).scalars())
        assert vault.sync.cursor == head
        assert {r[0] for r in vault.store.rows(
            "SELECT id FROM records WHERE case_id = ? UNION ALL"
            " SELECT json_extract(data, '$.id') FROM note_revision_records WHERE case_id = ?",
            (case_id, revision_rows.key(case_id)))} == held
        pages = CountingClient.pages
        assert all(size <= PULL_PAGE_BYTES for size in pages)
        assert len(pages) >= sum(pages) // PULL_PAGE_BYTES + 1
        print(f"\n{hq.database_url.split(':')[0]} {name}: {len(held)} records, "
              f"{sum(pages):,} bytes in {len(pages)} pages "
              f"(largest {max(pages):,}) in {elapsed:.1f} s")
        vault.close()
    chen_laptop.close()
