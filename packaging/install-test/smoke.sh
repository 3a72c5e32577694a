#!/bin/bash
# smoke.sh — install safeconf's Debian packages on a brand-new Debian 12 and use them as a
# county does: a caseworker's vault kept with a real Secret Service, the desktop window under
# Xvfb, enrollment and sync against an installed HQ, an update over an older package whose
# vault schema is older (migrated on first unlock), and removal that leaves the vault in place.
#
#   bash smoke.sh [OLD.deb [NEW.deb]]
#
# Runs as root (no init, no display, no D-Bus) in a folder holding safeconf_*.deb and
# safeconf-hq_*.deb. Without arguments the oldest and newest safeconf_*.deb there are taken:
# the oldest makes the caseworker's vault, the newest is installed over it (`make
# package-install-test` builds the older one from an earlier commit, packaging/
# build_previous.py); with one version the update steps are skipped. Each step prints one PASS/FAIL/SKIP line; the first failure shows
# that step's log and ends the run with status 1. Logs and the screenshot go to $SMOKE_OUT
# (default /var/tmp/safeconf-smoke); the screenshot is also printed base64 between markers,
# because the root this runs in is deleted afterwards.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
HERE=$(dirname "$SELF")
OUT=${SMOKE_OUT:-/var/tmp/safeconf-smoke}
STATE=$OUT/state
WORKER=worker
WORKER_HOME=/home/$WORKER
VAULT_DIR=$WORKER_HOME/.local/share/safeconf   # platformdirs' user data folder
DEMO_DIR=$WORKER_HOME/demo-vault
HQ_PKG_DATA=/var/lib/safeconf-hq   # made 0700 by the package's postinst, as the unit uses it
# Rated Fair or better by the vault's strength meter; the login password unlocks the keyring.
PASSPHRASE='lantern orbit velvet cactus 47'
LOGIN_PASSWORD='worker-login-password'
PATH_STD=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

say() { printf '[smoke] %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# wait_for SECONDS DESCRIPTION COMMAND...: poll COMMAND every 0.25 s until it succeeds.
wait_for() {
  local limit=$1 what=$2 end
  shift 2
  end=$((SECONDS + limit))
  until "$@"; do
    [ "$SECONDS" -lt "$end" ] || die "$what: not within ${limit} s"
    sleep 0.25
  done
}

# Every file below DIR with its sha256, so "unchanged" means byte-identical.
manifest() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum); }

# -------------------------------------------------------------------- step runner
PASSED=0
SKIPPED=()
# step NAME FUNCTION [ARGS...]: runs FUNCTION with errexit in a subshell, its output in
# $OUT/NAME.log (variables do not come back: state passes through files in $STATE).
step() {
  local name=$1 log="$OUT/$1.log" t=$SECONDS rc
  shift
  set +e
  ( set -e; "$@" ) >"$log" 2>&1 </dev/null
  rc=$?
  set -e
  if [ "$rc" = 0 ]; then
    PASSED=$((PASSED + 1))
    printf 'PASS  %-22s %4d s\n' "$name" $((SECONDS - t))
    # The root is deleted after the run: what each step saw lives on only in this output.
    sed 's/^/  | /' "$log"
    return
  fi
  printf 'FAIL  %-22s %4d s  (exit %d; log %s)\n' "$name" $((SECONDS - t)) "$rc" "$log"
  sed 's/^/  | /' "$log"
  print_screenshot
  exit 1
}
skip() {
  SKIPPED+=("$1")
  printf 'SKIP  %-22s        %s\n' "$1" "$2"
}

print_screenshot() {
  local png=$OUT/safeconf-window.png
  [ -s "$png" ] || return 0
  echo "---- BEGIN safeconf-window.png base64 ----"
  base64 -w 76 "$png"
  echo "---- END safeconf-window.png base64 ----"
}

# ----------------------------------------------------------------- as the worker
# Each worker step is a login of its own: a fresh D-Bus session and gnome-keyring unlocked
# with the login password, as PAM does on a desktop. The keyring file persists in the home
# folder, so the device secret stored at `init` is there for every later step.
as_worker() {
  runuser -u "$WORKER" -- env -i HOME="$WORKER_HOME" USER="$WORKER" LOGNAME="$WORKER" \
    SHELL=/bin/bash LANG=C.UTF-8 PATH="$PATH_STD" XDG_RUNTIME_DIR="/tmp/runtime-$WORKER" \
    SMOKE_OUT="$OUT" dbus-run-session -- bash "$OUT/smoke.sh" --worker "$@"
}

