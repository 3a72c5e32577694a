"""The words of a disclosure: what is asked for, how, to whom and why. Shared by the policy
(`disclosure_policy`) and by the records that log a disclosure or ask legal about one."""

from __future__ import annotations

from enum import StrEnum


class Information(StrEnum):
    """What is asked for."""

    WHOLE_RECORD = "whole_record"
    CONFERENCE_SUMMARY = "conference_summary"
    CHOSEN_NOTES = "chosen_notes"
    HEALTH_INFORMATION = "health_information"  # protected health information (PHI)
    LEGAL_ADVICE = "legal_advice"  # privileged legal advice to the agency


class Mode(StrEnum):
    """How it would be disclosed (the policy: an oral summary, a review, or copies)."""

    ORAL_SUMMARY = "oral_summary"
    REVIEW = "review"
    COPY = "copy"


class Extent(StrEnum):
    WHOLE = "whole"
    PART = "part"


class Recipient(StrEnum):
    """Who would receive it: the §17a-28 list for an open case, and everyone else."""

    CLIENT = "client"
    PARENT_OR_GUARDIAN = "parent_or_guardian"
    ATTORNEY_OR_REPRESENTATIVE = "attorney_or_representative"
    AGENCY_STAFF = "agency_staff"  # with a business reason to know
    ASSISTANT_ATTORNEY_GENERAL = "assistant_attorney_general"
    COURT_HEARING_THIS_CASE = "court_hearing_this_case"  # juvenile or probate court
    THIRD_PARTY_WITH_RELEASE = "third_party_with_release"
    OTHER_THIRD_PARTY = "other_third_party"


class HealthPurpose(StrEnum):
    """Why health information would be disclosed (the HIPAA lines of the policy)."""

    TREATMENT = "treatment"
    PAYMENT = "payment"
    HEALTH_CARE_OPERATIONS = "health_care_operations"
    HEALTH_OVERSIGHT = "health_oversight"
    JUDICIAL_OR_ADMINISTRATIVE_PROCEEDING = "judicial_or_administrative_proceeding"
    PLACEMENT_OR_ADOPTION_RECRUITMENT = "placement_or_adoption_recruitment"
    ABUSE_OR_NEGLECT = "abuse_or_neglect"  # and its judicial proceedings
    MEDICAL_RESEARCH = "medical_research"
    LAW_ENFORCEMENT = "law_enforcement"
    ADJUDICATED_YOUTH = "adjudicated_youth"
    PUBLIC_HEALTH = "public_health"
    NOTIFY_FAMILY_OF_LOCATION_AND_CONDITION = "notify_family_of_location_and_condition"


class ConsentGiver(StrEnum):
    """Who signed a consent; only these three may give one."""

    PERSON = "person"
    ATTORNEY = "attorney"
    AUTHORIZED_REPRESENTATIVE = "authorized_representative"
