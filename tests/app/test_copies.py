"""Copies from a real vault: the document of each kind of information, its automatic
candidates, and PDFs (plain and AES-256) whose text, read by two independent extractors
(pypdf and poppler's pdftotext), holds nothing withheld and whose metadata names nothing."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from safeconf.app.copies import (
    PDF_TITLE,
    CopyError,
    CopyRequest,
    build_document,
    candidates,
    check_password,
    redact,
    render_pdf,
    unredacted,
)
from safeconf.domain.disclosure_terms import Information
from safeconf.domain.redaction import Reason
from safeconf.vault.vault import Vault
from tests.support import copies as sample

PASSWORD = "long enough password"


def pdftotext(data: bytes, password: str | None = None) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is required in CI")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    args = [tool, *(["-upw", password] if password else []), "-enc", "UTF-8", "-", "-"]
    done = subprocess.run(args, input=data, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pdfinfo(data: bytes, password: str | None = None) -> str:
    tool = shutil.which("pdfinfo")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("pdfinfo (poppler-utils) is required in CI")
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    args = [tool, *(["-upw", password] if password else []), "-"]
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode()


def pypdf_text(data: bytes, password: str | None = None) -> tuple[str, str]:
    reader = PdfReader(io.BytesIO(data))
    if password is not None:
        assert reader.decrypt(password)
    meta = " ".join(f"{k}={v}" for k, v in (reader.metadata or {}).items())
    return "\n".join(page.extract_text() for page in reader.pages), meta


def one_line(text: str) -> str:
    return " ".join(text.split()).lower()


@pytest.fixture
def seeded(vault: Vault) -> sample.Seeded:
    return sample.seed_copy_case(vault)


def whole(seeded: sample.Seeded, **changes: object) -> CopyRequest:
    fields: dict[str, object] = dict(case_id=seeded.case_id,
                                     information=Information.WHOLE_RECORD,
                                     title="Copy for the court")
    fields.update(changes)
    return CopyRequest(**fields)  # type: ignore[arg-type]


def test_whole_record_holds_conferences_attendees_notes_by_section_and_addenda(
    vault: Vault, seeded: sample.Seeded,
) -> None:
    text = build_document(vault, whole(seeded)).text()
    for expected in ("Case: " + sample.CASE_NUMBER, "2026-11-03", "Quintanilla Community Center",
                     "Facilitator: w.chen", "Rosa Quintanilla — Parent", "Concerns",
                     sample.CONCERNS, sample.STRENGTHS, sample.DECISIONS, sample.ADDENDUM,
                     "Addendum", "2026-12-01"):
        assert expected in text
    assert text.index("Concerns") < text.index("Strengths") < text.index("Addendum")


def test_conference_summary_keeps_decisions_and_plans_without_discussion_or_addenda(
    vault: Vault, seeded: sample.Seeded,
) -> None:
    req = whole(seeded, information=Information.CONFERENCE_SUMMARY,
                record_ids=(seeded.conference_id,))
    text = build_document(vault, req).text()
    assert sample.DECISIONS in text and "Rosa Quintanilla" in text
    assert sample.CONCERNS not in text and sample.ADDENDUM not in text
    assert "2026-12-01" not in text  # only the chosen conference


def test_chosen_notes_hold_only_those_notes_and_no_attendee_list(
    vault: Vault, seeded: sample.Seeded,
) -> None:
    req = whole(seeded, information=Information.CHOSEN_NOTES,
                record_ids=(seeded.notes["decisions"],))
    text = build_document(vault, req).text()
    assert sample.DECISIONS in text and "2026-11-03" in text
    assert sample.CONCERNS not in text and "Rosa Quintanilla" not in text


def test_health_information_holds_only_the_phi_notes(vault: Vault, seeded: sample.Seeded) -> None:
    req = whole(seeded, information=Information.HEALTH_INFORMATION, health_covered=True)
    document = build_document(vault, req)
    assert sample.PHI in document.text() and sample.CONCERNS not in document.text()
    assert sample.PHI in redact(document, candidates(vault, req, document)).text()


@pytest.mark.parametrize("changes, message", [
    ({"information": Information.LEGAL_ADVICE}, "never leaves the agency"),
    ({"information": Information.CHOSEN_NOTES}, "Choose the notes"),
    ({"information": Information.CHOSEN_NOTES, "record_ids": ("nope",)}, "not a note"),
    ({"record_ids": ("nope",)}, "not a conference"),
])
def test_a_copy_that_cannot_be_made_says_why(
    vault: Vault, seeded: sample.Seeded, changes: dict[str, object], message: str,
) -> None:
    with pytest.raises(CopyError, match=message):
        build_document(vault, whole(seeded, **changes))


def test_candidates_name_the_sibling_the_reporter_the_other_family_and_the_phi_note(
    vault: Vault, seeded: sample.Seeded,
) -> None:
    req = whole(seeded)
    found = candidates(vault, req, build_document(vault, req))
    got = {(c.reason, c.passage or "", c.locked) for c in found if not c.record_id}
    assert {(Reason.OTHER_CHILD, sample.SIBLING, False), (Reason.OTHER_CHILD, "Sofía", False),
            (Reason.REPORTER, sample.REPORTER, False),
            (Reason.OTHER_FAMILY, sample.OTHER_FAMILY, False),
            (Reason.OTHER_FAMILY, "Whitlock", False)} <= got
    whole_notes = [(c.reason, c.record_id, c.locked) for c in found if c.record_id]
    assert whole_notes == [(Reason.HEALTH_NOT_COVERED, seeded.notes["health"], True)]
    # Neither the client nor the family's own name is offered.
    assert not any(c.passage in ("Mateo", sample.CLIENT, sample.FAMILY) for c in found)


def redacted_copy(vault: Vault, seeded: sample.Seeded):  # type: ignore[no-untyped-def]
    req = whole(seeded)
    document = build_document(vault, req)
    return document, redact(document, candidates(vault, req, document))


def assert_clean(text: str, meta: str) -> None:
    flat = one_line(text)
    for secret in sample.SECRETS:
        assert secret.lower() not in flat, secret
    for kept in sample.KEPT:
        assert kept.lower() in flat, kept  # accents survive the font and both extractors
    assert "[withheld]" in flat
    for named in (sample.FAMILY, sample.CASE_NUMBER, sample.CLIENT, "Copy for the court"):
        assert named.lower() not in meta.lower()


def strings_in(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value)
                for s in strings_in(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [s for v in value for s in strings_in(v)]
    return []


def test_no_withheld_string_survives_anywhere_in_the_redacted_structure(
    vault: Vault, seeded: sample.Seeded,
) -> None:
    document, redacted = redacted_copy(vault, seeded)
    assert any(sample.SIBLING in s for s in strings_in(document))  # it was there to withhold
    everything = one_line(" ".join(strings_in(redacted)))
    assert all(secret.lower() not in everything for secret in sample.SECRETS)


def test_plain_pdf_text_by_both_extractors_holds_nothing_withheld_and_neutral_metadata(
    vault: Vault, seeded: sample.Seeded,
) -> None:
    _, redacted = redacted_copy(vault, seeded)
    data = render_pdf(redacted)
    text, meta = pypdf_text(data)
    assert_clean(text, meta)
    assert_clean(pdftotext(data), pdfinfo(data))
    assert f"Title={PDF_TITLE}" in meta


def test_the_same_pdf_unredacted_would_show_the_secrets_so_the_extractors_see_them(
    vault: Vault, seeded: sample.Seeded,
) -> None:
    document, _ = redacted_copy(vault, seeded)
    data = render_pdf(unredacted(document))
    for text in (pypdf_text(data)[0], pdftotext(data)):
        assert all(s.lower() in one_line(text) for s in sample.SECRETS)


def test_encrypted_pdf_is_aes_256_opens_only_with_the_password_and_holds_nothing_withheld(
    vault: Vault, seeded: sample.Seeded,
) -> None:
    _, redacted = redacted_copy(vault, seeded)
    data = render_pdf(redacted, password=PASSWORD)
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"]
    assert (encrypt["/V"], encrypt["/R"]) == (5, 6)  # AES-256 (PDF 2.0 security handler)
    assert not reader.decrypt("wrong password here")
    with pytest.raises(subprocess.CalledProcessError):
        pdftotext(data)
    text, meta = pypdf_text(data, PASSWORD)
    assert_clean(text, meta)
    assert_clean(pdftotext(data, PASSWORD), pdfinfo(data, PASSWORD))


@pytest.mark.parametrize("password, repeat, message", [
    ("short", "short", "at least 12"),
    ("long enough password", "long enough passw0rd", "not the same"),
    (" " * 14, " " * 14, "spaces"),
])
def test_a_weak_or_mistyped_password_is_refused(password: str, repeat: str, message: str) -> None:
    with pytest.raises(CopyError, match=message):
        check_password(password, repeat)
