"""Check the built .debs as a distribution would, and print one line per check.

    python packaging/check_packages.py --debs DIR [--no-lintian]

DIR holds safeconf_*_amd64.deb and safeconf-hq_*_amd64.deb.  Checks: desktop-file-validate
on the desktop entry; appstreamcli validate (the metainfo) and validate-tree (metainfo,
desktop file and icon as installed); systemd-analyze verify and security on the HQ unit;
lintian on both packages (errors fail, warnings are listed).  Exit 1 when any check fails,
2 when a tool is missing.  Debian 12:
    apt-get install desktop-file-utils appstream systemd lintian
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

APP_ID = "org.safeconf.SafeConf"
UNIT = "safeconf-hq.service"
# systemd-analyze security's overall exposure, times ten; the unit scores 1.1 today.
MAX_EXPOSURE = "20"
TOOLS = {"dpkg-deb": "dpkg", "desktop-file-validate": "desktop-file-utils",
         "appstreamcli": "appstream", "systemd-analyze": "systemd", "lintian": "lintian"}


@dataclass
class Result:
    check: str
    package: str
    ok: bool
    seconds: float
    detail: str


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debs", type=Path, required=True)
    parser.add_argument("--no-lintian", action="store_true", help="skip lintian (the slow one)")
    args = parser.parse_args(argv)
    missing = [f"{tool} ({pkg})" for tool, pkg in TOOLS.items() if shutil.which(tool) is None]
    if missing:
        print(f"check_packages: missing {', '.join(missing)}; apt-get install "
              + " ".join(TOOLS[m.split()[0]] for m in missing), file=sys.stderr)
        return 2
    desktop, hq = find_deb(args.debs, "safeconf"), find_deb(args.debs, "safeconf-hq")
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="check-packages-") as tmp:
        desktop_root = unpack(desktop, Path(tmp) / "safeconf")
        results += check_desktop(desktop_root)
        hq_root = Path(tmp) / "safeconf-hq"
        copy_system_units(hq_root)
        unpack(hq, hq_root)
        results += check_unit(hq_root)
    if not args.no_lintian:
        results += check_lintian([desktop, hq])
    print_table(results)
    return 0 if all(r.ok for r in results) else 1


def find_deb(folder: Path, package: str) -> Path:
    found = sorted(folder.glob(f"{package}_*_amd64.deb"))
    if len(found) != 1:
        sys.exit(f"check_packages: want one {package}_*_amd64.deb in {folder}, found {len(found)}")
    return found[0]


def unpack(deb: Path, root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def copy_system_units(root: Path) -> None:
    """The host's own units into the temp root, so that `verify --root` finds the targets
    the service depends on (sysinit.target, network-online.target) next to the unit."""
    for folder in ("lib/systemd/system", "usr/lib/systemd/system"):
        src = Path("/") / folder
        if src.is_dir() and not src.is_symlink():
            shutil.copytree(src, root / folder, symlinks=True, dirs_exist_ok=True)


def run(check: str, package: str, argv: list[str], ok_codes: tuple[int, ...] = (0,),
        summary: str | None = None) -> Result:
    start = time.monotonic()
    done = subprocess.run(argv, capture_output=True, text=True)
    seconds = time.monotonic() - start
    output = (done.stdout + done.stderr).strip()
    ok = done.returncode in ok_codes
    detail = summary or last_line(output) or ("ok" if ok else f"exit {done.returncode}")
    if not ok and output:
        print(f"--- {check} ({package}) failed:\n{output}\n", file=sys.stderr)
    return Result(check, package, ok, seconds, detail)


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def check_desktop(root: Path) -> list[Result]:
    entry = root / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
    metainfo = root / "usr" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
    return [
        run("desktop-file-validate", "safeconf", ["desktop-file-validate", str(entry)]),
        run("appstreamcli validate", "safeconf",
            ["appstreamcli", "validate", "--no-net", "--no-color", str(metainfo)]),
        # The installed tree: the metainfo's launchable desktop file and its icon.
        run("appstreamcli validate-tree", "safeconf",
            ["appstreamcli", "validate-tree", "--no-net", "--no-color", str(root)]),
    ]


def check_unit(root: Path) -> list[Result]:
    # --root: the unit as installed; ExecStart=/usr/bin/safeconf-hq and the link into
    # /opt/safeconf-hq are resolved inside the unpacked package, so a wrong path fails.
    unit = f"/lib/systemd/system/{UNIT}"
    verify = run("systemd-analyze verify", "safeconf-hq",
                 ["systemd-analyze", "verify", f"--root={root}", str(root) + unit])
    security = run("systemd-analyze security", "safeconf-hq",
                   ["systemd-analyze", "security", "--offline=yes", f"--root={root}",
                    f"--threshold={MAX_EXPOSURE}", "--no-pager", unit])
    score = re.search(r"Overall exposure level for \S+: (.*)", security.detail)
    security.detail = f"exposure {score.group(1)}" if score else security.detail
    return [verify, security]


def check_lintian(debs: list[Path]) -> list[Result]:
    start = time.monotonic()
    done = subprocess.run(["lintian", "--fail-on", "error", "--jobs", "2", *map(str, debs)],
                          capture_output=True, text=True)
    seconds = time.monotonic() - start
    tags = [line for line in done.stdout.splitlines() if re.match(r"[EWX]: ", line)]
    results = []
    for deb in debs:
        package = deb.name.split("_")[0]
        own = [t for t in tags if t.split()[1] == f"{package}:"]
        errors = [t for t in own if t.startswith(("E:", "X:"))]
        warnings = [t for t in own if t.startswith("W:")]
        for tag in own:
            print(tag, file=sys.stderr)
        ok = done.returncode == 0 and not errors
        results.append(Result("lintian", package, ok, seconds,
                              f"{len(errors)} errors, {len(warnings)} warnings"))
    if done.returncode not in (0, 1) or (done.returncode and not tags):
        print(done.stdout + done.stderr, file=sys.stderr)
        for result in results:
            result.ok = False
    return results


def print_table(results: list[Result]) -> None:
    rows = [("check", "package", "result", "s", "detail")]
    rows += [(r.check, r.package, "ok" if r.ok else "FAIL", f"{r.seconds:.1f}", r.detail)
             for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        print("  ".join(cells) + "  " + row[4])


if __name__ == "__main__":
    sys.exit(main())
