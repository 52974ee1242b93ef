#!/usr/bin/env bash
# Does the built app (make dist) work on its own? Runs dist/recovery-journal/recovery-journal with
# an environment that sees neither this checkout nor the venv (env -i, a temporary HOME and XDG
# folders, a temporary working folder) and the offscreen Qt platform:
#   --version; init and check on a fresh vault; demo; export-pdf in English and Russian; the
#   Russian report read back by import-reply; search;
#   the GUI on that vault for 5 seconds, without a traceback; then journeys with the built app in
#   a real window (tests/journeys: Xvfb, a window manager, keys in, AT-SPI out): first run, lock,
#   unlock, and a whole session (every page, the charts, the report with a password). Before
#   that, what the bundle carries: within its size budget, nothing left out as never loaded
#   back in, nothing a path of the app needs missing (tools/bundle_contents.py).
# Builds nothing: `make dist` first. Used as `make dist-check`.
#
#   tools/check_dist.sh [APP]                 the PyInstaller folder (default: dist/recovery-journal/)
#   tools/check_dist.sh --installed PROGRAM   the same contract for a program pip installed
#                                             (tools/check_wheel.sh): no bundle, no journeys
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
installed=false
if [ "${1:-}" = "--installed" ]; then
  installed=true
  shift
fi
app="${1:-$repo/dist/recovery-journal/recovery-journal}"
if [ ! -x "$app" ]; then
  if $installed; then
    echo "dist check: no program at $app" >&2
  else
    echo "dist check: no built app at $app (run: make dist)" >&2
  fi
  exit 1
