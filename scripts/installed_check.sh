#!/usr/bin/env bash
# What users install is the product: build the wheel, install it in a fresh environment,
# and run `mes-optout demo` and a `mes-optout mock-site` start from an empty folder, with
# no checkout on the path. Usage: scripts/installed_check.sh (after ./dev.sh setup).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
uv="$root/.venv/bin/uv"
work="$(mktemp -d)"
trap '[ -n "${mock_pid:-}" ] && kill "$mock_pid" 2>/dev/null; rm -rf "$work"' EXIT

"$uv" build -q --wheel --out-dir "$work/dist" "$root"
"$uv" venv -q --python "$root/.venv/bin/python" "$work/env"
"$uv" pip install -q --compile-bytecode --python "$work/env/bin/python" "$work"/dist/*.whl
mkdir "$work/empty"
cd "$work/empty"
export PYTHONPATH=  # nothing from the checkout
bin="$work/env/bin/mes-optout"

"$bin" --version
"$bin" --help >/dev/null

# The mock-site command: it prints its address once it listens; the home page answers.
coproc MOCK { exec "$bin" mock-site --port 0 --outbox "$work/outbox" 2>&1; }
mock_pid=$MOCK_PID
# Its first line comes once the socket listens: wait for that line, bounded.
read -r -t 60 -u "${MOCK[0]}" first || { echo "mock-site did not start" >&2; exit 1; }
url="${first##* }"
"$work/env/bin/python" - "$url" <<'PY'
import sys
import urllib.request

with urllib.request.urlopen(sys.argv[1], timeout=10) as answer:
    page = answer.read().decode()
assert "Mon espace santé" in page, page[:200]
PY
kill "$mock_pid"
wait "$mock_pid" 2>/dev/null || true
mock_pid=""

# The demo: the whole household on the built-in mock, checked, from the empty folder.
"$bin" demo --out "$work/empty/demo"
test -z "$(ls -A "$work/empty" | grep -v '^demo$')"  # it wrote nowhere else
echo "installed wheel: mock-site and demo OK"
