#!/usr/bin/env bash
# Is the Python distribution whole? As pip or pipx would have it, away from this checkout:
#   the sdist built from the checkout and the wheel from that sdist (tools/build_dist.py);
#   a fresh venv in a temporary folder with the locked requirements (requirements.txt, hashed;
#   pip's cache makes it quick) and the wheel;
#   then tools/check_dist.sh --installed on its recovery-journal: --version, init, check, demo,
#   export-pdf in English and Russian, search, and the window offscreen for 5 seconds, from
#   another folder with a fresh HOME and nothing of the checkout or its venv in sight.
# Used as `make wheel-check` (and in .ci/run). BUILD_PYTHON: the Python that builds (default the
# project's venv, which has the locked setuptools and Babel); PYTHON: the one the fresh venv is made
# from.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_python="${BUILD_PYTHON:-$repo/.venv/bin/python}"
python="${PYTHON:-python3}"

work="$(mktemp -d "${TMPDIR:-/tmp}/rj-wheel-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
started=$SECONDS

# Build output and pip's chatter go to a log, shown only when a step fails.
log="$work/log"
step() {
  local label="$1"
  shift
  if ! "$@" >> "$log" 2>&1; then
    echo "FAIL: $label" >&2
    tail -n 40 "$log" | sed 's/^/  | /' >&2
    exit 1
  fi
}

step "building the sdist and the wheel" "$build_python" "$repo/tools/build_dist.py" "$work/dist"
sdist="$(find "$work/dist" -name '*.tar.gz')"
wheel="$(find "$work/dist" -name '*.whl')"
echo "ok: built $(basename "$sdist") ($(( $(wc -c < "$sdist") / 1024 )) kB)" \
  "and $(basename "$wheel") ($(( $(wc -c < "$wheel") / 1024 )) kB)"

step "making a fresh venv" "$python" -m venv "$work/venv"
pip=("$work/venv/bin/python" -m pip --disable-pip-version-check)
step "installing the locked requirements" "${pip[@]}" install -r "$repo/requirements.txt"
step "installing the wheel" "${pip[@]}" install --no-deps "$wheel"
# The wheel's declared dependencies are all there, at versions its ranges accept.
step "pip check" "${pip[@]}" check
echo "ok: installed into a fresh venv with the locked requirements ($((SECONDS - started)) s)"

bash "$repo/tools/check_dist.sh" --installed "$work/venv/bin/recovery-journal"
echo "wheel check: all passed ($((SECONDS - started)) s)"