keyring_up() {
  install -d -m 0700 "$XDG_RUNTIME_DIR"
  printf '%s' "$LOGIN_PASSWORD" \
    | gnome-keyring-daemon --foreground --unlock --components=secrets \
        >/dev/null 2>"$XDG_RUNTIME_DIR/keyring.log" &
  KEYRING_PID=$!
  trap 'kill "$KEYRING_PID" 2>/dev/null || true' EXIT
  # Only once the daemon owns the name may anything talk to it: a call before would
  # activate a second, locked gnome-keyring that asks for a password nobody can type.
  wait_for 30 "gnome-keyring on the session bus" secret_service_owned
  wait_for 30 "the default keyring unlocked" default_collection_unlocked
}
# (Answers are captured, then matched: `cmd | grep -q` can fail under pipefail when grep
# exits before cmd has written everything.)
secret_service_owned() {
  local answer
  answer=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null) || return 1
  [[ $answer == *'boolean true'* ]]
}
default_collection_unlocked() {
  local answer
  answer=$(dbus-send --session --print-reply --dest=org.freedesktop.secrets \
    /org/freedesktop/secrets/aliases/default org.freedesktop.DBus.Properties.Get \
    string:org.freedesktop.Secret.Collection string:Locked 2>/dev/null) || return 1
  [[ $answer == *'boolean false'* ]]
}

# safeconf_ok COMMAND...: run safeconf with the passphrase, show its output, and refuse the
# no-keyring warning: on this machine the Secret Service is there and must be used.
safeconf_ok() {
  local out
  out=$(SAFECONF_PASSPHRASE=${VAULT_PASSPHRASE:-$PASSPHRASE} safeconf "$@" 2>&1) \
    || { echo "$out"; return 1; }
  echo "$out"
  if grep -q 'no system keyring is available' <<<"$out"; then
    echo "safeconf did not find the Secret Service"
    return 1
  fi
}

worker_secret_service() {
  echo "Secret Service up in session $DBUS_SESSION_BUS_ADDRESS, default collection unlocked"
}

worker_version() {
  local want=$1 got
  got=$(safeconf --version)
  echo "safeconf --version: $got"
  [ "$got" = "safeconf $want" ] || { echo "expected: safeconf $want"; return 1; }
}

worker_init() {
  safeconf_ok init
  test -s "$VAULT_DIR/vault.db" && test -s "$VAULT_DIR/vault.keys"
  not_plain_sqlite "$VAULT_DIR/vault.db"
}

worker_demo() {
  safeconf_ok demo --data-dir "$DEMO_DIR" | tee "$XDG_RUNTIME_DIR/demo.out"
  grep -Eq 'Created a demo vault with [1-9][0-9]* fictional records' "$XDG_RUNTIME_DIR/demo.out"
  safeconf_ok check --data-dir "$DEMO_DIR" | tee "$XDG_RUNTIME_DIR/demo-check.out"
  grep -q 'The vault is sound.' "$XDG_RUNTIME_DIR/demo-check.out"
}

worker_check() {
  local dir=${1:-$VAULT_DIR} VAULT_PASSPHRASE
  [ -z "${2:-}" ] || VAULT_PASSPHRASE=$(cat "$2")
  safeconf_ok check --data-dir "$dir" | tee "$XDG_RUNTIME_DIR/check.out"
  grep -q 'The vault is sound.' "$XDG_RUNTIME_DIR/check.out"
  # The vault made here keeps half of its key in the Secret Service.
  if [ "$dir" = "$VAULT_DIR" ] && ! grep -q 'key file: .*device secret' "$XDG_RUNTIME_DIR/check.out"
  then
    echo "the key file does not use the keyring's device secret"; return 1
  fi
}

# A SQLCipher file is random from its first byte; a plain SQLite file starts with its name.
not_plain_sqlite() {
  if [ "$(head -c 15 "$1")" = "SQLite format 3" ]; then
    echo "$1 is NOT encrypted (plain SQLite header)"
    return 1
  fi
  echo "$1 is encrypted (no plain SQLite header)"
}

