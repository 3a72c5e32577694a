"""Mail HQ owes people about reports and requests: queued in the database, sent through SMTP.

A message says only why it was sent in generic words, the receipt number and a link to the
console: never a name, a case number or a description. Whoever reads it signs in to the
console to see more, and that read is audited there.

Delivery is at-least-once: a notification is marked sent after the server accepted it, so
a crash between the two sends it again, under the same Message-ID, so a mailbox (or its
reader) can tell the copy for what it is. A refused or unreachable server leaves it queued
with exponential back-off, retried until accepted; every attempt is kept.

The client is the standard library's `smtplib`: one synchronous exchange per pass, run in a
thread, needs nothing an extra library (aiosmtplib) would add.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any, Protocol

from sqlalchemy import Connection, insert, select, update

from safeconf.hq import clock, schema
from safeconf.hq.db import Database, insert_ignoring_duplicates

log = logging.getLogger("safeconf.hq.notify")

FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(minutes=30)
# A pass claims a notification for this long before sending, so two HQ processes sharing
# one database do not both send it; a pass that dies leaves it to be retried after this.
CLAIM = timedelta(minutes=5)
MAX_ERROR = 500

# reason -> the only words about the matter a message carries.
REASONS: dict[str, str] = {
    "loss_received": "A loss was reported",
    "breach_received": "A breach of confidentiality was reported",
    "legal_request_received": "A legal request was logged",
    "escalation": "A report has not been acknowledged in time",
}

_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
                      r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
_RECEIPT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")
_LINK = re.compile(r"^/[A-Za-z0-9/_-]{1,199}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


class NotificationInvalid(ValueError):
    """Something a message would carry is not safe to carry; nothing was queued."""


class Recipient(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def email(self) -> str: ...


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    sender: str = "safeconf-hq@localhost"
    starttls: bool = False
    username: str | None = None
    password: str | None = None
    timeout: float = 30.0
    # Where the console is (`https://hq.example`); the message links to `{console_url}{link}`.
    console_url: str = ""

    def __post_init__(self) -> None:
        check_address(self.sender, "the sender address (--smtp-from)")
        if not self.host or any(c.isspace() for c in self.host):
            raise NotificationInvalid("Give the SMTP server's host name (--smtp-host).")
        if not 0 < self.port < 65536:
            raise NotificationInvalid("The SMTP port must be between 1 and 65535.")
        if self.console_url and not re.fullmatch(r"https?://[A-Za-z0-9.:\[\]-]+(/[A-Za-z0-9/_.-]*)?",
                                                 self.console_url):
            raise NotificationInvalid("--console-url must be an http(s) address, e.g. "
                                      "https://hq.example.org")


@dataclass(frozen=True)
class DeliveryReport:
    sent: int
    failed: int
    waiting: int


@dataclass(frozen=True)
class Notification:
    id: str
    created_at: str
    to_address: str | None
    to_name: str
    reason: str
    receipt: str
    link: str
    subject_type: str
    subject_id: str
    note: str
    attempts: int
    next_attempt_at: str | None
    sent_at: str | None
    last_error: str | None
    subject: str
    body: str

    @property
    def status(self) -> str:
        if self.sent_at:
            return "sent"
        if self.to_address is None:
            return "nobody to tell"
        return "waiting" if self.attempts else "queued"


def check_address(address: str, what: str = "the address") -> str:
    if not isinstance(address, str) or len(address) > 254 or not _ADDRESS.match(address):
        raise NotificationInvalid(f"{what} is not a plain e-mail address (name@example.org).")
    return address


def check_name(name: str) -> str:
    if not isinstance(name, str) or len(name) > 200 or not name.isprintable():
        raise NotificationInvalid("A recipient's name must be printable text of at most 200 "
                                  "characters.")
    return name


def _check(pattern: re.Pattern[str], value: str, what: str) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        raise NotificationInvalid(f"{what} has characters a notification may not carry.")
    return value


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: 30 s doubling, at most 30 min."""
    wait = FIRST_RETRY * (2 ** min(max(attempts - 1, 0), 16))
    return min(wait, LONGEST_RETRY)


def _subject(reason: str, receipt: str) -> str:
    return f"safeconf: {REASONS[reason]} (receipt {receipt})"


def _body(reason: str, receipt: str, extra: str) -> str:
    lines = [f"{REASONS[reason]}.", "", f"Receipt number: {receipt}", ""]
    if extra:
        lines += [extra, ""]
    lines += ["Open it in the HQ console to see it and to act on it:", "{link}", "",
              "This message holds no case information on purpose. Do not forward it.", ""]
    return "\n".join(lines)


# Fixed sentences the body may add: why this person was told (never case content).
NOTES: dict[str, str] = {
    "": "",
    "no_supervisor": "No supervisor is on record for the worker who reported it, so no "
                     "supervisor has been told. Set one with `safeconf-hq supervisors set`.",
    "nobody": "Nobody with the role that handles it is on record at HQ.",
}


