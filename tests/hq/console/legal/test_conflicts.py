"""Sync conflicts for legal in the console: the list, both versions side by side (audited, as
`safeconf-hq conflicts show`), and settling one, once."""

from __future__ import annotations

from safeconf.hq import schema
from safeconf.hq.sync import conflicts
from tests.hq.console.legal.support import reads_of
from tests.hq.hq_harness import HQ
from tests.hq.test_conflicts_admin import _note_clash
from tests.support.console import ConsoleClient


def _resolutions(hq: HQ, conflict_id: int) -> int:
    r = schema.conflict_resolutions
    return hq.count(r, r.c.conflict_id == conflict_id)


def test_the_list_shows_open_conflicts_without_record_content(
        client: ConsoleClient, console_hq: HQ) -> None:
    clash = _note_clash(console_hq)
    client.sign_in_as(console_hq.staff_member("legal"))
    page = client.get("/legal/conflicts")
    assert page.status_code == 200
    assert f'href="/legal/conflicts/{clash.conflict_id}"' in page.text
    assert "version mismatch" in page.text and clash.worker in page.text
    assert "Rosalind" not in page.text and "Teodoro" not in page.text
    assert reads_of(console_hq, "conflict_list", "open")  # the list names cases


def test_a_conflict_shows_only_the_differing_fields_side_by_side_and_is_audited(
        client: ConsoleClient, console_hq: HQ) -> None:
    clash = _note_clash(console_hq)
    reader = console_hq.staff_member("legal")
    client.sign_in_as(reader)
    page = client.get(f"/legal/conflicts/{clash.conflict_id}")
    assert page.status_code == 200
    assert clash.hq_note.body in page.text and clash.device_note.body in page.text
    assert page.text.index(clash.hq_note.body) < page.text.index(clash.device_note.body)
    assert ">section" in page.text and "(same on both)" in page.text  # the context field
    assert ">conference_id<" not in page.text  # equal fields are not shown
    reads = reads_of(console_hq, "conflict", str(clash.conflict_id))
    assert reads and reads[-1].actor == reader


def test_legal_settles_a_conflict_keeping_the_devices_version_once(
        client: ConsoleClient, console_hq: HQ) -> None:
    clash = _note_clash(console_hq)
    officer = console_hq.staff_member("legal")
    client.sign_in_as(officer)
    page, action = (f"/legal/conflicts/{clash.conflict_id}",
                    f"/legal/conflicts/{clash.conflict_id}/resolve")
    assert "data-confirm=" in client.get(page).text
    done = client.submit(page, action, {"keep": "device", "note": "The tablet is right."})
    assert done.status_code == 303
    assert "version 3 of the record" in client.follow(done).text
    (row,) = [c for c in conflicts.list_conflicts(console_hq.db, True)
              if c.conflict_id == clash.conflict_id]
    assert row.resolution is not None and row.resolution.resolved_by == officer
    assert row.resolution.note == "The tablet is right."

    again = client.post(action, {"keep": "hq"}, csrf=client.csrf(page))
    assert again.status_code == 409 and "already resolved" in again.text
    assert _resolutions(console_hq, clash.conflict_id) == 1


def test_settling_without_a_choice_or_with_a_long_note_is_refused_and_kept(
        client: ConsoleClient, console_hq: HQ) -> None:
    clash = _note_clash(console_hq)
    client.sign_in_as(console_hq.staff_member("legal"))
    page, action = (f"/legal/conflicts/{clash.conflict_id}",
                    f"/legal/conflicts/{clash.conflict_id}/resolve")
    missing = client.submit(page, action, {"note": "kept note"})
    assert missing.status_code == 400 and "Choose which version stays" in missing.text
    assert ">kept note</textarea>" in missing.text
    long = client.submit(page, action, {"keep": "hq", "note": "x" * 2001})
    assert long.status_code == 409 and "too long" in long.text
    assert _resolutions(console_hq, clash.conflict_id) == 0


def test_an_unknown_conflict_is_a_plain_404(client: ConsoleClient, console_hq: HQ) -> None:
    client.sign_in_as(console_hq.staff_member("legal"))
    for wanted in ("999999999", "C-2026-42"):
        answer = client.get(f"/legal/conflicts/{wanted}")
        assert answer.status_code == 404 and wanted not in answer.text
