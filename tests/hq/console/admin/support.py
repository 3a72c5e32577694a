"""What the administrator's page tests share: devices put straight into HQ's registry (no
laptop needed to list or revoke one), and the people of each role."""

from __future__ import annotations

import html as html_lib
import os
import re
import uuid
from datetime import timedelta

from sqlalchemy import insert, select

from safeconf.hq import clock, schema, staff
from safeconf.sync import escrow
from tests.hq.hq_harness import HQ
from tests.support.console import ConsoleClient

OTHER_ROLES = (staff.LEGAL, staff.SUPERVISOR, staff.LEGAL_DIRECTOR)


def new_worker() -> str:
    return f"w-{uuid.uuid4().hex[:10]}"


def add_device(hq: HQ, worker: str, *, status: str = "active", chain: str = "ok",
               broken_seq: int | None = None, data_key: bytes | None = None) -> str:
    """A device in HQ's registry as enrollment leaves one; with `data_key`, also the escrow
    copy a laptop uploads, sealed to HQ's recovery key."""
    device_id = str(uuid.uuid4())
    now = clock.now()
    sealed = None
    if data_key is not None:
        public = hq.data.recovery_public_pem()
        assert public is not None
        sealed = escrow.seal(data_key, "vault-" + device_id[:8],
                             escrow.load_public_key(public)).to_json()
    with hq.db.write() as conn:
        conn.execute(insert(schema.devices).values(
            device_id=device_id, worker_id=worker, cert_serial=uuid.uuid4().hex,
            cert_fingerprint=os.urandom(32).hex(), prev_fingerprint=None,
            not_after=clock.iso(now + timedelta(days=365)), status=status, wipe=False,
            enrolled_at=clock.iso(now), last_sync=None, revoked_at=None, chain_status=chain,
            chain_broken_seq=broken_seq, escrow=sealed))
        conn.execute(insert(schema.device_seq).values(
            device_id=device_id, acked_seq=0, audit_seq=0, audit_hash="0" * 64))
    return device_id


def device_row(hq: HQ, device_id: str) -> tuple[str, bool]:
    d = schema.devices
    with hq.db.read() as conn:
        row = conn.execute(select(d.c.status, d.c.wipe).where(d.c.device_id == device_id)).one()
    return str(row.status), bool(row.wipe)


def admin(client: ConsoleClient, hq: HQ, name: str = "admin.pages") -> ConsoleClient:
    return client.sign_in_as(hq.staff_member(staff.ADMINISTRATOR, name))


def audit_events(hq: HQ, subject_type: str) -> list[tuple[str, str, str]]:
    a = schema.admin_audit
    with hq.db.read() as conn:
        return [(r.actor, r.action, r.subject_id) for r in conn.execute(
            select(a).where(a.c.subject_type == subject_type).order_by(a.c.seq))]


def problem(html: str) -> str:
    """The text of the page's problem message (class "problem", role="alert")."""
    found = re.search(r'<p class="problem" role="alert">(.*?)</p>', html, re.S)
    assert found, "the page shows no problem"
    return html_lib.unescape(found.group(1))
