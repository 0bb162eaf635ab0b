#!/usr/bin/env bash
# Re-create the vendored JavaScript of the book from the npm registry (pinned exact versions).
#
#   scripts/vendor_js.sh            rewrite assets/vendor/ and tests/browser/vendor/, then MANIFEST.md
#   scripts/vendor_js.sh --check    rebuild in a temporary folder and fail if anything differs
#
# Why these versions:
#   vega-lite 6.1.0   = altair 6.0.0's SCHEMA_VERSION (v6.1.0); altair asks jsDelivr for vega@6 and
#   vega 6.4.0          vega-embed@7, i.e. the newest 6.x / 7.x, pinned here to what that resolved to.
#   vega-embed 7.3.0
#   @jupyter-widgets/html-manager 1.0.15  the html-manager of ipywidgets 8.1.8 (controls 5.0.13)
#   requirejs 2.3.8   loads embed-amd.js (myst-nb's saved widget state) and vega when require is present
#   mathjax 3.2.2     tex-chtml bundle + the TeX extensions it autoloads + its woff-v2 fonts + ui/safe
#   axe-core 4.14.1   accessibility checks of the browser tests only (tests/browser/vendor)
#   ts-fsrs 5.4.2     FSRS-6 scheduler of the quiz's spaced review (UMD build, global `FSRS`)
#
# The files land in folders named <package>@<version>; the book copies assets/vendor into _static
# (html_static_path), never a folder named _static in the book root (Jupyter Book would add every .js
# there to every page, so vega would load before require.js).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHECK=0
if [ "${1:-}" = "--check" ]; then CHECK=1; fi

VEGA=6.4.0
VEGA_LITE=6.1.0
VEGA_EMBED=7.3.0
HTML_MANAGER=1.0.15
REQUIREJS=2.3.8
MATHJAX=3.2.2
AXE=4.14.1
TS_FSRS=5.4.2

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
if [ "$CHECK" = 1 ]; then
  OUT="$WORK/out/assets/vendor"
  AXE_OUT="$WORK/out/tests/browser/vendor"
else
  OUT="$ROOT/assets/vendor"
  AXE_OUT="$ROOT/tests/browser/vendor"
fi

