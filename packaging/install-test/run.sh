#!/bin/bash
# run.sh — the clean-machine install test: smoke.sh and the .debs, and nothing of the source
# tree, in a brand-new Debian 12 root (the `fresh` tool).
#
#   packaging/install-test/run.sh DEBS_DIR [EXTRA_FILES...]
#
# DEBS_DIR holds safeconf_*.deb (one version, or an older and a newer one) and
# safeconf-hq_*.deb. EXTRA_FILES are put beside them, e.g. the older safeconf_*.deb to update
# over. fresh clones committed files only, so they are committed to a
# temporary git repository first. Environment:
#   FRESH              fresh's run.sh (default: ../shared/tools/fresh/run.sh from the
#                      repository root)
#   INSTALL_TEST_OUT   where the log and the screenshot go (default: build/install-test)
#   INSTALL_TEST_TIMEOUT  seconds for smoke.sh (default 1500)
# Exit status: smoke.sh's (0 all passed), or fresh's 124 (timeout) / 125 (harness).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(git -C "$HERE" rev-parse --show-toplevel)
FRESH=${FRESH:-$REPO/../shared/tools/fresh/run.sh}
OUT=${INSTALL_TEST_OUT:-$REPO/build/install-test}
TIMEOUT=${INSTALL_TEST_TIMEOUT:-1500}

[ $# -ge 1 ] || { sed -n '2,16p' "$0"; exit 2; }
DEBS=$1
shift
[ -x "$FRESH" ] || { echo "run.sh: no fresh tool at $FRESH; set FRESH=/path/to/run.sh" >&2; exit 2; }
compgen -G "$DEBS/safeconf_*.deb" >/dev/null || { echo "run.sh: no safeconf_*.deb in $DEBS" >&2; exit 2; }
compgen -G "$DEBS/safeconf-hq_*.deb" >/dev/null \
  || echo "run.sh: warning: no safeconf-hq_*.deb in $DEBS; HQ, enroll and sync will be skipped" >&2

T0=$SECONDS
mkdir -p "$OUT"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/safeconf-install-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# The repository fresh clones: the script, the packages and the extras, at its top level.
t=$SECONDS
cp "$HERE/smoke.sh" "$DEBS"/safeconf_*.deb "$TMP/"
cp "$DEBS"/safeconf-hq_*.deb "$TMP/" 2>/dev/null || true
for extra in "$@"; do cp "$extra" "$TMP/"; done
git -C "$TMP" init -q
git -C "$TMP" add -A
git -C "$TMP" -c user.name=safeconf-install-test -c user.email=install-test@localhost \
  commit -q -m "install test payload"
echo "[install-test] payload committed in $((SECONDS - t)) s: $(du -sh --exclude=.git "$TMP" | cut -f1)," \
  "$(git -C "$TMP" ls-files | tr '\n' ' ')"

LOG=$OUT/fresh.log
rm -f "$OUT/safeconf-window.png"
set +e
# On screen the base64 block is folded away; the log keeps it.
"$FRESH" --timeout "$TIMEOUT" --log "$LOG" "$TMP" 'bash smoke.sh' \
  | sed '/^---- BEGIN safeconf-window.png base64 ----$/,/^---- END safeconf-window.png base64 ----$/{
           /^---- BEGIN/c\
[install-test] (screenshot, base64, kept in the log)
           d
         }'
RC=${PIPESTATUS[0]}
set -e

# smoke.sh prints the screenshot base64 between markers: the root it ran in is gone.
sed -n '/^---- BEGIN safeconf-window.png base64 ----$/,/^---- END safeconf-window.png base64 ----$/p' "$LOG" \
  | sed '1d;$d' | base64 -d >"$OUT/safeconf-window.png" 2>/dev/null || true
[ -s "$OUT/safeconf-window.png" ] || rm -f "$OUT/safeconf-window.png"

echo "[install-test] ---- summary"
grep -E '^(PASS|FAIL|SKIP)  |^ALL [0-9]+ STEPS PASSED' "$LOG" | sed 's/^/[install-test] /' || true
echo "[install-test] log: $LOG"
[ ! -e "$OUT/safeconf-window.png" ] || echo "[install-test] screenshot: $OUT/safeconf-window.png"
echo "[install-test] exit status $RC, total time $((SECONDS - T0)) s"
exit "$RC"
