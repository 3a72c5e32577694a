"""Errors raised by domain rules; each message is one a caseworker can read."""


class DomainError(Exception):
    """A rule of the conference or of the confidentiality policy was broken."""


class IllegalTransition(DomainError):
    """A conference was asked to move to a state it cannot reach from where it is."""


class ReadOnlyRecord(DomainError):
    """A finalized conference (or anything in it) was asked to change."""


class GateClosed(DomainError):
    """Notes were written before every present attendee acknowledged confidentiality."""


class InvalidRecord(DomainError, ValueError):
    """A record's fields break a rule (empty name, text too large, unknown value)."""
