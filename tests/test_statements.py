"""The confidentiality statement: shipped texts, versions, hashes, content and readability."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from safeconf.domain import statements
from safeconf.domain.errors import DomainError
from safeconf.domain.records import Language
from safeconf.domain.statements import (
    Statement,
    StatementMissing,
    current_statements,
    load_statement,
)
from safeconf.resource_files import resource

EN = Language.ENGLISH
ES = Language.SPANISH


def shipped_bytes(language: Language, version: int = 1) -> bytes:
    return resource("statements", f"confidentiality.v{version}.{language.value}.txt").read_bytes()


@pytest.fixture
def statement_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty statements folder standing in for the shipped one."""
    folder = tmp_path / "statements"
    folder.mkdir()
    monkeypatch.setattr(statements, "resource", lambda *parts: tmp_path.joinpath(*parts))
    return folder


# --- loading, hashing, versions -------------------------------------------------------------


@pytest.mark.parametrize("language", list(Language))
def test_every_language_loads_the_shipped_text_exactly(language: Language) -> None:
    statement = load_statement("confidentiality", 1, language)
    assert statement == Statement("confidentiality", 1, language, statement.text)
    assert statement.text.encode("utf-8") == shipped_bytes(language)
    assert len(statement.text.split()) >= 250


@pytest.mark.parametrize("language", list(Language))
def test_sha256_is_the_hash_of_the_file_bytes(language: Language) -> None:
    statement = load_statement("confidentiality", 1, language)
    assert statement.sha256 == hashlib.sha256(shipped_bytes(language)).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", statement.sha256)


def test_sha256_changes_with_any_change_to_the_text() -> None:
    statement = load_statement("confidentiality", 1, EN)
    edited = Statement(statement.id, statement.version, EN, statement.text.replace(".", ";", 1))
    assert edited.sha256 != statement.sha256


@pytest.mark.parametrize("language", list(Language))
def test_shipped_text_is_plain_utf8_with_lf_endings_so_its_hash_is_stable(
    language: Language,
) -> None:
    data = shipped_bytes(language)
    assert not data.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert b"\r" not in data, "LF line endings only"
    assert data.endswith(b"\n")


def test_current_statements_has_one_statement_per_language() -> None:
    current = current_statements()
    assert set(current) == set(Language)
    for language, statement in current.items():
        assert statement.language is language
        assert statement.id == "confidentiality"
        assert statement == load_statement("confidentiality", statement.version, language)


def test_current_picks_the_highest_version_for_each_language(statement_folder: Path) -> None:
    for name in [
        "confidentiality.v1.en.txt",
        "confidentiality.v2.en.txt",
        "confidentiality.v10.en.txt",  # 10 sorts after 2 as a number, not as text
        "confidentiality.v1.es.txt",
        "confidentiality.v3.es.txt",
        "confidentiality.v7.fr.txt",  # not a language the app supports: ignored
        "confidentiality.v9.en.txt.bak",
        "other.v99.en.txt",
        "README.md",
    ]:
        (statement_folder / name).write_text(f"text of {name}\n", encoding="utf-8")

    current = current_statements()

    assert current[EN].version == 10
    assert current[EN].text == "text of confidentiality.v10.en.txt\n"
    assert current[ES].version == 3
    assert statements.available_versions() == {EN: [1, 2, 10], ES: [1, 3]}


def test_current_refuses_when_a_language_has_no_version(statement_folder: Path) -> None:
    (statement_folder / "confidentiality.v1.en.txt").write_text("only English\n")
    with pytest.raises(StatementMissing, match="Spanish"):
        current_statements()


def test_current_refuses_an_unknown_statement() -> None:
    with pytest.raises(StatementMissing, match="English, Spanish"):
        current_statements("house-rules")


def test_a_missing_version_raises_a_readable_error() -> None:
    with pytest.raises(StatementMissing) as caught:
        load_statement("confidentiality", 999, ES)
    assert isinstance(caught.value, DomainError)
    assert str(caught.value) == (
        "The confidentiality statement (version 999, Spanish) is not installed. "
        "Reinstall safeconf or ask your administrator."
    )


@pytest.mark.parametrize("version", [0, -1, True])
def test_versions_are_numbered_from_one(version: int) -> None:
    with pytest.raises(StatementMissing, match="from 1"):
        load_statement("confidentiality", version, EN)


def test_a_missing_language_raises(statement_folder: Path) -> None:
    (statement_folder / "confidentiality.v1.en.txt").write_text("only English\n")
    load_statement("confidentiality", 1, EN)
    with pytest.raises(StatementMissing, match="Spanish"):
        load_statement("confidentiality", 1, ES)
    with pytest.raises(StatementMissing):
        load_statement("confidentiality", 1, "fr")  # type: ignore[arg-type]


@pytest.mark.parametrize("bad_id", ["", "../confidentiality", "a/b", "Confidentiality", "x.v1"])
def test_statement_ids_cannot_reach_outside_the_folder(bad_id: str) -> None:
    with pytest.raises(StatementMissing):
        load_statement(bad_id, 1, EN)


