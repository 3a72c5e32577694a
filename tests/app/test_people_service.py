"""People on a case through the service: added and edited with one relationship; the
vault's domain rules refuse a half relationship, a person of another case and a self
relationship, and nothing is written then."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from safeconf.app.conferences import ConferenceService
from safeconf.app.people import PeopleService
from safeconf.app.session import VaultSession
from safeconf.domain.errors import DomainError, InvalidRecord
from safeconf.domain.records import PersonKind, Relationship
from safeconf.vault.device_secret import SystemKeyring
from safeconf.vault.keys import KdfParams

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def setting(data_dir: Path, keyring_store: SystemKeyring,
            fast_kdf: KdfParams) -> Iterator[tuple[PeopleService, str, str, VaultSession]]:
    session = VaultSession(data_dir, keyring_store, fast_kdf)
    session.create(PASSPHRASE, user="w.tester")
    conferences = ConferenceService(session)
    case = conferences.create_case("2026-0042", "Okonkwo")
    other = conferences.create_case("2026-0043", "Ramos")
    yield PeopleService(session), case.id, other.id, session
    session.lock()


def test_people_are_added_and_related_and_edited_in_the_order_added(setting) -> None:
    service, case_id, _other, session = setting
    ada = service.add(case_id, "  Ada Okonkwo ", PersonKind.CHILD)
    grace = service.add(case_id, "Grace Okonkwo", PersonKind.PARENT, ada.id,
                        Relationship.PARENT_OF)
    assert [p.name for p in service.for_case(case_id)] == ["Ada Okonkwo", "Grace Okonkwo"]
    assert (grace.relationship_to, grace.relationship) == (ada.id, Relationship.PARENT_OF)
    changed = service.update(grace.id, "Grace A. Okonkwo", PersonKind.LEGAL_GUARDIAN, ada.id,
                             Relationship.LEGAL_GUARDIAN_OF)
    stored = session.vault.people.get(grace.id)
    assert stored == changed and stored.version == grace.version + 1
    assert (stored.name, stored.kind, stored.relationship) == (
        "Grace A. Okonkwo", PersonKind.LEGAL_GUARDIAN, Relationship.LEGAL_GUARDIAN_OF)
    unrelated = service.update(grace.id, "Grace A. Okonkwo", PersonKind.RELATIVE)
    assert (unrelated.relationship_to, unrelated.relationship) == (None, None)


def test_the_domain_refuses_bad_relationships_and_nothing_is_written(setting) -> None:
    service, case_id, other_id, session = setting
    ada = service.add(case_id, "Ada Okonkwo", PersonKind.CHILD)
    stranger = service.add(other_id, "Lucía Ramos", PersonKind.PARENT)
    before = session.vault.people.count()
    with pytest.raises(InvalidRecord, match="names both the other person"):
        service.add(case_id, "Grace Okonkwo", PersonKind.PARENT, ada.id, None)
    with pytest.raises(DomainError, match="person"):
        service.add(case_id, "Grace Okonkwo", PersonKind.PARENT, stranger.id,
                    Relationship.PARENT_OF)
    with pytest.raises(InvalidRecord, match="not related to themselves"):
        service.update(ada.id, "Ada Okonkwo", PersonKind.CHILD, ada.id, Relationship.CHILD_OF)
    with pytest.raises(InvalidRecord):
        service.add(case_id, "   ", PersonKind.PARENT)
    with pytest.raises(InvalidRecord, match="already a person of this case"):
        service.add(case_id, "ada  OKONKWO", PersonKind.CLIENT)
    assert session.vault.people.count() == before
    assert session.vault.people.get(ada.id) == ada
