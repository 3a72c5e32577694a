"""`safeconf-hq verify-acknowledgment ID`: whether an acknowledgment HQ holds is proven —
"verified" with the signer key and the device and worker HQ certified it for, or exactly
what does not match. The read is recorded in HQ's audit log like other reads of case
content; the exit code is 0 only when verified."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass

from sqlalchemy import select

from safeconf.domain import codec, termsafe
from safeconf.domain.ack_proof import AckVerdict, judge, shipped_statement_sha256
from safeconf.domain.ack_signature import key_fingerprint
from safeconf.domain.errors import InvalidRecord
from safeconf.domain.records import Acknowledgment
from safeconf.domain.validation import uuid
from safeconf.hq import admin_audit, schema
from safeconf.hq import staff as hq_staff
from safeconf.hq.db import Database
from safeconf.hq.errors import AdminError
from safeconf.hq.pki import signing_keys

COMMAND = "verify-acknowledgment"
READERS = (hq_staff.ADMINISTRATOR, hq_staff.LEGAL, hq_staff.LEGAL_DIRECTOR)


def add_parsers(sub: argparse._SubParsersAction,
                common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(COMMAND, parents=[common],
                       help="check an acknowledgment's signature and certification (AUDITED)",
                       description="Check that an acknowledgment HQ holds is exactly what "
                                   "the attendee's laptop signed, with a key HQ certified "
                                   "for that device. Prints \"verified\" or what does not "
                                   "match; exits 0 only when verified. The read is recorded "
                                   "in HQ's audit log.")
    p.add_argument("id", help="the acknowledgment's record id")
    p.add_argument("--as", dest="actor", required=True, metavar="NAME",
                   help="who reads it: HQ staff with the administrator, legal or legal "
                        "director role")


@dataclass(frozen=True)
class Finding:
    verdict: AckVerdict | None
    problem: str = ""  # a record too damaged to judge


def verify(db: Database, ca_pem: str, ack_id: str) -> Finding:
    r = schema.records
    with db.read() as conn:
        data = conn.execute(select(r.c.data).where(
            r.c.id == ack_id, r.c.type == "acknowledgment")).scalar_one_or_none()
        if data is None:
            raise AdminError(f"HQ holds no acknowledgment {ack_id}.")
        try:
            ack = codec.from_dict(Acknowledgment, json.loads(data))
        except (InvalidRecord, ValueError) as exc:
            return Finding(None, f"the stored record is damaged and cannot be read ({exc})")
        certified = [] if ack.signer_key is None else signing_keys.certifications(
            conn, ca_pem, key_fingerprint(ack.signer_key))
    return Finding(judge(ack, certified, shipped_statement_sha256(ack)))


def run(args: argparse.Namespace, db: Database, ca_pem: str) -> int:
    ack_id = args.id.strip().lower()
    if uuid(ack_id) is not None:
        raise AdminError(f"{termsafe.safe(args.id)!r} is not a record id.")
    found = admin_audit.read_as(db, args.actor, READERS, "acknowledgment", ack_id,
                                lambda: verify(db, ca_pem, ack_id))
    if found.verdict is None:
        print(f"acknowledgment {ack_id}: NOT verified: {termsafe.safe(found.problem)}")
        return 1
    line = termsafe.safe(found.verdict.describe())
    if found.verdict.verified:
        print(f"acknowledgment {ack_id}: {line}")
        return 0
    print(f"acknowledgment {ack_id}: NOT verified: {line}")
    return 1