worker_gui() {
  local fb=$XDG_RUNTIME_DIR/fb app_pid xvfb_pid win="" tree end rc
  mkdir -p "$fb"
  # -fbdir keeps the screen as an XWD file: the screenshot needs no extra X client.
  # -displayfd: Xvfb takes a free display itself (the host's network namespace, and with it
  # its abstract X sockets, is shared, so a fixed :99 can be taken).
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -fbdir "$fb" \
    3>"$XDG_RUNTIME_DIR/display" >"$XDG_RUNTIME_DIR/xvfb.log" 2>&1 &
  xvfb_pid=$!
  wait_for 20 "Xvfb to take a display" test -s "$XDG_RUNTIME_DIR/display"
  DISPLAY=":$(cat "$XDG_RUNTIME_DIR/display")"
  export DISPLAY
  echo "Xvfb on $DISPLAY"
  safeconf >"$XDG_RUNTIME_DIR/app.log" 2>&1 &
  app_pid=$!
  end=$((SECONDS + 60))
  # The main window is the top-level one with WM_CLASS "safeconf" (Qt also makes a 1x1
  # "safeconf" helper and a selection owner, which have no class and are never mapped).
  while [ -z "$win" ]; do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      echo "safeconf exited before showing a window:"; cat "$XDG_RUNTIME_DIR/app.log"
      kill "$xvfb_pid"; return 1
    fi
    [ "$SECONDS" -lt "$end" ] || { echo "no safeconf window within 60 s"; xwininfo -root -tree
                                   cat "$XDG_RUNTIME_DIR/app.log"; return 1; }
    tree=$(xwininfo -root -tree)
    win=$(awk '/"safeconf[^"]*": \("safeconf"/ {print $1; exit}' <<<"$tree")
    if [ -n "$win" ] && [[ $(xwininfo -id "$win") != *'Map State: IsViewable'* ]]; then win=""; fi
    [ -n "$win" ] || sleep 0.25
  done
  echo "window after $((60 - end + SECONDS)) s:"
  xwininfo -id "$win" | grep -E 'xwininfo:|Width|Height|Map State'
  sleep 2  # let it finish painting before the picture is taken
  xwdtopnm "$fb/Xvfb_screen0" 2>/dev/null | pnmtopng >"$OUT/worker/safeconf-window.png"
  # An unpainted screen is one colour; the unlock screen has text, a field and buttons.
  local colours
  colours=$(xwdtopnm "$fb/Xvfb_screen0" 2>/dev/null | ppmhist -noheader | wc -l)
  echo "screenshot: $(stat -c %s "$OUT/worker/safeconf-window.png") bytes, $colours colours"
  [ "$colours" -gt 8 ] || { echo "the screen looks blank"; return 1; }
  # Closing: TERM, as the desktop does at logout; the app must be gone within 15 s.
  kill -TERM "$app_pid"
  end=$((SECONDS + 15))
  while kill -0 "$app_pid" 2>/dev/null && [ "$SECONDS" -lt "$end" ]; do sleep 0.25; done
  if kill -0 "$app_pid" 2>/dev/null; then
    echo "safeconf still running 15 s after TERM"; kill -KILL "$app_pid"; return 1
  fi
  set +e; wait "$app_pid"; rc=$?; set -e
  echo "safeconf ended with status $rc after TERM"
  echo "--- app output:"; cat "$XDG_RUNTIME_DIR/app.log"
  kill "$xvfb_pid"
}

worker_enroll() {
  safeconf_ok enroll "$(cat "$1")" | tee "$XDG_RUNTIME_DIR/enroll.out"
  sed -n 's/^Enrolled with HQ as device \([^ ]*\) of worker.*/\1/p' "$XDG_RUNTIME_DIR/enroll.out" \
    > "$OUT/worker/device-id"
  test -s "$OUT/worker/device-id"
}

worker_sync() {
  safeconf_ok sync | tee "$XDG_RUNTIME_DIR/sync.out"
  # The case HQ assigned to this worker must have arrived.
  grep -Eq '^Synced: sent [0-9]+, received [1-9][0-9]*,' "$XDG_RUNTIME_DIR/sync.out"
}

# The vault the older package made, copied aside before the update: after it, the new
# package is shown it with a wrong passphrase, and must leave it as it was.
worker_keep_copy() {
  rm -rf "$2"; cp -a "$1" "$2"
  echo "copied $(find "$2" -type f | wc -l) files of $1 to $2"
}

