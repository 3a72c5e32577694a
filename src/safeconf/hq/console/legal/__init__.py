"""Legal's pages: review requests with the redacted-copy preview, subpoenas and records
requests, cases (consent and disclosure logs, sealing), and sync conflicts."""

MODULES = ["reviews", "requests", "cases", "conflicts"]
