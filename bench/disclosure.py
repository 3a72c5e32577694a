"""Disclosure benchmark: rule decisions per second (goal >= 10,000/s), and a redacted copy of
a case with 50 conferences and 300 notes (goals: preview <= 1 s, PDF <= 2 s).

    .venv/bin/python bench/disclosure.py

Decisions: each round decides every recipient × case state × information kind, with a
handful of consents on file (one expired, one revoked, one for other information, one
current), so the consent search runs as it would for a real case. The baseline, measured in
the same run, is building the same request objects without deciding anything.

Copies (`bench/copies.py`): a real temporary vault (passphrase only, no keyring). Preview =
build the document from the vault + find candidates + redact + the preview's text; PDF =
render the redacted document. Each against the same work unredacted, in the same run.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

from safeconf.domain.disclosure_policy import (
    Extent,
    HealthPurpose,
    Information,
    Mode,
    Recipient,
    Request,
    decide,
)

GOAL_PER_SECOND = 10_000
ROUNDS = 200
PERSON = "0190aaaa-0000-7000-8000-000000000001"


@dataclass(frozen=True)
class Consent:
    id: str
    information: tuple[str, ...]
    valid_until: str = "2026-12-31"
    revoked_at: str | None = None
    state: str = "given"
    person_id: str = PERSON
    given_by: str = "person"
    recipients: tuple[str, ...] = ("Dr. Ana Ruiz", "Hartford Family Services")
    valid_from: str = "2026-01-01"


CONSENTS = [
    Consent("expired", ("whole_record",), valid_until="2026-02-01"),
    Consent("revoked", ("conference_summary",), revoked_at="2026-02-02T09:00:00+00:00"),
    Consent("other", ("legal_advice",)),
    Consent("current", ("chosen_notes", "health_information")),
]
CASES = [(True, False), (False, False), (True, True)]
SHAPES = list(itertools.product(Recipient, CASES, Information, (None, HealthPurpose.TREATMENT)))


def build() -> list[Request]:
    return [Request(case_open=open_, sealed=sealed, person_id=PERSON, information=info,
                    mode=Mode.COPY, extent=Extent.PART, recipient=recipient,
                    recipient_name="Dr. Ana Ruiz", on="2026-03-15", health_purpose=purpose)
            for recipient, (open_, sealed), info, purpose in SHAPES]


def build_and_decide() -> int:
    return sum(1 for r in build() if decide(r, CONSENTS).exit_code >= 0)


def timed(fn: object, rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        fn()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> int:
    timed(build_and_decide, 5)  # warm up
    n = len(SHAPES) * ROUNDS
    baseline = timed(build, ROUNDS)
    total = timed(build_and_decide, ROUNDS)
    rules_only = max(total - baseline, 1e-9)
    rows = [
        ("build requests only (baseline)", baseline, n / baseline),
        ("build and decide", total, n / total),
        ("decide alone (difference)", rules_only, n / rules_only),
    ]
    print(f"{'measure':<34} {'decisions':>10} {'seconds':>9} {'per second':>12}")
    for name, seconds, rate in rows:
        print(f"{name:<34} {n:>10,} {seconds:>9.3f} {rate:>12,.0f}")
    met = n / total >= GOAL_PER_SECOND
    print(f"\ngoal: >= {GOAL_PER_SECOND:,} decisions/s (building included) -> "
          f"{n / total:,.0f}/s: {'met' if met else 'NOT met'}\n")
    from copies import bench_copies  # a sibling of this file

    return 0 if met and bench_copies() else 1


if __name__ == "__main__":
    raise SystemExit(main())
