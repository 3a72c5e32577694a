"""Two laptops and one HQ, all real: a conference recorded on one laptop reaches the other
laptop of the same worker over mutual TLS, and nobody else's."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from safeconf.domain.records import Attendee, Conference, Note, NoteSection, Presence, Role
from safeconf.sync.engine import DeviceWiped, NotEnrolled, SyncEngine, is_stale
from safeconf.sync.errors import DeviceRevoked, HQUnreachable, SyncError
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.support.rooms import acknowledgment_of


def sync(vault, keyring_store):
    return SyncEngine(vault, keyring_store).run()


def case_numbered(vault, number):
    return next(c for c in vault.cases.all() if c.case_number == number)


def record_conference(vault, case):
    conf = vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-25T15:00:00+00:00"))
    rowan = vault.attendees.add(Attendee(case_id=case.id, conference_id=conf.id,
                                         name="Rowan Alder", role=Role.PARENT,
                                         presence=Presence.PRESENT,
                                         arrived_at="2026-11-25T14:55:00+00:00"))
    vault.acknowledgments.add(acknowledgment_of(rowan))  # notes need someone in the room
    note = vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                                section=NoteSection.SAFETY_PLAN, body="Aunt will stay nights."))
    vault.notes.save_body(note, "Aunt will stay nights; school pickup by uncle.", "w.alvarez")
    return conf


def test_a_laptop_receives_only_the_cases_assigned_to_its_worker(hq, laptop, keyring_store):
    alvarez = laptop(hq, "w.alvarez")
    report = sync(alvarez, keyring_store)
    assert sorted(c.case_number for c in alvarez.cases.all()) == ["HQ-100", "HQ-200"]
    assert report.pulled == 2 and alvarez.sync.last_sync_at


def test_a_conference_reaches_the_other_laptop_of_the_same_worker_and_no_one_else(
    hq, laptop, keyring_store
):
    first, second = laptop(hq, "w.alvarez", "first"), laptop(hq, "w.alvarez", "second")
    other = laptop(hq, "w.chen", "other")
    sync(first, keyring_store)
    conf = record_conference(first, case_numbered(first, "HQ-100"))
    report = sync(first, keyring_store)
    assert report.push_conflicts == 0 and first.sync.pending_count() == 0

    sync(second, keyring_store)
    assert second.conferences.get(conf.id) == first.conferences.get(conf.id)
    [note] = second.notes.for_conference(conf.id)
    assert note.body == "Aunt will stay nights; school pickup by uncle."
    assert [r.body for r in second.notes.revisions(note.id)] == [
        r.body for r in first.notes.revisions(note.id)
    ]
    assert second.search("uncle")[0].record_id == note.id

    sync(other, keyring_store)
    assert [c.case_number for c in other.cases.all()] == ["HQ-200", "HQ-300"]
    with pytest.raises(Exception, match="does not exist"):
        other.conferences.get(conf.id)


def test_a_note_saved_many_times_offline_reaches_hq_in_small_batches_with_every_revision(
    hq, laptop, keyring_store, monkeypatch
):
    """Each save removes the note's unsent row before it; the seqs go as markers, some at
    the edge of a batch, and HQ takes every batch in one unbroken run."""
    from safeconf.sync import engine

    first, second = laptop(hq, "w.alvarez", "first"), laptop(hq, "w.alvarez", "second")
    sync(first, keyring_store)
    conf = record_conference(first, case_numbered(first, "HQ-100"))
    [note] = first.notes.for_conference(conf.id)
    for n in range(7):
        note = first.notes.save_body(note, f"{note.body} Visit {n} went well.", "w.alvarez")
    queued = first.sync.pending(1000)
    assert sum(i.gap for i in queued) >= 6
    monkeypatch.setattr(engine, "BATCH_SIZE", 3)
    report = sync(first, keyring_store)
    assert report.push_conflicts == 0 and first.sync.pending_count() == 0
    assert report.pushed == sum(not i.gap for i in queued)  # changes, not markers

    sync(second, keyring_store)
    [theirs] = second.notes.for_conference(conf.id)
    assert theirs.body == note.body and theirs.version == note.version
    assert [r.body for r in second.notes.revisions(note.id)] == [
        r.body for r in first.notes.revisions(note.id)]


def test_a_note_changed_on_two_laptops_is_one_conflict_to_review_not_two(
    hq, laptop, keyring_store
):
    """The second laptop's push is kept at HQ for review and its answer brings HQ's version;
    the pull right after brings that same version again: one disagreement, listed once."""
    first, second = laptop(hq, "w.alvarez", "first"), laptop(hq, "w.alvarez", "second")
    sync(first, keyring_store)
    conf = record_conference(first, case_numbered(first, "HQ-100"))
    sync(first, keyring_store)
    sync(second, keyring_store)
    [mine], [theirs] = first.notes.for_conference(conf.id), second.notes.for_conference(conf.id)
    first.notes.save_body(mine, mine.body + " Grandmother drives on Fridays.", "w.alvarez")
    second.notes.save_body(theirs, theirs.body + " Uncle drives on Fridays.", "w.alvarez")
    sync(first, keyring_store)
    report = sync(second, keyring_store)
    assert (report.push_conflicts, report.pull_conflicts) == (1, 0)
    [conflict] = second.sync.conflicts()
    assert conflict["record_id"] == theirs.id
    kept = second.sync.resolve_conflict(conflict["id"], "hq")
    assert kept is not None and kept.body.endswith("Grandmother drives on Fridays.")
    assert second.sync.conflicts() == []


def test_a_push_whose_answer_was_lost_is_resent_under_the_same_id_without_duplicates(
    hq, laptop, keyring_store
):
    from safeconf.sync.client import HQClient

    alvarez, second = laptop(hq, "w.alvarez", "a"), laptop(hq, "w.alvarez", "b")
    sync(alvarez, keyring_store)
    record_conference(alvarez, case_numbered(alvarez, "HQ-100"))
    batch_ids = []

    class AnswerLost(HQClient):
        def push(self, batch_id, items, audit=(), **more):
            batch_ids.append(batch_id)
            super().push(batch_id, items, audit, **more)  # HQ stores it...
            raise HQUnreachable("the connection dropped")  # ...but the laptop never hears

    def lossy(credentials):
        return AnswerLost(credentials.sync_url, credentials.ca_pem, credentials.cert_pem,
                          credentials.key_pem)

    with pytest.raises(HQUnreachable):
        SyncEngine(alvarez, keyring_store, client_factory=lossy).run()
    assert alvarez.sync.pending_count() > 0  # not known to be pushed yet
    pending = alvarez.sync.pending_count()
    report = sync(alvarez, keyring_store)
    assert report.pushed == pending and report.push_conflicts == 0
    assert alvarez.sync.pending_count() == 0

    sync(second, keyring_store)
    assert len(second.conferences.all()) == 1
    assert len(second.attendees.all()) == 1
    assert len(batch_ids) == 1


def test_edits_made_offline_are_all_sent_at_the_next_sync(hq, laptop, keyring_store):
    alvarez, second = laptop(hq, "w.alvarez", "a"), laptop(hq, "w.alvarez", "b")
    sync(alvarez, keyring_store)
    hq.stop()
    with pytest.raises(HQUnreachable):
        sync(alvarez, keyring_store)
    conf = record_conference(alvarez, case_numbered(alvarez, "HQ-200"))
    hq.start()  # HQ comes back on new ports; point both laptops at it
    for vault in (alvarez, second):
        creds = vault.sync.credentials()
        vault.sync.save_credentials(type(creds)(**{**creds.__dict__, "sync_url": hq.sync_url}))
    sync(alvarez, keyring_store)
    sync(second, keyring_store)
    assert second.conferences.get(conf.id)


def test_sealing_a_case_at_hq_purges_it_from_the_laptop_at_its_next_sync(
    hq, laptop, keyring_store
):
    alvarez = laptop(hq, "w.alvarez")
    sync(alvarez, keyring_store)
    case = case_numbered(alvarez, "HQ-100")
    record_conference(alvarez, case)
    sync(alvarez, keyring_store)
    hq.admin("cases", "seal", "HQ-100")
    report = sync(alvarez, keyring_store)
    assert report.purged_cases == 1
    assert [c.case_number for c in alvarez.cases.all()] == ["HQ-200"]
    assert alvarez.search("uncle") == []
    assert ("purge", case.id) in [(e.action, e.record_id) for e in alvarez.audit.events()]


def test_unassigning_a_worker_purges_the_case_from_their_laptop(hq, laptop, keyring_store):
    alvarez = laptop(hq, "w.alvarez")
    sync(alvarez, keyring_store)
    hq.admin("cases", "unassign", "HQ-200", "w.alvarez")
    assert sync(alvarez, keyring_store).purged_cases == 1
    assert [c.case_number for c in alvarez.cases.all()] == ["HQ-100"]


def test_a_revoked_laptop_is_refused_and_keeps_its_data(hq, laptop, keyring_store):
    alvarez = laptop(hq, "w.alvarez")
    sync(alvarez, keyring_store)
    hq.admin("revoke", alvarez.sync.credentials().hq_device_id)
    with pytest.raises(DeviceRevoked):
        sync(alvarez, keyring_store)
    assert alvarez.is_open and len(alvarez.cases.all()) == 2


def test_a_laptop_told_to_wipe_destroys_its_vault(hq, laptop, keyring_store, tmp_path):
    alvarez = laptop(hq, "w.alvarez", "lost")
    sync(alvarez, keyring_store)
    record_conference(alvarez, case_numbered(alvarez, "HQ-100"))
    hq.admin("revoke", alvarez.sync.credentials().hq_device_id, "--wipe")
    with pytest.raises(DeviceWiped, match="destroyed"):
        sync(alvarez, keyring_store)
    assert not Vault.exists(tmp_path / "lost")
    assert list((tmp_path / "lost").iterdir()) == []


def test_syncing_an_unenrolled_laptop_says_how_to_enroll(vault, keyring_store):
    with pytest.raises(NotEnrolled, match="enrollment code"):
        sync(vault, keyring_store)


def test_an_enrollment_code_works_once(hq, laptop, keyring_store, tmp_path, fast_kdf):
    from safeconf.sync.engine import enroll_vault

    code = hq.enrollment_code("w.alvarez")
    first = Vault.create(tmp_path / "one", PASSPHRASE, keyring_store, kdf=fast_kdf)
    enroll_vault(first, code)
    second = Vault.create(tmp_path / "two", PASSPHRASE, keyring_store, kdf=fast_kdf)
    with pytest.raises(SyncError):
        enroll_vault(second, code)
    assert second.sync.credentials() is None
    first.close()
    second.close()


def test_a_laptop_that_has_not_synced_for_30_days_is_stale(hq, laptop, keyring_store):
    alvarez = laptop(hq, "w.alvarez")
    sync(alvarez, keyring_store)
    now = datetime.now(UTC)
    assert not is_stale(alvarez, now)
    assert is_stale(alvarez, now + timedelta(days=31))


def test_the_sync_command_exits_0_only_when_everything_was_exchanged(
    hq, laptop, keyring_store, tmp_path
):
    alvarez = laptop(hq, "w.alvarez", "cli")
    alvarez.close()
    env = dict(os.environ, SAFECONF_PASSPHRASE=PASSPHRASE)
    command = [sys.executable, "-m", "safeconf", "--data-dir", str(tmp_path / "cli"), "sync"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "received 2" in done.stdout
    hq.stop()
    offline = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert offline.returncode == 1
    assert "Traceback" not in offline.stderr and offline.stderr.strip()


def test_a_revoked_consent_reaches_the_other_laptop_as_an_update(hq, laptop, keyring_store):
    from dataclasses import replace

    from safeconf.domain.records import ConsentState
    from tests.support import consents

    first, second = laptop(hq, "w.alvarez", "first"), laptop(hq, "w.alvarez", "second")
    sync(first, keyring_store)
    case = case_numbered(first, "HQ-100")
    consent = first.consents.add(consents.given(case.id))
    sync(first, keyring_store)
    first.consents.update(replace(consent, state=ConsentState.REVOKED,
                                  revoked_at="2026-12-01T10:00:00+00:00"))
    report = sync(first, keyring_store)
    assert report.push_conflicts == 0
    sync(second, keyring_store)
    assert second.consents.get(consent.id).revoked_at == "2026-12-01T10:00:00+00:00"


def test_changes_made_after_many_audited_views_reach_hq_with_their_events(
    hq, laptop, keyring_store
):
    from safeconf.sync.engine import BATCH_SIZE

    # More audit events than one batch carries come before the changes: the laptop sends
    # audit-only batches first, since HQ refuses a change that arrives without its event.
    alvarez, second = laptop(hq, "w.alvarez", "a"), laptop(hq, "w.alvarez", "b")
    sync(alvarez, keyring_store)
    case = case_numbered(alvarez, "HQ-100")
    for _ in range(BATCH_SIZE + 20):
        alvarez.open_case(case.id)
    conf = record_conference(alvarez, case)
    report = sync(alvarez, keyring_store)
    assert report.push_conflicts == 0 and alvarez.sync.pending_count() == 0
    assert alvarez.sync.audit_acked_seq > BATCH_SIZE + 20
    sync(second, keyring_store)
    assert second.conferences.get(conf.id) == alvarez.conferences.get(conf.id)


def test_a_sync_sends_and_receives_its_bodies_compressed(hq, laptop, keyring_store):
    from safeconf.sync import engine

    clients = []

    def recording_client(credentials):
        client = engine._client_for(credentials)  # the laptop's own client, as it syncs
        clients.append(client)
        return client

    first, second = laptop(hq, "w.alvarez", "first"), laptop(hq, "w.alvarez", "second")
    sync(first, keyring_store)
    conf = record_conference(first, case_numbered(first, "HQ-100"))
    SyncEngine(first, keyring_store, client_factory=recording_client).run()
    SyncEngine(second, keyring_store, client_factory=recording_client).run()
    assert second.conferences.get(conf.id) == first.conferences.get(conf.id)
    pushed, pulled = (client.wire for client in clients)
    # The push went as zstd and HQ stored it; the second laptop's pull page came as zstd.
    assert pushed.compressed_requests >= 1 and pushed.sent < pushed.sent_plain
    assert pulled.compressed_answers >= 1 and pulled.received < pulled.received_plain
