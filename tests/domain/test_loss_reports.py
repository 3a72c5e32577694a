"""Loss and breach reports as records: the field rules, and the receipt number both the
laptop and HQ work out from the record id."""

from __future__ import annotations

import dataclasses

import pytest

from safeconf.domain import codec
from safeconf.domain.caseless import HANDLING_ROLES, REPORT_TYPES, is_caseless
from safeconf.domain.codec import APPEND_ONLY_TYPES, HQ_AUTHORED_TYPES, RECORD_TYPES
from safeconf.domain.ids import new_id
from safeconf.domain.records import BreachReport, LossKind, LossReport
from safeconf.domain.reports import parse_receipt, receipt
from safeconf.domain.validation import FieldError, parse_record, validate

CASE = "11111111-1111-4111-8111-111111111111"
WHEN = "2026-11-30T18:00:00+00:00"


def loss(**changes: object) -> LossReport:
    fields: dict[str, object] = dict(lost=LossKind.PAPER_NOTES, happened_at=WHEN,
                                     affected_unknown=True, reported_by="w")
    return LossReport(**{**fields, **changes})  # type: ignore[arg-type]


def test_reports_are_append_only_records_of_no_case_that_laptops_write() -> None:
    assert "incident" not in RECORD_TYPES
    for name in REPORT_TYPES:
        assert name in RECORD_TYPES and name in APPEND_ONLY_TYPES and is_caseless(name)
        assert name not in HQ_AUTHORED_TYPES
    assert HANDLING_ROLES["breach_report"] == {"legal_director"}
    assert HANDLING_ROLES["loss_report"] == {"supervisor", "administrator", "legal_director"}


def test_a_well_formed_loss_and_breach_round_trip_through_the_wire_form() -> None:
    for record in (loss(affected_unknown=False, affected_case_ids=(CASE,)),
                   loss(lost=LossKind.DEVICE, device_id=new_id(), stolen=True),
                   BreachReport(what="sent to the wrong school", happened_at=WHEN,
                                affected_unknown=True, reported_by="w")):
        assert parse_record(codec.type_name(record), codec.to_dict(record)) == record


@pytest.mark.parametrize(("changes", "field"), [
    ({"affected_unknown": False}, "affected_case_ids"),
    ({"affected_case_ids": (CASE,)}, "affected_case_ids"),
    ({"affected_unknown": False, "affected_case_ids": (CASE, CASE)}, "affected_case_ids"),
    ({"affected_unknown": False, "affected_case_ids": ("C-1",)}, "affected_case_ids"),
    ({"affected_unknown": False, "affected_case_ids": tuple(new_id() for _ in range(1001))},
     "affected_case_ids"),
    ({"device_id": new_id()}, "device_id"),  # a device named, but paper was lost
    ({"lost": LossKind.DEVICE, "device_id": "laptop 7"}, "device_id"),
    ({"lost": LossKind.OTHER}, "description"),  # "other" says what
    ({"happened_at": "2999-01-01T00:00:00+00:00"}, "happened_at"),
    ({"happened_at": "yesterday"}, "happened_at"),
    ({"case_id": CASE}, "case_id"),
    ({"reported_by": " "}, "reported_by"),
    ({"where": "bus\x1b[2J"}, "where"),
])
def test_a_malformed_loss_is_refused_naming_the_field(changes: dict[str, object],
                                                      field: str) -> None:
    with pytest.raises(FieldError) as refused:
        validate(dataclasses.replace(loss(), **changes))
    assert refused.value.field == f"loss_report.{field}"


def test_a_breach_says_what_happened() -> None:
    with pytest.raises(FieldError, match=r"breach_report\.what"):
        validate(BreachReport(what="  ", happened_at=WHEN, affected_unknown=True,
                              reported_by="w"))


def test_the_receipt_is_the_same_wherever_it_is_worked_out_and_reads_back_forgivingly(
) -> None:
    record_id = "01a235aa-da7d-765b-b67b-6d8680ad5d87"
    number = receipt("loss_report", record_id)
    assert number == receipt("loss_report", record_id) and number.startswith("L-")
    assert len(number) == 10 and not set(number[2:]) & set("ILOU")
    assert receipt("breach_report", record_id) == "B-" + number[2:]
    assert parse_receipt(f"  {number.lower()} ") == number
    assert parse_receipt(number[:2] + number[2:].replace("0", "O").replace("1", "I")) == number
    for bad in ("", "L-", "X-12345678", "L-123456789", "L_12345678", "L-1234567U"):
        assert parse_receipt(bad) is None
    with pytest.raises(ValueError):
        receipt("note", record_id)


def test_receipts_differ_for_ids_made_in_the_same_millisecond() -> None:
    assert len({receipt("loss_report", new_id()) for _ in range(2000)}) == 2000
