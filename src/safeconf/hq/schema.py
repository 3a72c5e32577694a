"""HQ's tables (SQLAlchemy Core). The same schema runs on SQLite and PostgreSQL.

Times are UTC ISO-8601 text in one fixed format (`safeconf.hq.clock.iso`), so they compare
correctly as strings on both databases.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 3  # 2: escrow copies on devices, the recoveries log; 3: re-enrollment links
metadata = MetaData()

meta = Table(
    "hq_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("worker_id", String(200), nullable=False, index=True),
    Column("cert_serial", String(64), nullable=False),
    Column("cert_fingerprint", String(64), nullable=False, unique=True),
    # The certificate before the last renewal keeps working until the new one is first used,
    # so a renewal whose answer was lost does not lock the laptop out.
    Column("prev_fingerprint", String(64), nullable=True, unique=True),
    Column("not_after", String(40), nullable=False),
    Column("status", String(16), nullable=False),  # active | revoked | replaced
    Column("wipe", Boolean, nullable=False, default=False),
    Column("enrolled_at", String(40), nullable=False),
    Column("last_sync", String(40), nullable=True),
    Column("revoked_at", String(40), nullable=True),
    # ok | restored | broken. The seq: where it broke, or for "restored" the last audit seq
    # a restored laptop shared with HQ before its history went another way.
    Column("chain_status", String(16), nullable=False, default="ok"),
    Column("chain_broken_seq", BigInteger, nullable=True),
    # The device's data key sealed to HQ's recovery key (safeconf.sync.escrow JSON). Only the
    # offline recovery private key opens it.
    Column("escrow", Text, nullable=True),
    Column("escrow_at", String(40), nullable=True),
    # Re-enrollment with continuity: the device this one took over from (its push and audit
    # state were inherited), and, on a `replaced` device, the device that took over.
    Column("replaces", String(36), nullable=True),
    Column("replaced_by", String(36), nullable=True),
)

# Every `safeconf-hq recover`: which device, when, and from which admin account.
recoveries = Table(
    "recoveries",
    metadata,
    Column("recovery_id", Integer, primary_key=True, autoincrement=True),
    Column("device_id", String(36), nullable=False, index=True),
    Column("recovered_at", String(40), nullable=False),
    Column("admin", String(200), nullable=False),
)

enrollment_codes = Table(
    "enrollment_codes",
    metadata,
    Column("code_id", String(32), primary_key=True),
    Column("secret_hash", String(64), nullable=False),  # sha256(secret): the secret is never kept
    Column("worker_id", String(200), nullable=False),
    Column("sync_url", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
    Column("used_at", String(40), nullable=True),
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("device_id", String(36), nullable=True),
)

rate_limits = Table(
    "rate_limits",
    metadata,
    Column("bucket", String(128), primary_key=True),
    Column("window_start", BigInteger, nullable=False),
    Column("hits", Integer, nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("case_id", String(36), primary_key=True),
    Column("case_number", String(200), nullable=False, unique=True),
    Column("sealed", Boolean, nullable=False, default=False),
    Column("status", String(16), nullable=False),
    Column("closed_at", String(40), nullable=True),
)

assignments = Table(
    "assignments",
    metadata,
    Column("case_id", String(36), nullable=False),
    Column("worker_id", String(200), nullable=False),
    # Kept after unassignment (active false) so the worker's devices are told to purge.
    Column("active", Boolean, nullable=False),
    Column("changed_at", String(40), nullable=False),
    PrimaryKeyConstraint("case_id", "worker_id"),
    Index("ix_assignments_worker", "worker_id", "active"),
)

records = Table(
    "records",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("type", String(40), nullable=False),
    Column("case_id", String(36), nullable=False, index=True),
    Column("version", BigInteger, nullable=False),
    Column("data", Text, nullable=False),  # canonical JSON of codec.to_dict(record)
    Column("content_hash", String(64), nullable=False),
    Column("stored_by", String(36), nullable=False),  # device id, or "hq"
    Column("stored_at", String(40), nullable=False),
)

# One row per record, at the seq of its latest change: a pull after cursor N is a range scan.
changes = Table(
    "changes",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("record_id", String(36), nullable=False, unique=True),
    Column("record_type", String(40), nullable=False),
    Column("case_id", String(36), nullable=False),
    Index("ix_changes_case_seq", "case_id", "seq"),
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("conflict_id", Integer, primary_key=True, autoincrement=True),
    Column("device_id", String(36), nullable=False, index=True),
    Column("batch_id", String(36), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("record_id", String(36), nullable=False, index=True),
    Column("record_type", String(40), nullable=False),
    Column("case_id", String(36), nullable=False),
    Column("reason", String(40), nullable=False),
    Column("base_version", BigInteger, nullable=True),
    Column("hq_version", BigInteger, nullable=True),
    Column("incoming_data", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("needs_review", Boolean, nullable=False, default=True),
)

# How an administrator settled a conflict (`safeconf-hq conflicts resolve`): one row per
# conflict, never deleted. The conflict row keeps the device's version either way.
conflict_resolutions = Table(
    "conflict_resolutions",
    metadata,
    Column("conflict_id", Integer, primary_key=True, autoincrement=False),
    Column("kept", String(16), nullable=False),  # hq | device
    Column("resolved_by", String(200), nullable=False),  # the admin's login
    Column("resolved_at", String(40), nullable=False),
    Column("note", Text, nullable=True),
    Column("hq_version", BigInteger, nullable=True),  # HQ's version when it was settled
    Column("new_version", BigInteger, nullable=True),  # the device's copy, stored as this
)

# What each outbox seq a device pushed held: sha256 over type, id, data digest and base
# version. A laptop restored from a backup re-uses seqs; comparing these tells a retry (same
# content) from a different change under an old number (answer: rebase). Pushes made before
# this table existed have no rows and are taken as retries, as they always were.
pushed_items = Table(
    "pushed_items",
    metadata,
    Column("device_id", String(36), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("digest", String(64), nullable=False),
    PrimaryKeyConstraint("device_id", "seq"),
)

# A restored laptop's audit chain continues from the event it shares with HQ (`fork_seq`,
# HQ numbering); its events from `device_from` on are stored from HQ seq `hq_from` on. The
# laptop keeps its own numbering; HQ maps it (see hq/sync/history.py).
audit_branches = Table(
    "audit_branches",
    metadata,
    Column("device_id", String(36), nullable=False),
    Column("device_from", BigInteger, nullable=False),
    Column("hq_from", BigInteger, nullable=False),
    Column("fork_seq", BigInteger, nullable=False),
    Column("created_at", String(40), nullable=False),
    PrimaryKeyConstraint("device_id", "device_from"),
)

# The records each device's stored audit events say it created or changed (actions in
# `audit_index.AUDITED_WRITES`): HQ refuses a pushed change without such an event, in the same
# batch or held already. Filled from `audit_events` when the table is first made.
audited_writes = Table(
    "audited_writes",
    metadata,
    Column("device_id", String(36), nullable=False),
    Column("seq", BigInteger, nullable=False),  # the event's seq at HQ
    Column("record_id", String(64), nullable=False),
    Column("record_type", String(64), nullable=False),
    PrimaryKeyConstraint("device_id", "seq"),
    Index("ix_audited_writes_record", "device_id", "record_id"),
)

# Which save event each note revision used (sync/revision_claims.py): a laptop audits a save
# once, naming the note, and that one event keeps exactly one revision; a revision that finds
# no unused save event of its note is refused. Filled from the stored revisions when the
# table is first made.
revision_claims = Table(
    "revision_claims",
    metadata,
    Column("device_id", String(36), nullable=False),  # whose chain holds the event
    Column("seq", BigInteger, nullable=False),  # the event's seq at HQ
    Column("revision_id", String(36), nullable=False),
    PrimaryKeyConstraint("device_id", "seq"),
)

# Records that belong to no case (domain.caseless): filed under the worker and device of
# the verified certificate, never under anything the body claims; never in the change log,
# so never served in pulls.
caseless_records = Table(
    "caseless_records",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("type", String(40), nullable=False),
    Column("worker_id", String(200), nullable=False),  # from the certificate
    Column("device_id", String(36), nullable=False),  # from the certificate
    Column("data", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("stored_at", String(40), nullable=False),
    Index("ix_caseless_records_worker", "type", "worker_id"),
)

# Tables added after a schema version without changing what older HQs read or write: an
# older HQ process keeps working beside a newer one, and `Database.check_schema` creates
# them when missing.
ADDED_TABLES: tuple[Table, ...] = (conflict_resolutions, pushed_items, audit_branches,
                                  audited_writes, caseless_records, revision_claims)

push_batches = Table(
    "push_batches",
    metadata,
    Column("device_id", String(36), nullable=False),
    Column("batch_id", String(36), nullable=False),
    Column("request_digest", String(64), nullable=False),
    Column("response", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    PrimaryKeyConstraint("device_id", "batch_id"),
)

# How far into the change log each device has confirmed holding: the cursor it last pulled
# from (it stores a cursor only after applying the page). A finalize from a device that had
# not yet seen another device's change to the same conference is refused (see push.py).
device_seen = Table(
    "device_seen",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("cursor", BigInteger, nullable=False),
)

device_seq = Table(
    "device_seq",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("acked_seq", BigInteger, nullable=False),
    Column("audit_seq", BigInteger, nullable=False),
    Column("audit_hash", String(64), nullable=False),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("device_id", String(36), nullable=False),  # from the certificate, not the event
    Column("seq", BigInteger, nullable=False),
    Column("event_id", String(64), nullable=False),
    Column("data", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("link_ok", Boolean, nullable=False),
    Column("received_at", String(40), nullable=False),
    PrimaryKeyConstraint("device_id", "seq"),
)

counters = Table(
    "counters",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

CHANGE_SEQ = "change_seq"

# --- HQ's people and HQ's own audit log (issue #10) ---------------------------------------
# One row per (person, role): a person may hold several roles (a legal director is often
# also `legal`), each added, removed and audited on its own. Rows are deactivated, never
# deleted, so the audit log keeps naming real people.
staff = Table(
    "staff",
    metadata,
    Column("name", String(200), nullable=False),  # a sign-in name, e.g. "r.ortiz"
    Column("role", String(32), nullable=False),
    Column("email", String(320), nullable=False),
    Column("added_at", String(40), nullable=False),
    Column("added_by", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("removed_at", String(40), nullable=True),
    Column("removed_by", String(200), nullable=True),
    PrimaryKeyConstraint("name", "role"),
)

# Who a worker reports to: the supervisor told of that worker's losses.
supervisors = Table(
    "supervisors",
    metadata,
    Column("worker_id", String(200), primary_key=True),
    Column("staff_name", String(200), nullable=False),
    Column("set_at", String(40), nullable=False),
    Column("set_by", String(200), nullable=False),
)

# Every read of report or request content and every administrative change at HQ, hash-
# chained like a laptop's audit log (domain.auditchain.event_hash).
admin_audit = Table(
    "admin_audit",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(64), nullable=False),
    Column("subject_type", String(64), nullable=False),
    Column("subject_id", String(200), nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# The chain's head, one row: appends lock it, so concurrent writers on PostgreSQL take turns,
# and a removed last event is found because the head still names it.
admin_audit_head = Table(
    "admin_audit_head",
    metadata,
    Column("name", String(16), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)

ADDED_TABLES = (*ADDED_TABLES, staff, supervisors, admin_audit, admin_audit_head)

# --- Notifications (hq/notify.py, hq/routing.py) -------------------------------------------
# Mail HQ owes someone about a report or request: who, why, the receipt and a console link,
# never case content. Retried with back-off until the SMTP server accepts it; one row per
# (reason, subject, address), so routing the same report twice tells nobody twice.
notifications = Table(
    "notifications",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("created_at", String(40), nullable=False),
    Column("to_address", String(320), nullable=True),  # NULL: nobody could be found to tell
    Column("to_name", String(200), nullable=False, default=""),
    Column("reason", String(40), nullable=False),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("receipt", String(64), nullable=False),
    Column("link", String(200), nullable=False),  # a console path; the host is added on sending
    Column("subject_type", String(40), nullable=False),
    Column("subject_id", String(64), nullable=False),
    Column("note", Text, nullable=False, default=""),  # why it went to whom (never content)
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", String(40), nullable=True),
    Column("sent_at", String(40), nullable=True),
    Column("last_error", Text, nullable=True),
    Column("dedupe_key", String(500), nullable=False, unique=True),
    Index("ix_notifications_due", "sent_at", "next_attempt_at"),
    Index("ix_notifications_subject", "subject_type", "subject_id"),
)

# Every delivery attempt, kept (append-only): sent, refused, unreachable.
notification_attempts = Table(
    "notification_attempts",
    metadata,
    Column("attempt_id", Integer, primary_key=True, autoincrement=True),
    Column("notification_id", String(36), nullable=False, index=True),
    Column("at", String(40), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("error", Text, nullable=True),
)

ADDED_TABLES = (*ADDED_TABLES, notifications, notification_attempts)

# -- Losses and breaches (issue #10): the status trail of each report -----------------------

# Append-only (nothing updates or deletes a row): received, acknowledged, assigned, notified,
# commissioner_notified, hr_notified, device_revoked, closed (with its outcome), reopened.
report_events = Table(
    "report_events",
    metadata,
    Column("event_id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(36), nullable=False),  # a loss_report or breach_report
    Column("kind", String(40), nullable=False),
    Column("actor", String(200), nullable=False),  # a staff name, or "hq" for intake
    Column("detail", Text, nullable=False),
    Column("at", String(40), nullable=False),
    Index("ix_report_events_report", "report_id", "event_id"),
)
ADDED_TABLES = (*ADDED_TABLES, report_events)

# --- HQ's web console (issue #11) ---------------------------------------------------------
# Server-side sessions: the browser holds a random token, HQ only its SHA-256, so a copy of
# the database opens no session. `name` is None before sign-in (the ceremony's state lives in
# `data`); `authenticated_at` is the last time the person proved who they are (sign-in or
# re-authentication before a sensitive action).
console_sessions = Table(
    "console_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("name", String(200), nullable=True, index=True),
    Column("created_at", String(40), nullable=False),
    Column("last_seen", String(40), nullable=False),
    Column("authenticated_at", String(40), nullable=True),
    Column("csrf", String(64), nullable=False),
    Column("data", Text, nullable=False, default="{}"),
    # The last page this browser opened: where re-authentication sends a form's sender back.
    Column("last_page", String(512), nullable=True),
)

# Actions one person may not take alone (unsealing a case, issuing a recovery code): asked
# by one, approved by another holding the same role, then carried out once.
console_approvals = Table(
    "console_approvals",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("action", String(32), nullable=False),
    Column("subject_id", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Column("requested_by", String(200), nullable=False),
    Column("requested_at", String(40), nullable=False),
    Column("approved_by", String(200), nullable=True),
    Column("approved_at", String(40), nullable=True),
    Column("carried_out_by", String(200), nullable=True),
    Column("carried_out_at", String(40), nullable=True),
    Column("cancelled_by", String(200), nullable=True),
    Column("cancelled_at", String(40), nullable=True),
    Index("console_approvals_subject", "action", "subject_id"),
)

# Console sign-in. A person's account carries their setup link (its SHA-256 only, and when it
# lapses), their TOTP secret sealed with a key kept in HQ's data directory (so a copy of the
# database alone yields no codes) and the last TOTP time-step used (a code works once), and
# the random user handle their passkeys are bound to.
console_accounts = Table(
    "console_accounts",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("created_at", String(40), nullable=False),
    Column("user_handle", String(64), nullable=False, unique=True),
    Column("setup_hash", String(64), nullable=True, unique=True),
    Column("setup_expires_at", String(40), nullable=True),
    Column("totp_sealed", Text, nullable=True),
    Column("totp_last_step", BigInteger, nullable=True),
    Column("last_sign_in", String(40), nullable=True),
)
console_passkeys = Table(
    "console_passkeys",
    metadata,
    Column("credential_id", String(700), primary_key=True),  # base64url
    Column("name", String(200), nullable=False, index=True),
    Column("public_key", Text, nullable=False),  # COSE, base64url
    Column("sign_count", BigInteger, nullable=False, default=0),
    Column("transports", String(200), nullable=False, default=""),
    Column("label", String(100), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("last_used", String(40), nullable=True),
)
# One-time recovery codes: SHA-256 of each (80 random bits need no slow hash).
console_recovery_codes = Table(
    "console_recovery_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("name", String(200), nullable=False, index=True),
    Column("created_at", String(40), nullable=False),
    Column("used_at", String(40), nullable=True),
)
# Failed sign-ins per name ("name:…") and per source address ("addr:…"), for throttling.
console_signin_failures = Table(
    "console_signin_failures",
    metadata,
    Column("key", String(300), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_start", String(40), nullable=False),
    Column("blocked_until", String(40), nullable=True),
    Column("backoff_s", Integer, nullable=False, default=0),
)
# console_sessions too: an HQ made before the console has none.
ADDED_TABLES = (*ADDED_TABLES, console_sessions, console_accounts, console_passkeys,
                console_recovery_codes, console_signin_failures)

# --- signed acknowledgments (issue #12) ---------------------------------------------------
# Each certification of a vault's acknowledgment-signing key by HQ's CA: at enrollment, and
# again (the same key) at each re-enrollment, for the new device. `countersignature` is HQ's
# signed list of the digests of acknowledgments that key signed before it was certified
# (safeconf.domain.ack_proof), kept here and in the vault.
signing_certificates = Table(
    "signing_certificates",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key_fingerprint", String(64), nullable=False, index=True),
    Column("device_id", String(36), nullable=False, index=True),
    Column("worker_id", String(200), nullable=False),
    Column("certified_at", String(40), nullable=False),
    Column("certificate_pem", Text, nullable=False),
    Column("countersignature", Text, nullable=False),
)
ADDED_TABLES = (*ADDED_TABLES, signing_certificates)
