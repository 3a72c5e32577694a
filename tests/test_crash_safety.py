"""A crash must lose nothing: a process killed with SIGKILL in the middle of a stream of note
saves keeps every save that had returned, and the vault still checks sound."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from safeconf.domain.records import Case, Conference, Note, NoteSection
from safeconf.vault.vault import Vault
from tests.conftest import PASSPHRASE

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from safeconf.vault.device_secret import SystemKeyring
    from safeconf.vault.vault import Vault

    vault = Vault.open(Path(sys.argv[1]), sys.argv[2], SystemKeyring())
    note = vault.notes.get(sys.argv[3])
    n = 0
    while True:
        n += 1
        note = vault.notes.save_body(note, f"{note.body} line {n}.", author="w.tester")
        print(n, flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_every_returned_save_survives_sigkill(data_dir, keyring_store, fast_kdf):
    vault = Vault.create(data_dir, PASSPHRASE, keyring_store, kdf=fast_kdf)
    case = vault.cases.add(Case(case_number="CR-1", family_name="Crash"))
    conf = vault.conferences.add(Conference(case_id=case.id,
                                            scheduled_start="2026-11-25T09:00:00+00:00"))
    note = vault.notes.add(Note(case_id=case.id, conference_id=conf.id,
                                section=NoteSection.GENERAL))
    vault.close()

    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), PASSPHRASE, note.id],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert writer.stdout is not None
    confirmed = 0
    for line in writer.stdout:
        confirmed = int(line)
        if confirmed >= 150:
            break
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    assert confirmed >= 150, writer.stderr.read() if writer.stderr else ""

    vault = Vault.open(data_dir, PASSPHRASE, keyring_store)
    saved = vault.notes.get(note.id)
    revisions = vault.notes.revisions(note.id)
    vault.close()
    assert len(revisions) >= confirmed
    assert f"line {confirmed}." in saved.body or len(revisions) > confirmed
    assert [r.revision for r in revisions] == list(range(1, len(revisions) + 1))
    assert revisions[confirmed - 1].body.endswith(f"line {confirmed}.")

    checked = subprocess.run(
        [sys.executable, "-m", "safeconf", "--data-dir", str(data_dir), "check"],
        env=dict(os.environ, SAFECONF_PASSPHRASE=PASSPHRASE),
        capture_output=True, text=True, timeout=60,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "[ok] audit chain" in checked.stdout