# unpack SPEC -> prints the folder holding package/
unpack() {
  local spec="$1" dir
  dir="$WORK/pkg/$(echo "$spec" | tr '/@' '__')"
  mkdir -p "$dir"
  (cd "$dir" && npm pack "$spec" --silent 2>/dev/null >/dev/null && tar xzf ./*.tgz)
  echo "$dir/package"
}

# put SRC_PKG_DIR DEST_DIR FILE... : copy files keeping their relative paths
put() {
  local src="$1" dest="$2"
  shift 2
  for f in "$@"; do
    mkdir -p "$dest/$(dirname "$f")"
    cp "$src/$f" "$dest/$f"
  done
}

rm -rf "$OUT" "$AXE_OUT"
mkdir -p "$OUT" "$AXE_OUT"

p="$(unpack "vega@$VEGA")"
put "$p" "$OUT/vega@$VEGA" LICENSE
cp "$p/build/vega.min.js" "$OUT/vega@$VEGA/vega.min.js"

p="$(unpack "vega-lite@$VEGA_LITE")"
put "$p" "$OUT/vega-lite@$VEGA_LITE" LICENSE
cp "$p/build/vega-lite.min.js" "$OUT/vega-lite@$VEGA_LITE/vega-lite.min.js"

p="$(unpack "vega-embed@$VEGA_EMBED")"
put "$p" "$OUT/vega-embed@$VEGA_EMBED" LICENSE
cp "$p/build/vega-embed.min.js" "$OUT/vega-embed@$VEGA_EMBED/vega-embed.min.js"

# html-manager: embed-amd.js (what myst-nb loads), the woff2 icon fonts its CSS refers to (found
# next to the script through webpack's public path), and the bundle's third-party notices.
p="$(unpack "@jupyter-widgets/html-manager@$HTML_MANAGER")"
d="$OUT/jupyter-widgets-html-manager@$HTML_MANAGER"
mkdir -p "$d"
cp "$p/dist/embed-amd.js" "$p/dist/embed.js.LICENSE.txt" "$d/"
cp "$p/dist/"*.woff2 "$d/"
# The 1.0.15 tarball ships no LICENSE file; package.json says BSD-3-Clause (Project Jupyter).
cat > "$d/LICENSE" <<'EOF'
Copyright (c) 2015 Project Jupyter Contributors
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.

3. Neither the name of the copyright holder nor the names of its
   contributors may be used to endorse or promote products derived from
   this software without specific prior written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
EOF

p="$(unpack "requirejs@$REQUIREJS")"
d="$OUT/requirejs@$REQUIREJS"
mkdir -p "$d"
cp "$p/require.js" "$d/"
# The tarball ships no LICENSE file; require.js's header: "Released under MIT license".
cat > "$d/LICENSE" <<'EOF'
Copyright jQuery Foundation and other contributors, https://jquery.org/

This software consists of voluntary contributions made by many
individuals. For exact contribution history, see the revision history
available at https://github.com/requirejs/requirejs

The following license applies to all parts of this software except as
documented below:

====

Permission is hereby granted, free of charge, to any person obtaining
a copy of this software and associated documentation files (the
"Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to
the following conditions:

The above copyright notice and this permission notice shall be
included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
EOF

# MathJax: the combined tex-chtml component finds the rest relative to its own URL.
p="$(unpack "mathjax@$MATHJAX")"
d="$OUT/mathjax@$MATHJAX"
put "$p" "$d" LICENSE
put "$p/es5" "$d" tex-chtml.js
# ui/safe: MathJax's safe mode (_config.yml loads it): \href only to http(s) and in-site URLs,
# \style, \class and \cssId filtered (see bonemets.quiz.markdown for what the banks may use).
put "$p/es5" "$d" ui/safe.js
(cd "$p/es5" && find input/tex/extensions output/chtml/fonts/woff-v2 -type f | sort) |
  while read -r f; do put "$p/es5" "$d" "$f"; done

# ts-fsrs: the UMD build (no dependencies; sets window.FSRS), loaded by the quiz's review.js.
p="$(unpack "ts-fsrs@$TS_FSRS")"
put "$p" "$OUT/ts-fsrs@$TS_FSRS" LICENSE
cp "$p/dist/index.umd.js" "$OUT/ts-fsrs@$TS_FSRS/index.umd.js"

p="$(unpack "axe-core@$AXE")"
put "$p" "$AXE_OUT/axe-core@$AXE" LICENSE LICENSE-3RD-PARTY.txt axe.min.js

# MANIFEST.md: one row per file (licence from each package.json).
licence() { node -e "console.log(require('$1/package.json').license)"; }
manifest() {
  local out="$1" title="$2"
  shift 2
  {
    echo "# $title"
    echo
    echo "Generated by \`scripts/vendor_js.sh\` from the npm registry; do not edit by hand."
    echo "Re-create with \`scripts/vendor_js.sh\`; check with \`scripts/vendor_js.sh --check\`."
    echo
    echo "| package | version | licence | file | sha256 |"
    echo "|---|---|---|---|---|"
    for entry in "$@"; do
      local name="${entry%%=*}" rest="${entry#*=}"
      local version="${rest%%:*}" lic="${rest#*:}"
      local folder
      folder="$(echo "$name" | sed 's#^@##; s#/#-#')@$version"
      (cd "$out" && find "$folder" -type f | LC_ALL=C sort) | while read -r f; do
        echo "| $name | $version | $lic | \`$f\` | \`$(sha256sum "$out/$f" | cut -d' ' -f1)\` |"
      done
    done
  } > "$out/MANIFEST.md"
}
pk() { echo "$WORK/pkg/$(echo "$1" | tr '/@' '__')/package"; }
manifest "$OUT" "Vendored JavaScript of the book (served from _static/)" \
  "vega=$VEGA:$(licence "$(pk "vega@$VEGA")")" \
  "vega-lite=$VEGA_LITE:$(licence "$(pk "vega-lite@$VEGA_LITE")")" \
  "vega-embed=$VEGA_EMBED:$(licence "$(pk "vega-embed@$VEGA_EMBED")")" \
  "@jupyter-widgets/html-manager=$HTML_MANAGER:$(licence "$(pk "@jupyter-widgets/html-manager@$HTML_MANAGER")")" \
  "requirejs=$REQUIREJS:$(licence "$(pk "requirejs@$REQUIREJS")")" \
  "mathjax=$MATHJAX:$(licence "$(pk "mathjax@$MATHJAX")")" \
  "ts-fsrs=$TS_FSRS:$(licence "$(pk "ts-fsrs@$TS_FSRS")")"
manifest "$AXE_OUT" "Vendored JavaScript of the browser tests" \
  "axe-core=$AXE:$(licence "$(pk "axe-core@$AXE")")"

# Live mode's Python runtime (Pyodide core, its wheels, the test wheels): its own script, which
# appends its section to MANIFEST.md.
LIVE_TEST_OUT="${AXE_OUT%/browser/vendor}/live/wheels"
"$ROOT/scripts/vendor_pyodide.sh" --into "$OUT" "$LIVE_TEST_OUT"

if [ "$CHECK" = 1 ]; then
  diff -r "$WORK/out/assets/vendor" "$ROOT/assets/vendor"
  diff -r "$WORK/out/tests/browser/vendor" "$ROOT/tests/browser/vendor"
  diff -r "$LIVE_TEST_OUT" "$ROOT/tests/live/wheels"
  echo "vendored files match the registry"
else
  echo "wrote $OUT ($(du -sh "$OUT" | cut -f1)) and $AXE_OUT ($(du -sh "$AXE_OUT" | cut -f1))"
fi
