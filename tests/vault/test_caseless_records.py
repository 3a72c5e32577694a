"""Records of no case in the vault: stored and queued like any record, append-only, and
never accepted from a pulled page (HQ never serves them; one that arrives is kept aside)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from safeconf.domain.records import Language, StaffAcknowledgment
from safeconf.vault.errors import AppendOnly


def staff_ack() -> StaffAcknowledgment:
    return StaffAcknowledgment(acknowledged_by="w.tester", statement_id="staff_confidentiality",
                               statement_version=1, statement_sha256="c" * 64,
                               language=Language.ENGLISH)


def test_a_staff_acknowledgment_is_stored_and_queued_for_hq_without_a_case(vault):
    stored = vault.staff_acknowledgments.add(staff_ack())
    assert vault.staff_acknowledgments.all() == [stored] and stored.case_id == ""
    [item] = vault.sync.pending(10)
    assert item.record_type == "staff_acknowledgment" and item.data["id"] == stored.id


def test_a_staff_acknowledgment_is_never_changed(vault):
    stored = vault.staff_acknowledgments.add(staff_ack())
    with pytest.raises(AppendOnly):
        vault.store.update(replace(stored, language=Language.SPANISH))


def test_a_pulled_staff_acknowledgment_is_quarantined_not_stored(vault):
    result = vault.sync.apply_page([staff_ack()], new_cursor=5)
    assert result.quarantined == 1 and result.inserted == 0
    assert vault.staff_acknowledgments.all() == []
    [kept] = vault.sync.quarantined()
    assert kept["record_type"] == "staff_acknowledgment" and "no case" in kept["problem"]
