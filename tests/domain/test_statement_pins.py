"""Every published statement version is pinned by the SHA-256 of its file: editing a
published text (instead of adding a new version) fails here, and so does a new file that
nobody pinned. Acknowledgments and receipts record these hashes, so they must never move."""

from __future__ import annotations

import hashlib

from safeconf.resource_files import resource

PINNED = {
    "confidentiality.v1.en.txt":
        "41343c2cb9b2d86c6dbe4215aced412c3837b82797001df582e9df68ff800c3b",
    "confidentiality.v1.es.txt":
        "48516aa5041bc0bf79130709fee1d9b991face60aa5c7d9d351dcf752e5f8808",
    "privacy_notice.v1.en.txt":
        "a5d2f1c4649ffe6a5319558255bc1a05058d792af9d75d41975d7491cf0d9773",
    "privacy_notice.v1.es.txt":
        "dfbf96a97ab32d79cfd9adb301f7415cd247a85b953bf6dfc089f70aef0c5712",
    "staff_confidentiality.v1.en.txt":
        "ac3d6796075c01d96e9238765cc54096f2b46e079894a4857b18c0e944b5e453",
    "staff_confidentiality.v1.es.txt":
        "4ad6414879aa8c4bcb49c63c2c42b2a5df4eee52cc8ed1485fd2f59d52b901b2",
    "consent_obtain.v1.en.txt":
        "5b7610945d851d0986ffdebdd0eba632d6fb4e3ece39fb315234b509895320d4",
    "consent_obtain.v1.es.txt":
        "f2998cbc56ec0dc0d50720f5c1c38b013e733f05de99fad0ca03ec9408e4fad1",
    "consent_release.v1.en.txt":
        "79d8ab1de663a7eaa60c8a9e32d873a43bab9fae0057edf7f4a0b82a5366e13d",
    "consent_release.v1.es.txt":
        "31d753c91b4ee34da6d8f363761cb3482fc656d6ccb06629735c1d5b6bcd0585",
}


def shipped() -> dict[str, str]:
    return {entry.name: hashlib.sha256(entry.read_bytes()).hexdigest()
            for entry in resource("statements").iterdir() if entry.name.endswith(".txt")}


def test_every_published_statement_still_has_its_pinned_hash():
    found = shipped()
    changed = sorted(name for name, digest in PINNED.items() if found.get(name) != digest)
    assert changed == [], "published statements were edited or removed; add a new version"


def test_every_shipped_statement_file_is_pinned():
    assert sorted(set(shipped()) - set(PINNED)) == [], "pin each new statement version here"
