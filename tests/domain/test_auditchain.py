from safeconf.domain.auditchain import GENESIS_HASH, event_hash, verify_chain


def chain(n):
    events, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        body = {"seq": seq, "action": "create", "record_id": f"r{seq}", "prev_hash": prev}
        event = {**body, "hash": event_hash(body)}
        events.append(event)
        prev = event["hash"]
    return events


def test_an_untouched_chain_verifies():
    assert verify_chain(chain(5)) is None


def test_an_altered_event_is_found():
    events = chain(5)
    events[2] = {**events[2], "action": "view"}
    assert verify_chain(events) == 2


def test_a_removed_event_breaks_the_next_link():
    events = chain(5)
    del events[1]
    assert verify_chain(events) == 1


def test_swapped_events_are_found():
    events = chain(4)
    events[1], events[2] = events[2], events[1]
    assert verify_chain(events) == 1


def test_a_chain_can_be_verified_from_the_middle_given_the_previous_hash():
    events = chain(6)
    assert verify_chain(events[3:], events[2]["hash"]) is None
    assert verify_chain(events[3:]) == 0
