"""Libraries PyInstaller copied from the build machine that Debian 12 ships itself.

The bundles are built on Debian 12, and PyInstaller copies every system library the
Python modules and Qt plugins link against into _internal/.  These copies would never
get Debian's security updates (OpenSSL, GnuTLS, glib, zlib, expat, …), so the packages
leave them out and depend on the Debian package instead; the system loader finds them
where LD_LIBRARY_PATH=_internal/ has not.  Libraries that came with wheels
(pillow.libs/, PySide6/Qt/lib/: renamed or Qt's own builds) stay in the bundle.

Found by comparing _internal/*.so* with /usr/lib/x86_64-linux-gnu on the Debian 12
build machine (cmp: identical files) and `dpkg -S` for the owning package.  A library
not in this table stays bundled, so a new one costs nothing but the update path.
"""

from __future__ import annotations

from pathlib import Path

DEBIAN_12_LIBRARIES: dict[str, str] = {
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libXext.so.6": "libxext6",
    "libXrender.so.1": "libxrender1",
    "libatk-1.0.so.0": "libatk1.0-0",
    "libavahi-client.so.3": "libavahi-client3",
    "libavahi-common.so.3": "libavahi-common3",
    "libblkid.so.1": "libblkid1",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libbsd.so.0": "libbsd0",
    "libbz2.so.1.0": "libbz2-1.0",
    "libcairo-gobject.so.2": "libcairo-gobject2",
    "libcairo.so.2": "libcairo2",
    "libcap.so.2": "libcap2",
    "libcom_err.so.2": "libcom-err2",
    "libcrypto.so.3": "libssl3",
    "libcups.so.2": "libcups2",
    "libdatrie.so.1": "libdatrie1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libexpat.so.1": "libexpat1",
    "libffi.so.8": "libffi8",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libfribidi.so.0": "libfribidi0",
    "libgcc_s.so.1": "libgcc-s1",
    "libgcrypt.so.20": "libgcrypt20",
    "libgdk_pixbuf-2.0.so.0": "libgdk-pixbuf-2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgmodule-2.0.so.0": "libglib2.0-0",
    "libgmp.so.10": "libgmp10",
    "libgnutls.so.30": "libgnutls30",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgpg-error.so.0": "libgpg-error0",
    "libgraphite2.so.3": "libgraphite2-3",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libharfbuzz.so.0": "libharfbuzz0b",
    "libhogweed.so.6": "libhogweed6",
    "libidn2.so.0": "libidn2-0",
    "libjpeg.so.62": "libjpeg62-turbo",
    "libk5crypto.so.3": "libk5crypto3",
    "libkeyutils.so.1": "libkeyutils1",
    "libkrb5.so.3": "libkrb5-3",
    "libkrb5support.so.0": "libkrb5support0",
    "liblz4.so.1": "liblz4-1",
    "liblzma.so.5": "liblzma5",
    "libmd.so.0": "libmd0",
    "libmount.so.1": "libmount1",
    "libnettle.so.8": "libnettle8",
    "libp11-kit.so.0": "libp11-kit0",
    "libpango-1.0.so.0": "libpango-1.0-0",
    "libpangocairo-1.0.so.0": "libpangocairo-1.0-0",
    "libpangoft2-1.0.so.0": "libpangoft2-1.0-0",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libpixman-1.so.0": "libpixman-1-0",
    "libpng16.so.16": "libpng16-16",
    "libreadline.so.8": "libreadline8",
    "libselinux.so.1": "libselinux1",
    "libsqlite3.so.0": "libsqlite3-0",
    "libssl.so.3": "libssl3",
    "libstdc++.so.6": "libstdc++6",
    "libsystemd.so.0": "libsystemd0",
    "libtasn1.so.6": "libtasn1-6",
    "libthai.so.0": "libthai0",
    "libtinfo.so.6": "libtinfo6",
    "libunistring.so.2": "libunistring2",
    "libuuid.so.1": "libuuid1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
}


def unbundle(internal: Path) -> list[str]:
    """Delete the bundled copies in `internal`; return the Debian packages to depend on."""
    packages = set()
    for soname, package in DEBIAN_12_LIBRARIES.items():
        copy = internal / soname
        if copy.is_file() and not copy.is_symlink():
            copy.unlink()
            packages.add(package)
    dangling = [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    if dangling:
        raise SystemExit(f"build_debs: unbundling left dangling links: {dangling}")
    return sorted(packages)
