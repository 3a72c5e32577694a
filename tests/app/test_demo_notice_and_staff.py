"""The demo vault shows the Notice of Privacy Practices in every status, and opens on the
conferences (its worker has acknowledged the staff terms)."""

from __future__ import annotations

from safeconf.app.demo_vault import fill_demo_vault
from safeconf.app.privacy_notice import PrivacyNoticeService
from safeconf.app.session import VaultSession
from safeconf.app.staff_terms import StaffTermsService
from safeconf.domain.privacy_notice import NoticeStatus


class OpenSession(VaultSession):
    def __init__(self, vault) -> None:
        self._vault = vault


def test_the_demo_vault_holds_notice_receipts_and_adults_still_without_one(vault):
    fill_demo_vault(vault)
    notices = PrivacyNoticeService(OpenSession(vault))
    seen: set[NoticeStatus] = set()
    for conference in vault.conferences.all():
        seen |= set(notices.statuses(conference.id).values())
    assert {NoticeStatus.RECEIVED, NoticeStatus.NOT_YET} <= seen


def test_the_demo_worker_is_not_due_for_the_staff_acknowledgment(vault):
    terms = StaffTermsService(OpenSession(vault))
    assert terms.is_due()
    fill_demo_vault(vault)
    assert not terms.is_due()
