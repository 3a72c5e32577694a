import itertools

import pytest

from safeconf.domain.conference_states import ALLOWED, check_transition, is_read_only
from safeconf.domain.errors import IllegalTransition, ReadOnlyRecord
from safeconf.domain.records import ConferenceState as S

LEGAL = [
    (S.SCHEDULED, S.CHECKING_IN),
    (S.CHECKING_IN, S.IN_SESSION),
    (S.IN_SESSION, S.CONCLUDED),
    (S.CONCLUDED, S.IN_SESSION),
    (S.CONCLUDED, S.FINALIZED),
]


@pytest.mark.parametrize(("current", "target"), LEGAL)
def test_every_step_of_the_workflow_is_allowed(current, target):
    check_transition(current, target)


ILLEGAL = [
    pair
    for pair in itertools.product(S, S)
    if pair not in LEGAL and pair[0] is not S.FINALIZED
]


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_every_other_step_raises_a_readable_error(current, target):
    with pytest.raises(IllegalTransition, match="cannot become"):
        check_transition(current, target)


@pytest.mark.parametrize("target", list(S))
def test_a_finalized_conference_cannot_move_at_all(target):
    with pytest.raises(ReadOnlyRecord, match="addendum"):
        check_transition(S.FINALIZED, target)


def test_the_table_lists_exactly_the_legal_steps():
    assert {(a, b) for a, targets in ALLOWED.items() for b in targets} == set(LEGAL)


def test_only_finalized_is_read_only():
    assert [s for s in S if is_read_only(s)] == [S.FINALIZED]
