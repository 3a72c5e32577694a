"""Who an acknowledgment may name: a typed name must be the attendee's own, and the witness
of a verbal agreement must be someone other than the facilitator who attests it and the
attendee who agreed. Pure functions, applied by the service and wherever a record lands."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from safeconf.domain.records import AckMethod, Acknowledgment, Attendee

_WORD = re.compile(r"[^\W\d_]+")  # runs of letters; dots, hyphens and commas split words


def name_words(name: str) -> list[str]:
    """The words of a name, without accents or case: "Lucía Ramos-García" → lucia, ramos,
    garcia."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name)
                    if not unicodedata.combining(c))
    return _WORD.findall(plain.casefold())


def typed_name_matches(typed: str, recorded: str) -> bool:
    """True when `typed` names the attendee recorded as `recorded`: it holds one of the
    recorded family names (any word after the first, so either of two Spanish surnames
    counts) and, as another word, the given name or its initial. Order, case, accents and
    extra middle names do not matter; a nickname ("Jim" for James) does not match. A
    one-word name must be typed as that word."""
    words = name_words(recorded)
    typed_words = name_words(typed)
    if not words or not typed_words:
        return False
    given, family = words[0], words[1:]
    if not family:
        return given in typed_words
    for index, word in enumerate(typed_words):
        if word in family:
            others = typed_words[:index] + typed_words[index + 1:]
            if given in others or given[0] in others:
                return True
    return False


def same_person(one: str, other: str) -> bool:
    """Whether two written names plausibly name the same person (either direction, so
    "J. Okafor" and "James Okafor" are the same, "Mary Okafor" is not)."""
    return bool(one.strip() and other.strip()) and (
        typed_name_matches(one, other) or typed_name_matches(other, one))


class AckProblem(StrEnum):
    TYPED_NAME_NOT_THEIRS = "typed_name_not_theirs"
    WITNESS_IS_FACILITATOR = "witness_is_facilitator"
    WITNESS_IS_ATTENDEE = "witness_is_attendee"


def acknowledgment_problem(ack: Acknowledgment, attendee: Attendee | None,
                           facilitator: str) -> AckProblem | None:
    """Why `ack` does not hold as the attendee's own acknowledgment, or None. `attendee`
    may be unknown (a pulled page can bring an acknowledgment before its attendee): then
    only the witness is judged against the facilitator."""
    if ack.method is AckMethod.TYPED_NAME and attendee is not None and \
            not typed_name_matches(ack.typed_name, attendee.name):
        return AckProblem.TYPED_NAME_NOT_THEIRS
    if ack.method is AckMethod.VERBAL:
        attesters = [n for n in (ack.attested_by, facilitator) if n.strip()]
        if any(same_person(ack.witness, name) for name in attesters):
            return AckProblem.WITNESS_IS_FACILITATOR
        if attendee is not None and same_person(ack.witness, attendee.name):
            return AckProblem.WITNESS_IS_ATTENDEE
    return None


def problem_message(problem: AckProblem, attendee_name: str = "") -> str:
    """The problem in a sentence a caseworker can read (English; the interface words it
    again in its own language)."""
    if problem is AckProblem.TYPED_NAME_NOT_THEIRS:
        return ("The typed name must be the attendee's own name as recorded"
                + (f", {attendee_name}" if attendee_name else "")
                + " (the given name may be an initial).")
    if problem is AckProblem.WITNESS_IS_FACILITATOR:
        return ("The facilitator attests a verbal agreement and cannot also be its witness; "
                "name someone else who heard it.")
    return "The attendee cannot witness their own agreement; name someone else who heard it."