worker_refused_by_older() {
  local out
  if out=$(SAFECONF_PASSPHRASE=$PASSPHRASE safeconf check --data-dir "$VAULT_DIR" 2>&1); then
    echo "$out"; echo "the older package opened a vault of a newer schema"; return 1
  fi
  echo "$out"
  grep -qi 'newer' <<<"$out" || { echo "the refusal does not say the vault is newer"; return 1; }
}

worker_wrong_passphrase() {
  local dir=$1 out
  if out=$(SAFECONF_PASSPHRASE="not the $(cat "$2")" safeconf check --data-dir "$dir" 2>&1)
  then
    echo "$out"; echo "a wrong passphrase opened the vault"; return 1
  fi
  echo "$out"
}

# ------------------------------------------------------------------------- as root
apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

install_app() {
  local desktop exec
  apt_install "$1"
  command -v safeconf
  dpkg -s safeconf | grep -E '^(Version|Depends):'
  echo "--- installed outside /opt:"; dpkg -L safeconf | grep -v '^/opt/' || true
  # The menu entry must start what is installed.
  # (awk reads to the end: grep -m1 would stop dpkg with SIGPIPE, a failure under pipefail)
  desktop=$(dpkg -L safeconf | awk '!f && /^\/usr\/share\/applications\/.*\.desktop$/ {print; f=1}')
  [ -n "$desktop" ] || { echo "no .desktop file in the package"; return 1; }
  exec=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p;T;q' "$desktop")
  command -v "$exec" >/dev/null || { echo "$desktop: Exec=$exec is not installed"; return 1; }
  echo "$desktop starts $(command -v "$exec")"
}

install_test_tools() {
  # Test instruments only, not what a laptop needs: the Secret Service, a session bus,
  # an X server, xwininfo and a converter for the screenshot.
  apt_install --no-install-recommends gnome-keyring dbus xvfb x11-utils netpbm
  id "$WORKER" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$WORKER"
  install -d -o "$WORKER" -m 0700 "$OUT/worker"
}

upstream_version() { dpkg-query -W -f='${Version}' "$1" | sed -E 's/^[0-9]+://; s/[-~+].*$//'; }

install_hq() {
  local unit exec
  apt_install "$1"
  command -v safeconf-hq
  safeconf-hq --version
  echo "--- installed outside /opt:"; dpkg -L safeconf-hq | grep -v '^/opt/' || true
  # No init here to run the unit, but what it starts must be installed.
  unit=$(dpkg -L safeconf-hq | awk '!f && /\/systemd\/system\/[^\/]+\.service$/ {print; f=1}')
  [ -n "$unit" ] || { echo "no systemd unit in the package"; return 1; }
  exec=$(sed -n 's/^ExecStart=[-@:+!]*\([^ ]*\).*/\1/p;T;q' "$unit")
  [ -x "$exec" ] || { echo "$unit: ExecStart=$exec is not installed"; return 1; }
  echo "$unit starts $exec"
  if id safeconf-hq >/dev/null 2>&1; then id safeconf-hq; fi
}

hq_user() {
  if id safeconf-hq >/dev/null 2>&1; then echo safeconf-hq; else echo smoke-hq; fi
}
# HQ's data directory as IT sets it up (README.Debian), else one of the test's own.
hq_data() {
  if [ "$(hq_user)" = safeconf-hq ] && [ -d "$HQ_PKG_DATA" ]; then echo "$HQ_PKG_DATA"
  else echo /var/lib/safeconf-hq-smoke/data; fi
}

# as_hq COMMAND...: as HQ's service user, with an environment of its own. setpriv and env
# exec, so a server started as `"${HQ_ARGV[@]}" safeconf-hq serve &` has $! as its PID.
hq_argv() {
  local user
  user=$(hq_user)
  HQ_ARGV=(setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups
           env -i HOME=/nonexistent LANG=C.UTF-8 PATH="$PATH_STD")
}
as_hq() {
  hq_argv
  "${HQ_ARGV[@]}" "$@"
}

