#!/usr/bin/env bash
# The HTML docs fit the page: at 1920 px wide, headless Chromium lays out
# gen/docs/html/index.html and no table is wider than its box (nothing
# scrolls sideways) and the page itself is no wider than the window.
# Installs Debian's chromium when missing. Usage: bash ci/docs-layout.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v chromium >/dev/null; then
    echo "docs-layout: installing chromium with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium >/dev/null
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/docs-layout.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
# The page plus a script that measures it into an attribute --dump-dom prints.
sed 's#</body>#<script>document.body.setAttribute("data-layout", [...document.querySelectorAll("table")].filter(t => t.scrollWidth > t.clientWidth + 1).length + " of " + document.querySelectorAll("table").length + " tables overflow; page " + document.documentElement.scrollWidth + " px");</script></body>#' \
    "$ROOT/gen/docs/html/index.html" >"$TMP/page.html"
result="$(timeout 120 chromium --headless --no-sandbox --disable-gpu --window-size=1920,1080 \
    --dump-dom "file://$TMP/page.html" 2>/dev/null | grep -o 'data-layout="[^"]*"' | sed 's/data-layout="\(.*\)"/\1/')"
echo "docs-layout: at 1920 px: ${result:-no measurement}"
[[ "$result" =~ ^0\ of\ [0-9]+\ tables\ overflow\;\ page\ ([0-9]+)\ px$ ]] || { echo "docs-layout: 0 passed, 1 failed"; exit 1; }
((BASH_REMATCH[1] <= 1920)) || { echo "docs-layout: the page is wider than the window"; echo "docs-layout: 0 passed, 1 failed"; exit 1; }
echo "docs-layout: 1 passed, 0 failed"
