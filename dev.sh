#!/usr/bin/env bash
# One entry point that sets up a fresh machine, then does what was asked:
#   ./dev.sh demo [--headed]      the demo: a whole household on the built-in mock site
#   ./dev.sh test [pytest args]   the whole test suite (headed tests under Xvfb when needed)
#   ./dev.sh lint                 ruff and mypy
#   ./dev.sh setup                only the set-up
#   ./dev.sh mes-optout ...       the command line, from the project's environment
set -euo pipefail
# The checkout, by its absolute path: `mes-optout` and the demo run in the caller's folder
# (a household folder, an output folder written where the person stands, never inside the
# checkout); only the set-up, the tests and the linters move into the checkout.
HERE=$(cd "$(dirname "$0")" && pwd)

VENV="$HERE/.venv"
PY="$VENV/bin/python"

say() { printf '[dev] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

apt_install() {
  command -v apt-get >/dev/null || return 1
  if [ -z "${DEV_APT_UPDATED:-}" ]; then as_root apt-get update -qq || return 1; DEV_APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

setup_python() ( # a subshell: the editable install is made from the checkout
  cd "$HERE"
  # The command line, run again and again by a family: the editable install stands until
  # pyproject.toml changes (a second instead of nothing, on every command otherwise).
  if [ "${1:-}" = quick ] && [ -x "$PY" ] && [ "$VENV/.installed" -nt pyproject.toml ]; then exit 0; fi
  if [ ! -x "$PY" ]; then
    say "creating $VENV"
    python3 -m venv "$VENV"
  fi
  # uv installs in about a second; plain pip is the fallback where uv can't be had.
  if [ ! -x "$VENV/bin/uv" ]; then "$PY" -m pip install -q uv || true; fi
  if [ -x "$VENV/bin/uv" ]; then
    # Compiled once here, as pip does: uv leaves it to the first import, and where
    # PYTHONDONTWRITEBYTECODE is set every process (each test worker, each run of the
    # command) compiled pypdf, fpdf2 and fontTools again (~15% of the suite's CPU).
    "$VENV/bin/uv" pip install -q --compile-bytecode --python "$PY" -e '.[test]'
  else
    "$PY" -m pip install -q -e '.[test]'
  fi
  touch "$VENV/.installed"
)

setup_browser() {
  if [ -n "${MES_BROWSER_PATH:-}" ] && [ -x "$MES_BROWSER_PATH" ]; then return; fi
  # Where downloads were closed, the system's Chromium found last time, without trying
  # (and saying) it all again on every command; `./dev.sh setup` looks afresh.
  local chosen="$VENV/.system-chromium"
  if [ "$command" != setup ] && [ -s "$chosen" ] && [ -x "$(cat "$chosen")" ]; then
    MES_BROWSER_PATH="$(cat "$chosen")"; export MES_BROWSER_PATH; return
  fi
  rm -f "$chosen"
  # Playwright's own build first: it is the one the pinned driver was made for.
  if "$PY" -m playwright install chromium >/dev/null 2>&1; then return; fi
  say "playwright install could not download Chromium; using the system's"
  for candidate in /usr/lib/chromium/chromium /usr/lib/chromium-browser/chromium-browser; do
    if [ -x "$candidate" ]; then
      export MES_BROWSER_PATH="$candidate"
      echo "$candidate" > "$chosen"
      # Its headless shell, beside it, runs the headless tests at a fraction of the CPU.
      if [ "$candidate" = /usr/lib/chromium/chromium ] && [ ! -x /usr/lib/chromium/chromium-headless-shell ]; then
        apt_install chromium-headless-shell || say "no chromium-headless-shell: headless runs use chromium"
      fi
      return
    fi
  done
  # With its headless shell: headless runs (the tests, unattended households) use it.
  if apt_install chromium chromium-headless-shell && [ -x /usr/lib/chromium/chromium ]; then
    export MES_BROWSER_PATH=/usr/lib/chromium/chromium
    echo "$MES_BROWSER_PATH" > "$chosen"
    return
  fi
  say "no Chromium: install one (playwright install chromium, or your system's chromium package)"
  exit 1
}

setup_test_servers() {
  # The IMAP code reader is tested against a real IMAP server: Debian's Dovecot.
  if ! command -v dovecot >/dev/null && [ ! -x /usr/sbin/dovecot ]; then
    apt_install dovecot-imapd || say "no Dovecot: the IMAP reader's tests will be skipped"
  fi
}

with_display() {
  # Headed tests need a screen; on a machine without one, Xvfb gives a virtual one.
  if [ -n "${DISPLAY:-}" ]; then "$@"; return; fi
  if ! command -v xvfb-run >/dev/null; then apt_install xvfb xauth || true; fi
  if command -v xvfb-run >/dev/null; then xvfb-run -a "$@"; else "$@"; fi
}

command=${1:-test}
shift || true
case "$command" in
  setup) setup_python; setup_browser ;;
  demo) setup_python; setup_browser; "$VENV/bin/mes-optout" demo "$@" ;;
  # Three workers, each with its own mock and browser: the tests mostly wait on the site and
  # the browser, so on two cores three finish sooner than two (measured: 5:57 against 6:36).
  test) cd "$HERE"; setup_python; setup_browser; setup_test_servers; with_display "$PY" -m pytest -n 3 --dist worksteal "$@" ;;
  lint) cd "$HERE"; setup_python; "$VENV/bin/ruff" check . && "$VENV/bin/ruff" format --check . && "$VENV/bin/mypy" ;;
  # MES_CALLED_AS: what the robot's advice tells the person to type again (./dev.sh ...).
  mes-optout) setup_python quick; setup_browser; MES_CALLED_AS="$HERE/dev.sh" "$VENV/bin/mes-optout" "$@" ;;
  *) say "unknown command: $command (demo, test, lint, setup, mes-optout)"; exit 2 ;;
esac
