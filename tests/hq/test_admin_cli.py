"""`safeconf-hq` as an administrator uses it: init, cases import/assign/seal/close, devices,
and serve starting and stopping cleanly."""

from __future__ import annotations

import ipaddress
import signal
import stat
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from hq_harness import HQ, ServerProcess, new_worker, run_cli
from sqlalchemy import select

from safeconf.hq import schema
from safeconf.sync import OutboxItem


def test_init_makes_a_private_ca_and_server_certificate_and_refuses_to_redo_it(
        tmp_path: Path) -> None:
    data = tmp_path / "hq"
    result = run_cli("init", "--data-dir", str(data), "--host", "hq.agency.example",
                     "--host", "10.1.2.3")
    assert "CA fingerprint" in result.stdout
    for name in ("ca-key.pem", "server-key.pem", "ca.pem", "hq.json", "hq.sqlite3"):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    server = x509.load_pem_x509_certificate((data / "server.pem").read_bytes())
    san = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["hq.agency.example"]
    assert san.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("10.1.2.3")]
    ca_before = (data / "ca-key.pem").read_bytes()
    again = run_cli("init", "--data-dir", str(data), check=False)
    assert again.returncode != 0 and "refusing to replace" in again.stderr
    assert (data / "ca-key.pem").read_bytes() == ca_before


def test_commands_explain_a_missing_data_directory(tmp_path: Path) -> None:
    result = run_cli("devices", "--data-dir", str(tmp_path / "nowhere"), check=False)
    assert result.returncode == 1
    assert "init" in result.stderr and "Traceback" not in result.stderr


def _import(hq: HQ, tmp_path: Path, text: str) -> tuple[int, str, str]:
    path = tmp_path / f"cases-{uuid.uuid4().hex[:6]}.csv"
    path.write_text(text, encoding="utf-8")
    result = hq.cli("cases", "import", str(path), check=False)
    return result.returncode, result.stdout, result.stderr


def test_a_good_csv_imports_every_case_with_its_workers(make_hq: Callable[[], HQ],
                                                        tmp_path: Path) -> None:
    hq = make_hq()
    code, out, err = _import(hq, tmp_path, "case_number,family_name,assigned_workers\n"
                                           "2026-001,Núñez,ana;ben\n2026-002,O'Brien,\n"
                                           '2026-003,"Smith, Jr.",ben\n')
    assert code == 0, err
    assert "Imported 3 cases" in out
    with hq.db.read() as conn:
        rows = conn.execute(select(schema.assignments.c.worker_id)
                            .order_by(schema.assignments.c.worker_id)).scalars().all()
    assert rows == ["ana", "ben", "ben"]
    assert hq.count(schema.records, schema.records.c.type == "case") == 3
    assert hq.count(schema.changes) == 3


def test_a_bad_csv_imports_nothing_and_names_every_bad_line(make_hq: Callable[[], HQ],
                                                            tmp_path: Path) -> None:
    hq = make_hq()
    _import(hq, tmp_path, "case_number,family_name,assigned_workers\nOLD-1,Lee,ana\n")
    code, _out, err = _import(hq, tmp_path, "case_number,family_name,assigned_workers\n"
                                            "2026-010,Good,ana\n"
                                            "2026-011,,ana\n"
                                            "2026-012,Bad worker,ana b\n"
                                            "2026-010,Twice,ana\n"
                                            "only-two,columns\n")
    assert code == 1
    assert "Nothing was imported" in err
    for line in ("line 3", "line 4", "line 5", "line 6"):
        assert line in err
    assert "line 2:" not in err
    code, _out, err = _import(hq, tmp_path, "case_number,family_name,assigned_workers\n"
                                            "2026-020,New,ana\nOLD-1,Again,ana\n")
    assert code == 1 and "line 3: case number already at HQ" in err
    assert hq.count(schema.cases) == 1
    code, _out, err = _import(hq, tmp_path, "number,family\n1,2\n")
    assert code == 1 and "header" in err
    assert hq.count(schema.cases) == 1 and hq.count(schema.records) == 1


def test_cases_closed_past_retention_are_purged(make_hq: Callable[[], HQ]) -> None:
    hq = make_hq()
    hq.serve("--retention-days", "0")
    worker = new_worker()
    open_case, closed_case = hq.add_case(worker), hq.add_case(worker)
    _, laptop = hq.device(worker)
    assert laptop.pull(0).purge == ()
    hq.cli("cases", "close", hq.case_number(closed_case))
    page = laptop.pull(0)
    assert page.purge == (closed_case,)
    assert {i.record.case_id for i in page.items} == {open_case}
    hq.cli("cases", "reopen", hq.case_number(closed_case))
    assert laptop.pull(0).purge == ()


def test_a_caseworker_closing_a_case_starts_its_retention(make_hq: Callable[[], HQ]) -> None:
    hq = make_hq()
    hq.serve("--retention-days", "0")
    worker = new_worker()
    case_id = hq.add_case(worker)
    _, laptop = hq.device(worker)
    case = next(i.record for i in laptop.pull(0).items if i.record.id == case_id)
    import dataclasses

    from safeconf.domain.records import CaseStatus

    closed = dataclasses.replace(case, status=CaseStatus.CLOSED, version=case.version + 1)
    result = laptop.push(str(uuid.uuid4()), [OutboxItem.of(1, closed, case.version)])
    assert result.conflicts == ()
    assert laptop.pull(0).purge == (case_id,)


def test_assigning_an_unknown_case_or_unassigning_a_stranger_says_so(shared_hq: HQ) -> None:
    result = shared_hq.cli("cases", "assign", "NO-SUCH-CASE", "ana", check=False)
    assert result.returncode == 1 and "no case" in result.stderr
    case_id = shared_hq.add_case("ana")
    result = shared_hq.cli("cases", "unassign", shared_hq.case_number(case_id), "zed",
                           check=False)
    assert result.returncode == 1 and "not assigned" in result.stderr
    result = shared_hq.cli("revoke", str(uuid.uuid4()), check=False)
    assert result.returncode == 1 and "no device" in result.stderr


def test_devices_lists_an_aligned_table(shared_hq: HQ) -> None:
    worker = new_worker()
    enrolled, laptop = shared_hq.device(worker)
    laptop.pull(0)
    lines = shared_hq.cli("devices").stdout.splitlines()
    header = lines[0]
    for column in ("DEVICE", "WORKER", "LAST SYNC", "CERT EXPIRES", "STATUS", "AUDIT CHAIN"):
        assert column in header
    row = next(line for line in lines if enrolled.device_id in line)
    assert row.index(worker) == header.index("WORKER")
    assert "never" not in row and "active" in row


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_stops_cleanly_on_a_signal(make_hq: Callable[[], HQ], sig: int) -> None:
    hq = make_hq()
    server = ServerProcess(hq.data.path, hq.database_url).start()
    assert server.sync_url.startswith("https://127.0.0.1:")
    assert server.proc is not None
    server.proc.send_signal(sig)
    assert server.wait_exit() == 0
