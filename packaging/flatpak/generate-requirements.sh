#!/usr/bin/env bash
# Regenerate the two module files the Flatpak manifest includes, pinned by sha256:
#   python3-requirements.json   every runtime dependency of pyproject.toml
#   python3-build-backend.json  hatchling, used only while installing safeconf itself
# Run after changing dependencies in pyproject.toml, on a machine with flatpak, the KDE SDK
# (flatpak install --user flathub org.kde.Sdk//6.11) and flatpak-pip-generator from
# https://github.com/flatpak/flatpak-builder-tools (pip/; needs `requirements-parser`).
# pip runs inside the SDK, so markers resolve for the runtime's Python, not the host's.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sdk=${SAFECONF_FLATPAK_SDK:-org.kde.Sdk//6.11}
generator=${FLATPAK_PIP_GENERATOR:-flatpak-pip-generator}

# Compiled dependencies come as manylinux wheels: PySide6 and cryptography from source would
# need Qt's and Rust's toolchains inside the build. Keep in step with pyproject.toml.
wheels=pyside6-essentials,shiboken6,sqlcipher3,cryptography,cffi,aiohttp,frozenlist,multidict
wheels+=,propcache,yarl,zstandard,psycopg-binary,sqlalchemy,greenlet,markupsafe,cbor2,pillow
wheels+=,charset-normalizer

"$generator" --runtime "$sdk" --pyproject-file "$root/pyproject.toml" \
    --prefer-wheels "$wheels" --wheel-arches x86_64 \
    --output "$here/python3-requirements"
"$generator" --runtime "$sdk" --build-only --output "$here/python3-build-backend" hatchling
