"""Build safeconf_<V>_amd64.deb and safeconf-hq_<V>_amd64.deb from the PyInstaller bundles.

    python packaging/deb/build_debs.py --bundles DIR --out DIR [--version V]

DIR holds the one-folder bundles safeconf/ and safeconf-hq/.  The .debs are
reproducible: file modes normalised, owner root, mtimes clamped to SOURCE_DATE_EPOCH
(default: the time of the checkout's HEAD commit), so two runs on the same bundles give
the same bytes.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from string import Template

import debtree
import elf_runpath
import system_libs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
from provenance import commit_time, version_of  # noqa: E402

LINUX = ROOT / "packaging" / "linux"
APP_ID = "org.safeconf.SafeConf"
MAINTAINER = "safeconf maintainers <packaging@safeconf.example>"
ICON_SIZES = (48, 64, 128, 256)

# What the bundle does not carry and the system must: `ldd` on every ELF file of the
# bundle in a bare Debian 12 root, with the bundle's own libraries on the path, leaves
# these unresolved (PyInstaller leaves out libGL/libEGL/libxcb/libwayland/libdrm on
# purpose: they must match the machine's graphics stack).  Data files the bundled
# libraries read come from the system as well: fontconfig-config (/etc/fonts and, by its
# own Depends, a font) and xkb-data (keymaps for libxkbcommon).
DESKTOP_DEPENDS = [
    "libgl1",               # libqxcb-glx-integration, QtGui/QtOpenGL
    "libegl1",              # libqxcb-egl-integration, libqwayland-egl
    "libxcb1",              # bundled libX11 and the xcb platform plugin
    "libxcb-icccm4",        # libqxcb / libQt6XcbQpa
    "libxcb-keysyms1",      # libqxcb / libQt6XcbQpa
    "libwayland-client0",   # Wayland platform plugin
    "libwayland-cursor0",   # Wayland platform plugin
    "libwayland-egl1",      # libqwayland-egl
    "libdrm2",              # EGL device integrations
    "fontconfig-config",
    "xkb-data",
]
DESKTOP_RECOMMENDS = [
    # The vault's device secret lives in a Secret Service keyring; without one the vault
    # is protected by the passphrase alone (the app warns).  KWallet serves the Secret
    # Service API from KDE Frameworks 5.97 on (Debian 12 has 5.103; only gnome-keyring is
    # exercised by the install test).
    "gnome-keyring | kwalletmanager | keepassxc",
    "default-dbus-session-bus | dbus-session-bus",
    # Only the GTK 3 platform theme plugin needs it (native dialogs on GNOME); Qt falls
    # back to its own theme without it.
    "libgtk-3-0",
]
HQ_DEPENDS = ["adduser"]
# SMTP with --smtp-starttls verifies the mail server against the system's CAs.
HQ_RECOMMENDS = ["ca-certificates"]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bundles = args.bundles.resolve()
    for name in ("safeconf", "safeconf-hq"):
        if not (bundles / name / name).is_file():
            sys.exit(f"build_debs: no bundle {bundles / name / name} "
                     "(packaging/build_bundles.py makes them)")
    epoch = source_date_epoch()
    args.out.mkdir(parents=True, exist_ok=True)
    meta = {"version": args.version, "maintainer": args.maintainer,
            # The changelog's trailer date, RFC 2822 with a numeric zone as Debian wants it.
    "date": time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(epoch))}
    for name, layout in (("safeconf", lay_out_desktop), ("safeconf-hq", lay_out_hq)):
        start = time.monotonic()
        deb = args.out / f"{name}_{args.version}_amd64.deb"
        with tempfile.TemporaryDirectory(prefix=f"{name}-deb-") as tmp:
            tree = Path(tmp) / "root"
            layout(tree, bundles / name, meta)
            debtree.build(tree, deb, epoch, args.compression, args.level)
        size = deb.stat().st_size / 1e6
        print(f"built {deb} ({size:.1f} MB, {time.monotonic() - start:.1f} s)")
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundles", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--version", default=None, help="default: safeconf.__version__")
    parser.add_argument("--maintainer", default=MAINTAINER)
    # xz -0: both packages in 10 s, desktop 60 MB.  xz -6 (dpkg's default) takes 67 s for
    # 52 MB; zstd -9 5 s for 63 MB, but Debian 12's lintian rejects zstd members as a
    # malformed archive (packaging/deb/README.md has the table).
    parser.add_argument("--compression", choices=("xz", "zstd", "gzip"), default="xz")
    parser.add_argument("--level", type=int, default=0)
    args = parser.parse_args(argv)
    args.version = args.version or project_version()
    if not re.fullmatch(r"[0-9][A-Za-z0-9.+~]*", args.version):
        parser.error(f"not a Debian version for a native package: {args.version!r}")
    return args


def project_version() -> str:
    """The one definition of the version, which pyproject.toml and --version read too."""
    found = version_of(ROOT)
    if found is None:
        sys.exit("build_debs: no __version__ in src/safeconf/__init__.py; pass --version")
    return found


def source_date_epoch() -> int:
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    found = commit_time(ROOT)
    if found is None:
        sys.exit("build_debs: not a git checkout; set SOURCE_DATE_EPOCH")
    return found


def lay_out_desktop(tree: Path, bundle: Path, meta: dict[str, str]) -> None:
    name = "safeconf"
    system = install_bundle(tree, bundle, name)
    usr = tree / "usr" / "share"
    for src, dst in ((f"{APP_ID}.desktop", "applications"), (f"{APP_ID}.metainfo.xml", "metainfo")):
        debtree.install_file(LINUX / src, usr / dst / src)
    icons = usr / "icons" / "hicolor"
    debtree.install_file(ROOT / "resources" / "icons" / "safeconf.svg",
                         icons / "scalable" / "apps" / f"{APP_ID}.svg")
    # PNGs as well: the icon theme spec asks for a 48x48 one, and some menus read no SVG.
    for size in ICON_SIZES:
        debtree.install_file(LINUX / "icons" / f"{APP_ID}-{size}.png",
                             icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
    install_common(tree, name, meta)
    write_control(tree, name, meta, DESKTOP_DEPENDS + system, DESKTOP_RECOMMENDS)


def lay_out_hq(tree: Path, bundle: Path, meta: dict[str, str]) -> None:
    name = "safeconf-hq"
    system = install_bundle(tree, bundle, name)
    # /lib, not /usr/lib: where Debian 12's systemd and lintian expect units.
    debtree.install_file(LINUX / "safeconf-hq.service",
                         tree / "lib" / "systemd" / "system" / "safeconf-hq.service")
    # 0600: it may hold the SMTP password and a PostgreSQL URL; systemd reads it as root.
    debtree.install_file(LINUX / "safeconf-hq.default", tree / "etc" / "default" / name, 0o600)
    debtree.install_file(HERE / name / "README.Debian", tree / "usr" / "share" / "doc" / name /
                         "README.Debian")
    install_common(tree, name, meta)
    debian = tree / "DEBIAN"
    for script in ("postinst", "prerm", "postrm"):
        debtree.install_file(HERE / name / script, debian / script, 0o755)
    debtree.write_file(debian / "conffiles", f"/etc/default/{name}\n")
    write_control(tree, name, meta, HQ_DEPENDS + system, HQ_RECOMMENDS)


def install_bundle(tree: Path, bundle: Path, name: str) -> list[str]:
    """The bundle in /opt/NAME and its launcher; returns the Debian packages it now needs."""
    opt = tree / "opt" / name
    debtree.copy_tree(bundle, opt)
    system = system_libs.unbundle(opt / "_internal")
    for path in debtree.walk(opt):
        if path.is_file() and not path.is_symlink() and debtree.is_elf(path):
            elf_runpath.clean_runpath(path)
    debtree.strip_shared_objects(opt)
    # A symlink, not a wrapper: the bootloader finds _internal/ from /proc/self/exe,
    # which resolves the link, and argv[0] stays "safeconf" for --help and the WM class.
    debtree.symlink(f"/opt/{name}/{name}", tree / "usr" / "bin" / name)
    return system


def install_common(tree: Path, name: str, meta: dict[str, str]) -> None:
    doc = tree / "usr" / "share" / "doc" / name
    fields = {**meta, "package": name}
    debtree.write_file(doc / "copyright", render(HERE / "copyright.in", fields))
    debtree.write_gzip(doc / "changelog.gz", render(HERE / "changelog.in", fields))
    page = (LINUX / "man" / f"{name}.1").read_text(encoding="utf-8")
    debtree.write_gzip(tree / "usr" / "share" / "man" / "man1" / f"{name}.1.gz", page)
    debtree.install_file(HERE / name / "lintian-overrides",
                         tree / "usr" / "share" / "lintian" / "overrides" / name)


def write_control(tree: Path, name: str, meta: dict[str, str], depends: list[str],
                  recommends: list[str]) -> None:
    fields = {**meta, "package": name, "glibc": debtree.glibc_needed(tree / "opt" / name),
              "installed_size": str(debtree.installed_size_kib(tree)),
              "depends": ", ".join(sorted(set(depends))), "recommends": ", ".join(recommends)}
    debtree.write_file(tree / "DEBIAN" / "control", render(HERE / name / "control.in", fields))
    debtree.write_md5sums(tree)


def render(template: Path, fields: dict[str, str]) -> str:
    return Template(template.read_text(encoding="utf-8")).substitute(fields)


if __name__ == "__main__":
    sys.exit(main())