fi
version="$(sed -n 's/^__version__ = "\([^"]*\)".*/\1/p' "$repo/recovery_journal/__init__.py")"

work="$(mktemp -d "${TMPDIR:-/tmp}/rj-dist-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/config" "$work/data" "$work/cache" "$work/state" "$work/run" "$work/cwd"
chmod 700 "$work/run"
vault="$work/cwd/check.rjvault"
cd "$work/cwd"

environment=(
  # Only what a desktop session would give a freshly installed app; no PYTHON*, no venv.
  PATH=/usr/bin:/bin
  HOME="$work/home"
  XDG_CONFIG_HOME="$work/config"
  XDG_DATA_HOME="$work/data"
  XDG_CACHE_HOME="$work/cache"
  XDG_STATE_HOME="$work/state"
  XDG_RUNTIME_DIR="$work/run"
  QT_QPA_PLATFORM=offscreen
  LANG=C.UTF-8
  RECOVERY_JOURNAL_PASSPHRASE="dist check: four calm words"
)

run() {
  env -i "${environment[@]}" "$app" "$@"
}

fail() {
  echo "FAIL: $1" >&2
  if [ -n "${2:-}" ] && [ -s "$2" ]; then sed 's/^/  | /' "$2" >&2; fi
  exit 1
}

# check NAME COMMAND...: run the app, fail with its output when it fails.
check() {
  local label="$1"
  shift
  local status=0
  run "$@" > "$work/out" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then fail "$label (exit $status)" "$work/out"; fi
}

check_pdf() {
  local label="$1" pdf="$2" size
  [ -f "$pdf" ] || fail "$label: $pdf was not written"
  [ "$(head -c 4 "$pdf")" = "%PDF" ] || fail "$label: $pdf does not start with %PDF"
  size="$(wc -c < "$pdf")"
  [ "$size" -gt 10240 ] || fail "$label: $pdf is only $size bytes"
  echo "ok: $label ($((size / 1024)) kB)"
}

started=$SECONDS
bundle="$(dirname "$app")"

# What is in the folder: Qt's own Russian (buttons, standard dialogs), and nothing that could
# open a network connection (build.spec leaves QtNetwork and the plugins needing it out). An
# installed package has PySide6's whole wheel beside it instead: nothing to look at there.
if ! $installed; then
  if [ -z "$(find "$bundle" -name 'qtbase_ru.qm' -print -quit)" ]; then
    fail "Qt's Russian translation (qtbase_ru.qm) is not in the bundle"
  fi
  echo "ok: Qt's Russian translation is in the bundle"
  network="$(find "$bundle" \( -name 'libQt6Network*' -o -name 'QtNetwork*' \) -print)"
  [ -z "$network" ] || fail "QtNetwork is in the bundle: $network"
  echo "ok: no QtNetwork in the bundle"
  # Its size within the budget, nothing that no session loads back in, nothing that a path of
  # the app needs gone (tools/bundle_contents.py; standard library only).
  python="$repo/.venv/bin/python"
  [ -x "$python" ] || python=python3
  "$python" "$repo/tools/bundle_contents.py" check "$bundle" > "$work/contents" 2>&1 \
    || fail "what the bundle carries" "$work/contents"
  cat "$work/contents"
fi

check "--version" --version
grep -qF "$version" "$work/out" || fail "--version does not say $version" "$work/out"
echo "ok: --version: $(head -n 1 "$work/out")"

check "init" init --vault "$vault"
[ -f "$vault" ] || fail "init wrote no vault"
echo "ok: init: a fresh vault"

check "check" check --vault "$vault"
echo "ok: check: $(head -n 1 "$work/out")"

check "demo" demo --days 30 --vault "$vault"
echo "ok: demo --days 30"

check "export-pdf" export-pdf -o "$work/cwd/report.pdf" --vault "$vault"
check_pdf "export-pdf" "$work/cwd/report.pdf"

check "export-pdf --lang ru" export-pdf --lang ru -o "$work/cwd/report-ru.pdf" --vault "$vault"
check_pdf "export-pdf --lang ru" "$work/cwd/report-ru.pdf"
if command -v pdftotext >/dev/null 2>&1; then
  # The Russian catalogue (recovery_journal/resources/i18n/ru.mo, compiled) is there: the title
  # is Russian.
  pdftotext "$work/cwd/report-ru.pdf" "$work/report-ru.txt"
  grep -q "Отчёт" "$work/report-ru.txt" || fail "the Russian report has no Russian text"
  echo "ok: the Russian report is in Russian"
fi
if command -v pdffonts >/dev/null 2>&1; then
  pdffonts "$work/cwd/report-ru.pdf" > "$work/fonts"
  grep -q "DejaVuSans" "$work/fonts" || fail "the report does not embed DejaVu Sans" "$work/fonts"
  echo "ok: the report embeds DejaVu Sans"
fi
# The report answers back: its boxes (pypdf, the form's own font read by fontTools) and the
# reply read by the bundle; a report nobody wrote in yet brings nothing and says so.
check "import-reply" import-reply "$work/cwd/report-ru.pdf" --vault "$vault"
grep -q "Nothing is written in this report yet" "$work/out" \
  || fail "import-reply did not read the report's boxes" "$work/out"
echo "ok: import-reply reads the report's boxes"

# Search: the demo's English words found, word forms too (the Snowball stemmer, a C extension).
check "search" search --json meetings --vault "$vault"
grep -q '"count": [1-9]' "$work/out" || fail "search found nothing in the demo" "$work/out"
echo "ok: search: $(grep -o '"count": [0-9]*' "$work/out")"

# The GUI: still running after 5 seconds (timeout's 124) means it started and waits at the
# unlock dialog; anything else is a crash or an error, and so is a traceback it printed.
status=0
timeout 5 env -i "${environment[@]}" "$app" --vault "$vault" > "$work/gui.out" 2>&1 || status=$?
if [ "$status" -ne 124 ]; then
  fail "the GUI ended after less than 5 seconds (exit $status)" "$work/gui.out"
fi
if grep -q "Traceback" "$work/gui.out"; then
  fail "the GUI printed a traceback" "$work/gui.out"
fi
if [ -s "$work/gui.out" ]; then
  echo "   (the GUI said:)"
  sed 's/^/   | /' "$work/gui.out"
fi
echo "ok: the GUI started offscreen and kept running for 5 s"

# A person's journeys with the built app: the window under a window manager, driven from outside.
if $installed; then
  echo "   (no journeys here: make test drives the same code's window, make dist-check the bundle's)"
elif [ -x "$repo/.venv/bin/python" ]; then
  (cd "$repo" && JOURNEY_PROGRAM="$app" QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest \
    tests/journeys -q -p no:cacheprovider -k "first_evening or lock or unlock or whole_session") \
    || fail "a journey with the built app failed (evidence in journey-artifacts/)"
  echo "ok: journeys with the built app"
else
  fail "the journeys need the project's venv (run: make test once)"
fi

echo "dist check: all passed ($((SECONDS - started)) s)"
