"""Build the two PyInstaller one-folder bundles (`safeconf`, `safeconf-hq`) into a folder.

    python packaging/build_bundles.py [--out build/package/bundles] [--work DIR]

Two builds of one commit should give the same files (packaging/compare_builds.py checks),
so the hash seed is fixed (PyInstaller's own advice for reproducible builds) and every time
stamp is the commit's (SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
from provenance import commit_time  # noqa: E402

SPECS = {"safeconf": ROOT / "packaging" / "safeconf.spec",
         "safeconf-hq": ROOT / "packaging" / "safeconf-hq.spec"}


def build(out: Path, work: Path, names: list[str]) -> None:
    env = dict(os.environ, PYTHONHASHSEED="0",
               SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH",
                                                str(commit_time(ROOT) or 0)))
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.rmtree(out / name, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                        "--log-level", "WARN", "--distpath", str(out),
                        "--workpath", str(work / name), str(SPECS[name])],
                       check=True, env=env, cwd=ROOT)
        print(f"built {out / name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "package" / "bundles")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "package" / "work")
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"of {sorted(SPECS)}; default: both")
    args = parser.parse_args()
    unknown = set(args.names) - set(SPECS)
    if unknown:
        parser.error(f"no such bundle: {', '.join(sorted(unknown))}")
    build(args.out.resolve(), args.work.resolve(), args.names or list(SPECS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
