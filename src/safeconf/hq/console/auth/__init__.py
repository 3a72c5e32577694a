"""Signing in to the console: passkeys, TOTP, recovery codes, re-authentication, and the
administrators' page of sign-in accounts."""

MODULES = ["signin", "setup", "reauth", "account", "users"]

# Pages anyone may open without signing in (they carry their own checks): for tests that
# walk every route and expect a role guard on the rest.
PUBLIC_PATHS = ("/signin", "/signin/passkey/options", "/signin/passkey", "/signin/totp",
                "/signin/recovery", "/signout", "/setup", "/setup/{token}",
                "/setup/passkey/options", "/setup/passkey", "/setup/totp", "/setup/finish")
