#!/usr/bin/env bash
# The repo stands on its own: a fresh `git clone` of the committed tree in a temporary folder,
# with nothing of ours beside it (no shared data folder), runs the README's `make test` and
# `make demo`. It builds in a target folder of its own: cargo would take this checkout's
# artifacts as fresh (their dep-info names this tree's files), and a tool built here bakes in
# this tree's paths, so a shared target folder would let the clone read files it does not
# have. Only npm's download cache is shared. The clone's own `make test` does not start
# another clone (RAPPORT_STANDALONE_INNER), which is all that variable changes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "standalone: note: uncommitted changes are not in the clone; it tests HEAD $(git rev-parse --short HEAD)"
fi
tmp=$(mktemp -d /tmp/rapport-standalone.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
git clone -q --no-hardlinks "$root" "$tmp/rapport"
cd "$tmp/rapport"
# nothing of the repo may reach outside it for data: no path into a shared folder anywhere
# (the folder's name is spelled in two pieces so that this line does not find itself)
outside="sha""red"
if grep -rIn --exclude-dir=hosts -e "\.\./$outside" -e "RAPPORT_${outside^^}" \
     Makefile scripts src tools tests benches widget extension www npm .ci 2>/dev/null \
     ; then
  echo "standalone: FAIL: the lines above reach outside the repo"; exit 1
fi
[ ! -e "$tmp/shared" ] || { echo "standalone: FAIL: $tmp/shared exists"; exit 1; }
export CARGO_TARGET_DIR="$tmp/target"
export RAPPORT_STANDALONE_INNER=1
echo "standalone: make test in a fresh clone at $tmp/rapport (nothing of ours beside it)"
make test
echo "standalone: make demo serves the page"
if curl -fsS -o /dev/null http://127.0.0.1:8080/www/ 2>/dev/null; then
  echo "standalone: FAIL: something already serves 127.0.0.1:8080; cannot check make demo"; exit 1
fi
( make demo >"$tmp/demo.log" 2>&1 & echo $! >"$tmp/demo.pid" )
ok=0
for _ in $(seq 1 120); do
  if curl -fsS http://127.0.0.1:8080/www/ 2>/dev/null | grep -q 'rapport'; then ok=1; break; fi
  sleep 1
done
pkill -P "$(cat "$tmp/demo.pid")" 2>/dev/null || true; kill "$(cat "$tmp/demo.pid")" 2>/dev/null || true
pkill -f "$tmp/rapport/scripts/serve.mjs" 2>/dev/null || true
if [ $ok = 1 ]; then echo "standalone: 2 passed, 0 failed (make test and make demo in a clean clone)"
else cat "$tmp/demo.log"; echo "standalone: 1 passed, 1 failed (make demo did not serve the page)"; exit 1; fi
