"""Disclosure screens: may I share this, copies, legal review, history, people and consents."""