hq_start() {
  local user data
  user=$(hq_user)
  if [ "$user" = smoke-hq ]; then
    echo "NOTE: the package created no safeconf-hq user; using smoke-hq"
    useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin smoke-hq
  fi
  data=$(hq_data)
  if [ "$data" = "$HQ_PKG_DATA" ]; then
    [ "$(stat -c '%a %U' "$data")" = "700 $user" ] \
      || { echo "$data is not 0700 $user:"; stat -c '%a %U %n' "$data"; return 1; }
  else
    echo "NOTE: the package made no $HQ_PKG_DATA for its user; using $data"
    install -d -o "$user" -g "$(id -g "$user")" -m 0700 "$data"
  fi
  as_hq safeconf-hq init --data-dir "$data"
  stat -c '%a %U %n' "$data"
  # As the unit runs it, but on ports HQ picks: the root shares the host's network, where
  # 8443 may be taken.
  hq_argv
  "${HQ_ARGV[@]}" safeconf-hq serve --data-dir "$data" --host 127.0.0.1 --port 0 \
    --enroll-port 0 --console-port -2 >"$STATE/serve.out" 2>"$OUT/hq-serve.log" &
  echo $! >"$STATE/hq.pid"
  wait_for 60 "safeconf-hq listening" hq_listening
  cat "$STATE/serve.out"
  # What was started is the server itself, as the service user (so hq_stop stops it).
  echo "serving: pid $(cat "$STATE/hq.pid"), $(tr '\0' ' ' <"/proc/$(cat "$STATE/hq.pid")/cmdline")"
  [ "$(stat -c %U "/proc/$(cat "$STATE/hq.pid")")" = "$user" ] \
    || { echo "safeconf-hq serve does not run as $user"; return 1; }
  sed -n 's/^listening .*sync=\([^ ]*\).*/\1/p' "$STATE/serve.out" >"$STATE/sync-url"
  sed -n 's/^listening .*enroll=\([^ ]*\).*/\1/p' "$STATE/serve.out" >"$STATE/enroll-url"
  test -s "$STATE/sync-url" && test -s "$STATE/enroll-url"
}
hq_listening() {
  kill -0 "$(cat "$STATE/hq.pid")" 2>/dev/null || die "safeconf-hq serve exited: $(cat "$OUT/hq-serve.log")"
  grep -q '^listening ' "$STATE/serve.out"
}

hq_issue_code() {
  local data csv=/tmp/smoke-cases.csv
  data=$(hq_data)
  printf 'case_number,family_name,assigned_workers\nSMOKE-1,Alder,%s\n' "$WORKER" >"$csv"
  chmod 0644 "$csv"
  as_hq safeconf-hq cases import --data-dir "$data" "$csv"
  as_hq safeconf-hq enroll --data-dir "$data" --worker "$WORKER" \
    --url "$(cat "$STATE/sync-url")" --enroll-url "$(cat "$STATE/enroll-url")" \
    >"$OUT/worker/enroll-code"
  chown "$WORKER" "$OUT/worker/enroll-code"
  grep -q '^safeconf:enroll?' "$OUT/worker/enroll-code"
  echo "code issued for $WORKER ($(wc -c <"$OUT/worker/enroll-code") bytes)"
}

hq_has_device() {
  local device
  device=$(cat "$OUT/worker/device-id")
  as_hq safeconf-hq devices --data-dir "$(hq_data)" | tee "$STATE/devices.out"
  grep -qF "$device" "$STATE/devices.out" || { echo "device $device not listed"; return 1; }
}

hq_stop() {
  local pid
  pid=$(cat "$STATE/hq.pid")
  kill -TERM "$pid"
  wait_for 20 "safeconf-hq to stop" bash -c "! kill -0 $pid 2>/dev/null"
  local f cmd left=""
  for f in /proc/[0-9]*/cmdline; do
    cmd=$(tr '\0' ' ' <"$f" 2>/dev/null) || continue
    if [[ $cmd == *'safeconf-hq serve '* ]]; then left+="${f%/cmdline} "; fi
  done
  [ -z "$left" ] || { echo "a safeconf-hq serve still runs: $left"; return 1; }
  echo "stopped: no safeconf-hq serve left"
  echo "--- serve log:"; cat "$OUT/hq-serve.log"
}

update_app() {
  apt_install "$1"
  dpkg -s safeconf | grep -E '^Version:'
}

# A laptop put back on the older package (re-imaged, a rollback): its app cannot read the
# newer schema, so it must refuse the vault and change nothing in it, not even vault.keys.
downgrade_refused() {
  local old=$1 new=$2
  manifest "$VAULT_DIR" >"$STATE/before-downgrade.sha256"
  apt_install --allow-downgrades "$old"
  dpkg -s safeconf | grep -E '^Version:'
  as_worker refused_by_older
  manifest "$VAULT_DIR" >"$STATE/after-downgrade.sha256"
  diff "$STATE/before-downgrade.sha256" "$STATE/after-downgrade.sha256" \
    || { echo "the older package changed the vault it refused (diff above)"; return 1; }
  echo "every file byte-identical ($(wc -l <"$STATE/after-downgrade.sha256") files)"
  apt_install "$new"
  dpkg -s safeconf | grep -E '^Version:'
}