def test_a_damaged_file_is_refused_not_shown(statement_folder: Path) -> None:
    (statement_folder / "confidentiality.v1.en.txt").write_bytes(b"caf\xe9\n")
    with pytest.raises(StatementMissing, match="damaged"):
        load_statement("confidentiality", 1, EN)


# --- what the texts say ----------------------------------------------------------------------
# Each key idea of the policy, with words that must appear in each language (any one of a
# group of alternatives is enough).

KEY_IDEAS: dict[str, dict[Language, list[tuple[str, ...]]]] = {
    "information_about_children_is_confidential_by_law": {
        EN: [("confidential",), ("law",), ("child", "children")],
        ES: [("confidencial",), ("ley",), ("menores", "niño", "niños")],
    },
    "nothing_is_repeated_outside_the_meeting_in_any_way": {
        EN: [("outside",), ("phone",), ("text",), ("social media",), ("hint",)],
        ES: [("fuera",), ("teléfono",), ("mensaje",), ("redes sociales",), ("indirectas",)],
    },
    "who_may_see_the_record": {
        EN: [
            ("record",),
            ("parents",),
            ("guardian", "guardians"),
            ("attorney",),
            ("agency staff",),
            ("assistant attorney general",),
            ("juvenile",),
            ("probate",),
            ("court",),
            ("hearing",),
            ("writing", "written"),
        ],
        ES: [
            ("expediente",),
            ("padres",),
            ("tutores", "tutor"),
            ("abogado",),
            ("personal de la agencia",),
            ("procurador general adjunto",),
            ("menores",),
            ("sucesiones", "testamentario"),
            ("tribunal", "corte"),
            ("audiencia",),
            ("por escrito",),
        ],
    },
    "the_agency_writes_notes_and_keeps_them_secure": {
        EN: [("notes",), ("safe", "secure"), ("locked",)],
        ES: [("notas",), ("seguro", "segura"), ("bajo llave",)],
    },
    "the_law_requires_some_exceptions": {
        EN: [("danger",), ("report",), ("court",), ("order",)],
        ES: [("peligro",), ("reportar", "reportarlo", "denunciar"), ("tribunal",), ("ordenar",)],
    },
    "a_breach_hurts_the_family_breaks_the_law_and_can_mean_leaving": {
        EN: [("hurt",), ("against the law",), ("leave",)],
        ES: [("daño",), ("en contra de la ley",), ("salga", "salir")],
    },
    "questions_and_interpreters_are_welcome": {
        EN: [("questions",), ("interpreter",)],
        ES: [("preguntas",), ("intérprete",)],
    },
    "refusing_means_not_staying_for_the_discussion": {
        EN: [("do not agree",), ("cannot stay",)],
        ES: [("no está de acuerdo",), ("no podrá quedarse",)],
    },
}


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}", text, re.IGNORECASE) is not None


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("idea", sorted(KEY_IDEAS))
def test_statement_covers_the_key_idea(idea: str, language: Language) -> None:
    text = load_statement("confidentiality", 1, language).text
    missing = [
        "/".join(group)
        for group in KEY_IDEAS[idea][language]
        if not any(_mentions(text, word) for word in group)
    ]
    assert not missing, f"{language.value} statement lacks {missing} for {idea}"


@pytest.mark.parametrize(
    ("language", "agreement"),
    [
        (EN, "I understand and agree to keep what is said here private."),
        (ES, "Entiendo y acepto mantener en privado lo que se dice aquí."),
    ],
)
def test_statement_ends_with_the_sentence_the_attendee_agrees_to(
    language: Language, agreement: str
) -> None:
    text = load_statement("confidentiality", 1, language).text
    assert text.rstrip("\n").splitlines()[-1] == agreement


def test_spanish_addresses_the_family_as_usted() -> None:
    text = load_statement("confidentiality", 1, ES).text
    assert _mentions(text, "usted")
    assert not re.search(r"(?<!\w)(tú|tu|te|contigo)(?!\w)", text, re.IGNORECASE)


@pytest.mark.parametrize("language", list(Language))
def test_statement_is_a_readable_length(language: Language) -> None:
    words = len(load_statement("confidentiality", 1, language).text.split())
    assert 250 <= words <= 450  # Spanish runs ~10-15% longer than the English


def test_english_reads_at_about_a_sixth_grade_level() -> None:
    text = load_statement("confidentiality", 1, EN).text
    # A heading or list item on its own line counts as a sentence, as a reader sees it.
    sentences = [s for s in re.split(r"[.!?]+|\n", text) if re.search(r"[A-Za-z]", s)]
    words = re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)?", text)

    average_sentence = len(words) / len(sentences)
    average_word = sum(len(w) for w in words) / len(words)

    assert average_sentence <= 15, f"{average_sentence:.1f} words per sentence"
    assert average_word <= 5, f"{average_word:.2f} characters per word"
    assert max(len(s.split()) for s in sentences) <= 25, "no very long sentence"