def queue(conn: Connection, to: Recipient | None, reason: str, receipt: str,
          subject_type: str, subject_id: str, link: str, now: datetime,
          note: str = "") -> str | None:
    """Queue one message; returns its id, or None if this person was already told this.

    `to=None` records that nobody could be found (shown by `notifications list`, never
    sent), so a report is never dropped silently.
    """
    if reason not in REASONS:
        raise NotificationInvalid(f"unknown notification reason {reason!r}")
    if note not in NOTES:
        raise NotificationInvalid(f"unknown notification note {note!r}")
    _check(_RECEIPT, receipt, "The receipt number")
    _check(_LINK, link, "The console link")
    _check(_TOKEN, subject_type, "The subject type")
    _check(_TOKEN, subject_id, "The subject id")
    address = check_address(to.email, "the recipient's address") if to is not None else None
    name = check_name(to.name) if to is not None else ""
    notification_id = str(uuid.uuid4())
    key = f"{reason}|{subject_type}|{subject_id}|{(address or '').lower()}"
    stamp = clock.iso(now)
    result = conn.execute(
        insert_ignoring_duplicates(conn, schema.notifications, ["dedupe_key"]).values(
            id=notification_id, created_at=stamp, to_address=address, to_name=name,
            reason=reason, subject=_subject(reason, receipt),
            body=_body(reason, receipt, NOTES[note]), receipt=receipt, link=link,
            subject_type=subject_type, subject_id=subject_id, note=note, attempts=0,
            next_attempt_at=stamp if address else None, sent_at=None, last_error=None,
            dedupe_key=key,
        ).returning(schema.notifications.c.id))
    if result.first() is None:  # this person was told this already
        return None
    if address is None:
        log.error("notification %s (%s %s): nobody to tell", notification_id, reason,
                  subject_id)
    else:
        log.info("notification %s queued (%s %s)", notification_id, reason, subject_id)
    return notification_id


def message(row: Notification, smtp: SmtpSettings) -> EmailMessage:
    """The e-mail for one notification. Headers come from validated parts through
    `EmailMessage`, which refuses line breaks in header values."""
    assert row.to_address is not None
    msg = EmailMessage()
    msg["From"] = Address(addr_spec=smtp.sender)
    msg["To"] = Address(display_name=row.to_name, addr_spec=row.to_address)
    msg["Subject"] = row.subject
    msg["Date"] = format_datetime(clock.parse(row.created_at))
    msg["Message-ID"] = message_id(row.id, smtp.sender)
    msg["Auto-Submitted"] = "auto-generated"
    link = f"{smtp.console_url.rstrip('/')}{row.link}" if smtp.console_url else row.link
    msg.set_content(row.body.replace("{link}", link))
    return msg


def message_id(notification_id: str, sender: str) -> str:
    """The same on every attempt, so a copy sent again after a crash is recognisable."""
    return f"<notification-{notification_id}@{sender.rpartition('@')[2]}>"


def _row(r: Any) -> Notification:
    return Notification(
        id=r.id, created_at=r.created_at, to_address=r.to_address, to_name=r.to_name,
        reason=r.reason, receipt=r.receipt, link=r.link, subject_type=r.subject_type,
        subject_id=r.subject_id, note=r.note, attempts=int(r.attempts),
        next_attempt_at=r.next_attempt_at, sent_at=r.sent_at, last_error=r.last_error,
        subject=r.subject, body=r.body)


def list_notifications(db: Database, pending_only: bool = False) -> list[Notification]:
    n = schema.notifications
    query = select(n).order_by(n.c.created_at, n.c.id)
    if pending_only:
        query = query.where(n.c.sent_at.is_(None))
    with db.read() as conn:
        return [_row(r) for r in conn.execute(query)]


def attempts_of(db: Database, notification_id: str) -> list[tuple[str, str, str | None]]:
    a = schema.notification_attempts
    with db.read() as conn:
        return [(r.at, r.outcome, r.error) for r in conn.execute(
            select(a).where(a.c.notification_id == notification_id)
            .order_by(a.c.attempt_id))]


def _claim_due(db: Database, now: datetime) -> list[Notification]:
    n = schema.notifications
    stamp = clock.iso(now)
    claimed: list[Notification] = []
    with db.write() as conn:
        due = [_row(r) for r in conn.execute(
            select(n).where(n.c.sent_at.is_(None), n.c.to_address.is_not(None),
                            n.c.next_attempt_at <= stamp)
            .order_by(n.c.next_attempt_at, n.c.id).limit(200))]
        for row in due:
            # Conditional on the value read: another process that claimed it first wins.
            done = conn.execute(update(n).where(n.c.id == row.id,
                                                n.c.next_attempt_at == row.next_attempt_at,
                                                n.c.sent_at.is_(None))
                                .values(next_attempt_at=clock.iso(now + CLAIM)))
            if done.rowcount == 1:
                claimed.append(row)
    return claimed