# Opening a vault of an older schema migrates it, after an encrypted copy of the old file
# named vault.db.before-schema-N.bak (see Database.migrate).
migrated_with_backup() {
  local dir=$1 passfile=$2 backups
  as_worker check "$dir" "$passfile"
  backups=$(find "$dir" -maxdepth 1 -name 'vault.db.before-schema-*.bak')
  [ -n "$backups" ] || { echo "no pre-migration backup beside the vault:"; ls -l "$dir"; return 1; }
  ls -l "$dir"
  for b in $backups; do not_plain_sqlite "$b"; done
}

# A vault the passphrase does not open is left alone: every file byte-identical, no file
# added or removed, with two exceptions by design: vault.keys counts the failed attempt
# (the unlock back-off lives there, so deleting a file cannot reset it), and the empty
# vault.keys.lock that serialises writers of vault.keys may appear.
wrong_passphrase_leaves_it() {
  local dir=$1 passfile=$2
  local before=$STATE/wrong-before keep='^[0-9a-f]+  \./vault\.keys(\.lock)?$'
  manifest "$dir" >"$before.sha256"
  cp "$dir/vault.keys" "$before.keys"
  as_worker wrong_passphrase "$dir" "$passfile"
  manifest "$dir" >"$STATE/wrong-after.sha256"
  if diff <(grep -Ev "$keep" "$before.sha256") <(grep -Ev "$keep" "$STATE/wrong-after.sha256")
  then
    echo "every file but vault.keys is byte-identical, none added or removed" \
         "($(grep -Evc "$keep" "$before.sha256") files)"
  else
    echo "files changed, appeared or vanished (diff above)"; return 1
  fi
  if [ -e "$dir/vault.keys.lock" ]; then
    [ ! -s "$dir/vault.keys.lock" ] || { echo "vault.keys.lock is not empty"; return 1; }
    echo "NOTE: an empty vault.keys.lock appeared (the lock for counting the failure)"
  fi
  python3 - "$before.keys" "$dir/vault.keys" <<'EOF'
import json, sys
before, after = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
for doc in (before, after):
    doc.pop("unlock_failures", None)
if before != after:
    sys.exit("vault.keys changed beyond its failed-unlock count")
print("vault.keys: only the failed-unlock count differs")
EOF
}

remove_app() {
  manifest "$VAULT_DIR" >"$STATE/vault-before-remove.sha256"
  DEBIAN_FRONTEND=noninteractive apt-get remove -y safeconf
  ! command -v safeconf || { echo "safeconf still on PATH after remove"; return 1; }
  # A package with no conffiles is forgotten at once by `remove`; purge what is left if any.
  if dpkg-query -W safeconf >/dev/null 2>&1; then
    dpkg-query -W -f='after remove: ${db:Status-Abbrev}\n' safeconf
    DEBIAN_FRONTEND=noninteractive apt-get purge -y safeconf
  else
    echo "after remove dpkg holds nothing of safeconf: nothing to purge"
  fi
  ! dpkg-query -W safeconf >/dev/null 2>&1 || { echo "safeconf still known to dpkg"; return 1; }
  [ ! -e /opt/safeconf ] || { echo "NOTE: /opt/safeconf left behind:"; ls -la /opt/safeconf; }
  manifest "$VAULT_DIR" >"$STATE/vault-after-purge.sha256"
  diff "$STATE/vault-before-remove.sha256" "$STATE/vault-after-purge.sha256"
  echo "vault in $VAULT_DIR unchanged: $(wc -l <"$STATE/vault-after-purge.sha256") files"
}

# ------------------------------------------------------------------------------ main
pick_debs() {
  # The oldest and the newest safeconf_*.deb here, in Debian's version order (~ first).
  local f v old="" new="" vold="" vnew=""
  for f in "$HERE"/safeconf_*.deb; do
    [ -e "$f" ] || continue
    v=$(dpkg-deb -f "$f" Version)
    if [ -z "$old" ] || dpkg --compare-versions "$v" lt "$vold"; then old=$f vold=$v; fi
    if [ -z "$new" ] || dpkg --compare-versions "$v" gt "$vnew"; then new=$f vnew=$v; fi
  done
  [ -n "$old" ] && printf '%s\n%s\n' "$old" "$new"
}

