"""Build the desktop .deb of an earlier commit, so the install test can update over it.

    python packaging/build_previous.py --rev REV --bundles DIR --out DIR

The earlier commit's sources are taken with `git archive` and frozen with today's spec and
build script (an earlier commit may not have had them); the package is versioned
`<its version>~<REV>`, which dpkg orders before the release it led to. Its vault schema is
whatever that commit wrote, so installing today's package over it exercises the migration
on first unlock. `--bundles` holds today's bundles: build_debs.py makes both packages and
only the desktop one is kept.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
from provenance import commit_time, version_of  # noqa: E402

CARRIED = ["packaging/build_bundles.py", "packaging/provenance.py", "packaging/safeconf.spec"]


def export(rev: str, into: Path) -> None:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="tar")
    for name in CARRIED:
        shutil.copy2(ROOT / name, into / name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rev", required=True)
    parser.add_argument("--bundles", type=Path, required=True, help="today's bundles")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    short = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.rev],
                           capture_output=True, text=True, check=True).stdout.strip()
    # The exported tree is no repository: its time stamps come from the commit, given here.
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(commit_time(ROOT, args.rev)))
    with tempfile.TemporaryDirectory(prefix="safeconf-previous-") as tmp:
        tree, bundles, debs = Path(tmp) / "src", Path(tmp) / "bundles", Path(tmp) / "debs"
        tree.mkdir()
        export(args.rev, tree)
        for ts in (tree / "resources" / "i18n").glob("*.ts"):  # the .qm is not committed
            subprocess.run([str(Path(sys.executable).with_name("pyside6-lrelease")),
                            "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
        subprocess.run([sys.executable, str(tree / "packaging" / "build_bundles.py"),
                        "--out", str(bundles), "--work", str(Path(tmp) / "work"), "safeconf"],
                       check=True, cwd=tree, env=env)
        (bundles / "safeconf-hq").symlink_to((args.bundles / "safeconf-hq").resolve())
        found = version_of(tree)
        if found is None:
            sys.exit("build_previous: no __version__ in that commit")
        version = f"{found}~{short}"
        subprocess.run([sys.executable, str(ROOT / "packaging" / "deb" / "build_debs.py"),
                        "--bundles", str(bundles), "--out", str(debs), "--version", version],
                       check=True, cwd=ROOT, env=env)
        args.out.mkdir(parents=True, exist_ok=True)
        for deb in debs.glob("safeconf_*.deb"):
            shutil.copy2(deb, args.out / deb.name)
            print(f"built {args.out / deb.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
