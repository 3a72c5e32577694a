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


class AlreadyAcknowledged(DomainError):
    """An attendee who already acknowledged the statement shown was asked to do it again."""


class NotTheirAcknowledgment(DomainError):
    """A typed name that is not the attendee's, or a witness who is the facilitator or the
    attendee; `problem` says which (an `acknowledgment_rules.AckProblem`)."""

    def __init__(self, problem: str, message: str) -> None:
        super().__init__(message)
        self.problem = problem