main() {
  [ "$(id -u)" = 0 ] || die "run as root (it installs packages and creates users)"
  local old new hq debs t0=$SECONDS
  if [ $# -ge 1 ]; then
    old=$(readlink -f "$1"); new=$(readlink -f "${2:-$1}")
  else
    mapfile -t debs < <(pick_debs)
    [ "${#debs[@]}" = 2 ] || die "no safeconf_*.deb in $HERE"
    old=${debs[0]}; new=${debs[1]}
  fi
  hq=$(find "$HERE" -maxdepth 1 -name 'safeconf-hq_*.deb' | sort -V | tail -1)
  install -d -m 0755 "$OUT"
  install -d -m 0700 "$STATE"
  # The worker runs its steps from a copy it can read whatever the checkout's permissions.
  install -m 0644 "$SELF" "$OUT/smoke.sh"
  say "app: $(basename "$old")$([ "$new" = "$old" ] || echo ", then $(basename "$new") over it")"
  say "hq: ${hq:+$(basename "$hq")}"
  say "logs: $OUT"

  # a. the desktop app on a caseworker's laptop. With an older package, that one makes the
  # caseworker's vault, and the update to the newer one must bring it along (d).
  step install-safeconf    install_app "$old"
  step test-tools          install_test_tools
  step secret-service      as_worker secret_service
  step init                as_worker init
  step check               as_worker check
  # d. updates keep data: the first unlock after the update migrates the vault, after an
  # encrypted copy of the old file; a vault it cannot open (wrong passphrase) is left alone.
  if [ "$new" != "$old" ]; then
    printf '%s' "$PASSPHRASE" >"$OUT/worker/vault.passphrase"
    chown "$WORKER" "$OUT/worker/vault.passphrase"; chmod 0600 "$OUT/worker/vault.passphrase"
    step keep-copy         as_worker keep_copy "$VAULT_DIR" "$WORKER_HOME/vault-copy"
    step update            update_app "$new"
    step migrated-on-first-unlock migrated_with_backup "$VAULT_DIR" "$OUT/worker/vault.passphrase"
    step wrong-passphrase-untouched wrong_passphrase_leaves_it "$WORKER_HOME/vault-copy" \
      "$OUT/worker/vault.passphrase"
    step older-refuses-untouched downgrade_refused "$old" "$new"
  else
    skip update "ONLY ONE safeconf VERSION ($(basename "$old")): update over an older package NOT TESTED"
  fi
  step version             as_worker version "$(upstream_version safeconf)"
  step demo                as_worker demo
  step check-again         as_worker check
  # b. the window
  step window-under-xvfb   as_worker gui
  cp "$OUT/worker/safeconf-window.png" "$OUT/" 2>/dev/null || true
  # c. HQ, enrollment and sync
  if [ -n "$hq" ]; then
    step install-safeconf-hq install_hq "$hq"
    step hq-start          hq_start
    step hq-enrollment-code hq_issue_code
    step enroll            as_worker enroll "$OUT/worker/enroll-code"
    step sync              as_worker sync
    step hq-lists-device   hq_has_device
    step hq-stop           hq_stop
  else
    skip hq "NO safeconf-hq_*.deb IN $HERE: enrollment and sync NOT TESTED"
  fi
  # e. removal keeps the caseworker's vault
  step remove-keeps-vault  remove_app

  print_screenshot
  say "total $((SECONDS - t0)) s"
  if [ "${#SKIPPED[@]}" -gt 0 ]; then
    echo "ALL $PASSED STEPS PASSED, ${#SKIPPED[@]} SKIPPED (${SKIPPED[*]})"
  else
    echo "ALL $PASSED STEPS PASSED"
  fi
}

case "${1:-}" in
  --worker)  # inside as_worker's D-Bus session
    shift; phase=$1; shift
    VAULT_DIR=$HOME/.local/share/safeconf DEMO_DIR=$HOME/demo-vault
    keyring_up
    "worker_$phase" "$@" ;;
  *)
    if [ "${BASH_SOURCE[0]}" = "$0" ]; then main "$@"; fi ;;
esac
