"""A laptop that went back in time (restored from a backup or a VM snapshot) re-uses outbox
and audit numbers HQ already holds. HQ compares content for every seq sent again and answers
409 `rebase` with nothing stored; after a proven rebase the audit chain shows "restored",
while history rewritten without one still fails. Raw requests over mutual TLS."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from hq_harness import HQ, new_worker
from sqlalchemy import select
from test_hostile_input import audit_chain
from test_push_pull import conference, note, records_of_case

from safeconf.domain.records import Attendee, Conference, Role
from safeconf.hq import schema
from safeconf.sync import OutboxItem, RebaseRequired, RequestRejected
from safeconf.sync.engine import SyncEngine, enroll_vault
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE


def _chain(hq: HQ, device_id: str) -> tuple[str, int | None]:
    with hq.db.read() as conn:
        row = conn.execute(select(schema.devices.c.chain_status,
                                  schema.devices.c.chain_broken_seq)
                           .where(schema.devices.c.device_id == device_id)).one()
    return row.chain_status, row.chain_broken_seq


def _hashes(hq: HQ, device_id: str) -> list[tuple[int, str]]:
    ae = schema.audit_events
    with hq.db.read() as conn:
        return [tuple(r) for r in conn.execute(select(ae.c.seq, ae.c.hash).where(
            ae.c.device_id == device_id).order_by(ae.c.seq)).all()]  # type: ignore[misc]


def _listing_line(hq: HQ, device_id: str) -> str:
    return next(line for line in hq.cli("devices").stdout.splitlines() if device_id in line)


def test_a_resent_seq_with_other_content_asks_for_a_rebase_and_stores_nothing(
    shared_hq: HQ,
) -> None:
    worker = new_worker()
    case_id = shared_hq.add_case(worker)
    enrolled, client = shared_hq.device(worker)
    conf = conference(case_id)
    first = note(case_id, conf.id)
    # The harness's client sends the audit events recording the changes, as a laptop does.
    client.push(str(uuid.uuid4()), [OutboxItem.of(1, conf), OutboxItem.of(2, first)])
    records_before = shared_hq.count(schema.records)
    # The same seq with the same content under a new batch id: a retry, as always.
    again = client.push(str(uuid.uuid4()), [OutboxItem.of(2, first)])
    assert (again.acked_seq, again.conflicts) == (2, ())
    with shared_hq.db.read() as conn:
        audited = conn.execute(select(schema.device_seq.c.audit_seq,
                                      schema.device_seq.c.audit_hash).where(
            schema.device_seq.c.device_id == enrolled.device_id)).one()
    other = note(case_id, conf.id, "Written after the vault was restored.")
    for items in ([OutboxItem.of(2, other)],  # seq 2 held with other content
                  [OutboxItem.of(1, conf)]):  # a new batch that ends below HQ's count
        with pytest.raises(RebaseRequired) as refused:
            client.push(str(uuid.uuid4()), items)
        assert (refused.value.acked_seq, refused.value.audit_acked_seq,
                refused.value.audit_hash) == (2, *audited)
    assert shared_hq.count(schema.records) == records_before
    assert _chain(shared_hq, enrolled.device_id) == ("ok", None)


def test_a_proven_rebase_continues_the_chain_as_restored_and_a_rewrite_without_one_fails(
    shared_hq: HQ,
) -> None:
    worker = new_worker()
    enrolled, client = shared_hq.device(worker)
    device_id = enrolled.device_id
    events = audit_chain(device_id, 4)
    client.push(str(uuid.uuid4()), [], events)
    held = _hashes(shared_hq, device_id)
    # The laptop went back to event 2 and wrote three new ones from there.
    after_restore = audit_chain(device_id, 3, start=3, prev=events[1]["hash"])

    with pytest.raises(RebaseRequired):  # other events under seqs HQ holds
        client.push(str(uuid.uuid4()), [], after_restore)
    with pytest.raises(RequestRejected) as refused:  # a fork point it cannot prove
        client.push(str(uuid.uuid4()), [], after_restore, rebase=(2, "0" * 64))
    assert refused.value.code == "invalid_rebase"
    assert _hashes(shared_hq, device_id) == held
    assert _chain(shared_hq, device_id) == ("ok", None)

    result = client.push(str(uuid.uuid4()), [], after_restore, rebase=(2, events[1]["hash"]))
    assert result.audit_acked_seq == 5  # in the laptop's own numbering
    stored = _hashes(shared_hq, device_id)
    assert stored[:4] == held  # what HQ held stays as it was
    assert [h for _, h in stored[4:]] == [e["hash"] for e in after_restore]
    assert _chain(shared_hq, device_id) == ("restored", 2)
    assert "restored at seq 2" in _listing_line(shared_hq, device_id)

    # The laptop carries on in its own numbering; HQ files it after the continuation.
    more = audit_chain(device_id, 1, start=6, prev=after_restore[-1]["hash"])
    assert client.push(str(uuid.uuid4()), [], more).audit_acked_seq == 6
    assert _hashes(shared_hq, device_id)[-1] == (8, more[0]["hash"])
    # A continuation that does not link to what HQ holds is a rewrite: broken.
    rewritten = audit_chain(device_id, 1, start=7, prev="0" * 64)
    assert client.push(str(uuid.uuid4()), [], rewritten).audit_acked_seq == 7
    assert _chain(shared_hq, device_id) == ("broken", 9)
    assert "BROKEN at seq 9" in _listing_line(shared_hq, device_id)


def _sync(vault: Vault, keyring_store: Any) -> Any:
    return SyncEngine(vault, keyring_store).run()


def _attendees(vault: Vault, case_id: str, conf_id: str, count: int, label: str) -> list[str]:
    return [vault.attendees.add(Attendee(case_id=case_id, conference_id=conf_id,
                                         name=f"{label} {n}", role=Role.RELATIVE)).id
            for n in range(count)]


@pytest.mark.slow
@pytest.mark.parametrize("after_restore", [2, 7], ids=["fewer-edits", "more-edits"])
def test_a_vault_restored_from_a_backup_loses_no_edit_and_its_chain_shows_restored(
    make_hq, keyring_store, fast_kdf, tmp_path: Path, after_restore: int,
) -> None:
    """Fewer edits after the restore than HQ received from the lost days used to fail every
    sync (HQ acknowledged more than was sent); more edits used to be dropped silently."""
    hq = make_hq()
    hq.serve()
    worker = new_worker()
    case_id = hq.add_case(worker)
    folder, backup = tmp_path / "laptop", tmp_path / "backup"
    vault = Vault.create(folder, PASSPHRASE, keyring_store, kdf=fast_kdf, user=worker)
    device_id = enroll_vault(vault, hq.code(worker).uri).device_id
    _sync(vault, keyring_store)
    conf = vault.conferences.add(Conference(case_id=case_id,
                                            scheduled_start="2026-12-01T10:00:00+00:00"))
    early = _attendees(vault, case_id, conf.id, 1, "Before the backup")
    _sync(vault, keyring_store)
    unsent_at_backup = _attendees(vault, case_id, conf.id, 1, "Unsent at the backup")

    # The backup: the vault's files. Its device secret stays in the OS keyring under the
    # vault's id, so the restored copy opens with the same passphrase.
    vault.close()
    shutil.copytree(folder, backup)
    vault = Vault.open(folder, PASSPHRASE, keyring_store)
    lost_days = _attendees(vault, case_id, conf.id, 4, "Synced, then the disk died")
    _sync(vault, keyring_store)
    vault.close()
    shutil.rmtree(folder)
    shutil.copytree(backup, folder)

    vault = Vault.open(folder, PASSPHRASE, keyring_store)
    restored = _attendees(vault, case_id, conf.id, after_restore, "After the restore")
    report = _sync(vault, keyring_store)
    assert report.push_conflicts == 0 and vault.sync.pending_count() == 0
    for _ in range(2):  # and the runs after that
        vault.attendees.add(Attendee(case_id=case_id, conference_id=conf.id, name="Later",
                                     role=Role.CAREGIVER))
        assert _sync(vault, keyring_store).push_conflicts == 0
        assert vault.sync.pending_count() == 0

    with hq.db.read() as conn:
        at_hq = set(conn.execute(select(schema.records.c.id)
                                 .where(schema.records.c.case_id == case_id)).scalars())
    assert {conf.id, *early, *unsent_at_backup, *lost_days, *restored} <= at_hq
    assert len(at_hq) == 1 + 1 + len(early + unsent_at_backup + lost_days + restored) + 2
    # The restored laptop gets the lost days back from HQ, too.
    assert set(lost_days) <= {a.id for a in vault.attendees.for_conference(conf.id)}
    status, fork = _chain(hq, device_id)
    assert status == "restored" and fork is not None
    assert f"restored at seq {fork}" in _listing_line(hq, device_id)
    assert vault.audit.verify() is None
    vault.close()


def test_an_hq_from_before_these_tables_gains_them_with_its_audit_events_indexed(
    make_hq,
) -> None:
    hq = make_hq()
    hq.serve()
    worker = new_worker()
    case_id = hq.add_case(worker)
    enrolled, client = hq.device(worker)
    conf = OutboxItem.of(1, conference(case_id))
    # The event recording the change reaches HQ first, in a batch of its own.
    client.push(str(uuid.uuid4()), [],
                audit_chain(enrolled.device_id, 1, writes={1: conf}))
    hq.server.stop()
    with hq.db.write() as conn:  # as an HQ made before them left its database
        for table in ("audited_writes", "audit_branches", "pushed_items"):
            conn.exec_driver_sql(f"DROP TABLE {table}")
    hq.serve()  # `serve` brings the schema up to date before listening
    assert hq.count(schema.audited_writes) == 1
    fresh = hq.client(enrolled, sync_url=hq.sync_url)  # the new server's port
    # The change now comes alone: HQ finds its event among those it held before.
    assert fresh.push(str(uuid.uuid4()), [conf], audit_chain(
        enrolled.device_id, 1, start=2, prev=_hashes(hq, enrolled.device_id)[-1][1],
    )).acked_seq == 1
    assert (conf.data["id"], "conference") in records_of_case(hq, case_id)