def _record(db: Database, row: Notification, now: datetime, error: str | None,
            outcome: str) -> None:
    n = schema.notifications
    stamp = clock.iso(now)
    with db.write() as conn:
        conn.execute(insert(schema.notification_attempts).values(
            notification_id=row.id, at=stamp, outcome=outcome,
            error=None if error is None else error[:MAX_ERROR]))
        attempts = row.attempts + 1
        if error is None:
            conn.execute(update(n).where(n.c.id == row.id).values(
                attempts=attempts, sent_at=stamp, next_attempt_at=None, last_error=None))
            _audit(conn, row)
        else:
            conn.execute(update(n).where(n.c.id == row.id).values(
                attempts=attempts, last_error=error[:MAX_ERROR],
                next_attempt_at=clock.iso(now + backoff(attempts))))


def _audit(conn: Connection, row: Notification) -> None:
    """The notification itself goes into HQ's own audit log."""
    from safeconf.hq import admin_audit

    admin_audit.record(conn, "hq", "notified", row.subject_type, row.subject_id,
                       detail=row.to_address or "")


class _Connection:
    """One SMTP session for a delivery pass, opened on first use."""

    def __init__(self, smtp: SmtpSettings) -> None:
        self.settings = smtp
        self.client: smtplib.SMTP | None = None

    def send(self, msg: EmailMessage, to_address: str) -> None:
        if self.client is None:
            self.client = self._open()
        self.client.send_message(msg, from_addr=self.settings.sender, to_addrs=[to_address])

    def _open(self) -> smtplib.SMTP:
        s = self.settings
        client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        try:
            client.ehlo()
            if s.starttls:
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if s.username:
                client.login(s.username, s.password or "")
        except BaseException:
            client.close()
            raise
        return client

    def drop(self) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (smtplib.SMTPException, OSError):
                self.client.close()
            self.client = None


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply


def _describe(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = "; ".join(f"{code} {_text(text)}" for code, text in exc.recipients.values())
        return "refused", f"the server refused the recipient: {codes}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return "refused", (f"the server refused: {exc.smtp_code} "
                           f"{_text(exc.smtp_error)}")
    if isinstance(exc, smtplib.SMTPException | OSError):
        return "unreachable", f"no SMTP server reachable: {exc}"
    return "error", f"{type(exc).__name__}: {exc}"


def deliver_due(db: Database, smtp: SmtpSettings, now: datetime | None = None,
                ) -> DeliveryReport:
    """Send every notification that is due; the rest wait for their next attempt."""
    moment = now or clock.now()
    claimed = _claim_due(db, moment)
    connection = _Connection(smtp)
    sent = failed = 0
    unreachable: tuple[str, str] | None = None
    try:
        for row in claimed:
            if unreachable is not None:
                # One unreachable server fails the whole pass; no wait on each message.
                _record(db, row, moment, unreachable[1], unreachable[0])
                failed += 1
                continue
            try:
                opened = connection.client is not None
                connection.send(message(row, smtp), str(row.to_address))
            except Exception as exc:  # every failure is kept and retried
                outcome, error = _describe(exc)
                if not opened and connection.client is None:
                    unreachable = (outcome, error)
                log.warning("notification %s not sent (attempt %d): %s", row.id,
                            row.attempts + 1, error)
                _record(db, row, moment, error, outcome)
                failed += 1
                if not isinstance(exc, smtplib.SMTPRecipientsRefused):
                    connection.drop()  # the session may be unusable; the next opens anew
                continue
            _record(db, row, moment, None, "sent")
            log.info("notification %s sent", row.id)
            sent += 1
    finally:
        connection.drop()
    return DeliveryReport(sent, failed, _waiting(db))


def _waiting(db: Database) -> int:
    n = schema.notifications
    with db.read() as conn:
        return len(conn.execute(select(n.c.id).where(n.c.sent_at.is_(None),
                                                     n.c.to_address.is_not(None))).all())


def format_table(rows: Iterable[Notification]) -> str:
    from safeconf.domain.termsafe import safe

    rows = list(rows)
    if not rows:
        return "No notifications."
    lines = [f"{'ID':36}  {'QUEUED':20}  {'REASON':22}  {'RECEIPT':16}  {'STATUS':14}  "
             f"{'TRIES':5}  TO / NEXT TRY / LAST ERROR"]
    for r in rows:
        status = r.status
        detail = safe(r.to_address or "-")
        if r.sent_at:
            detail += f"  sent {clock.short(r.sent_at)}"
        elif r.to_address and r.next_attempt_at:
            detail += f"  next {clock.short(r.next_attempt_at)}"
        if r.note:
            detail += f"  ({r.note})"
        if r.last_error and not r.sent_at:
            detail += f"  last error: {safe(r.last_error)}"
        lines.append(f"{r.id:36}  {clock.short(r.created_at):20}  {r.reason:22}  "
                     f"{safe(r.receipt):16}  {status:14}  {r.attempts:5}  {detail}")
    return "\n".join(lines)
