"""Redacted copies of a large case: preview (build + candidates + redact + text) against the
goal of 1 s and PDF rendering against 2 s, each with a ratio against the same work done
unredacted in the same run. Run through `bench/disclosure.py`, or alone:

    .venv/bin/python bench/copies.py
"""

from __future__ import annotations

import io
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from keyring.backends import fail
from pypdf import PdfReader

from safeconf.app.copies import (
    CopyRequest,
    build_document,
    candidates,
    redact,
    render_pdf,
    unredacted,
)
from safeconf.domain.disclosure_terms import Information
from safeconf.domain.records import (
    AgeBand,
    Attendee,
    Case,
    Conference,
    Note,
    NoteSection,
    Person,
    PersonKind,
    Role,
)
from safeconf.domain.redaction import RedactedDocument
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams
from safeconf.vault.records import add_all
from safeconf.vault.vault import Vault

CONFERENCES = 50
NOTES_PER_CONFERENCE = 6  # 300 notes
OTHER_CASES = 20  # other families whose names the candidates look for
PREVIEW_GOAL_S = 1.0
PDF_GOAL_S = 2.0
REPEATS = 3
SECTIONS = list(NoteSection)
WORDS = ("family safety plan grandmother school nurse visit weekend respite housing counselor "
         "attendance medication transport court hearing relative placement sibling therapy "
         "niña señora acción después mañana reunión teléfono").split()


def _body(rng: random.Random, names: list[str]) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(90, 160))]
    for name in rng.sample(names, 3):
        words.insert(rng.randrange(len(words)), name)
    words.insert(rng.randrange(len(words)), "reported by Dana Pruitt.")
    return " ".join(words).capitalize() + "."


def seed(vault: Vault) -> str:
    rng = random.Random(9)
    records: list[object] = []
    for i in range(OTHER_CASES):
        other = Case(case_number=f"O-{i}", family_name=f"Family{i}")
        records.append(other)
        records += [Person(case_id=other.id, name=f"Given{i}{j} Family{i}",
                           kind=PersonKind.PARENT) for j in range(3)]
    case = Case(case_number="B-50", family_name="Quintanilla")
    records.append(case)
    records.append(Person(case_id=case.id, name="Mateo Quintanilla", kind=PersonKind.CLIENT))
    records.append(Person(case_id=case.id, name="Sofía Quintanilla", kind=PersonKind.CHILD))
    names = ["Mateo", "Sofía", "Sofia", "Rosa Quintanilla", "Given31 Family3", "Family7"]
    for c in range(CONFERENCES):
        conf = Conference(case_id=case.id, scheduled_start=f"2026-{1 + c // 5:02d}-"
                          f"{1 + c % 28:02d}T15:00:00+00:00", location="Community Center")
        records.append(conf)
        for name, role, band in (("Rosa Quintanilla", Role.PARENT, None),
                                 ("Mateo Quintanilla", Role.YOUTH, AgeBand.AGE_12_TO_14),
                                 ("Sofía Quintanilla", Role.YOUTH, AgeBand.UNDER_6),
                                 ("w.alvarez", Role.CASEWORKER, None)):
            records.append(Attendee(case_id=case.id, conference_id=conf.id, name=name,
                                    role=role, age_band=band))
        for n in range(NOTES_PER_CONFERENCE):
            records.append(Note(case_id=case.id, conference_id=conf.id, section=SECTIONS[n],
                                body=_body(rng, names), author="w.alvarez",
                                health_information=(n == 5 and c % 3 == 0)))
    add_all(vault.store, records)  # type: ignore[arg-type]
    return case.id


def preview_redacted(vault: Vault, request: CopyRequest) -> RedactedDocument:
    d = build_document(vault, request)
    return redact(d, candidates(vault, request, d))


def _qt_preview() -> Callable[[RedactedDocument], object]:
    """What the dialog adds: the preview's HTML laid out by Qt (offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QTextDocument

    from safeconf.ui.disclosure.copy_dialog import document_html

    app = QGuiApplication.instance() or QGuiApplication([])

    def lay_out(redacted: RedactedDocument) -> object:
        doc = QTextDocument()
        doc.setHtml(document_html(redacted, highlight=True))
        doc.setTextWidth(600)
        return doc.pageCount(), app

    return lay_out


def best_of(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_copies() -> bool:
    with tempfile.TemporaryDirectory() as folder:
        vault = Vault.create(Path(folder), "benchmark passphrase",
                             SystemKeyring(fail.Keyring()),
                             kdf=KdfParams(iterations=1, memory_kib=8192, lanes=1),
                             user="bench")
        try:
            case_id = seed(vault)
            request = CopyRequest(case_id=case_id, information=Information.WHOLE_RECORD,
                                  title="Copy")
            document = build_document(vault, request)
            found = candidates(vault, request, document)
            redacted = redact(document, found)
            notes = sum(1 for b in document.blocks if b.record_id)

            def preview() -> str:
                d = build_document(vault, request)
                return redact(d, candidates(vault, request, d)).text()

            def preview_plain() -> str:
                return build_document(vault, request).text()

            shown = _qt_preview()

            timings = {
                "preview": (best_of(preview), best_of(preview_plain), PREVIEW_GOAL_S),
                "preview + Qt layout": (best_of(lambda: shown(preview_redacted(
                    vault, request))), best_of(lambda: shown(unredacted(
                        build_document(vault, request)))), PREVIEW_GOAL_S),
                "PDF": (best_of(lambda: render_pdf(redacted)),
                        best_of(lambda: render_pdf(unredacted(document))), PDF_GOAL_S),
            }
            encrypted = best_of(lambda: render_pdf(redacted, password="benchmark password"))
        finally:
            vault.close()
    pages = len(PdfReader(io.BytesIO(render_pdf(redacted))).pages)
    print(f"copy of {CONFERENCES} conferences, {notes} notes, {len(document.text()):,} "
          f"characters; {len(found)} candidates, {redacted.count:,} passages withheld")
    print(f"{'measure':<22} {'redacted s':>11} {'unredacted s':>13} {'ratio':>7} "
          f"{'goal s':>7}  result")
    ok = True
    for name, (took, plain, goal) in timings.items():
        met = took <= goal
        ok = ok and met
        print(f"{name:<22} {took:>11.3f} {plain:>13.3f} {took / plain:>7.2f} {goal:>7.1f}  "
              f"{'met' if met else 'NOT met'}")
    print(f"{'PDF, AES-256':<22} {encrypted:>11.3f} {'':>13} "
          f"{encrypted / timings['PDF'][1]:>7.2f} {PDF_GOAL_S:>7.1f}  "
          f"{'met' if encrypted <= PDF_GOAL_S else 'NOT met'}")
    print(f"(best of {REPEATS} runs each; the PDF has {pages} pages)")
    return ok


if __name__ == "__main__":
    sys.exit(0 if bench_copies() else 1)
