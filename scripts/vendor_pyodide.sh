#!/usr/bin/env bash
# Re-create live mode's Python runtime from the registries (pinned exact versions):
#
#   assets/vendor/pyodide@314.0.7/  the Pyodide core (npm `pyodide`), its lock's package list emptied
#   assets/vendor/pyodide-wheels/   the engine's dependencies as wheels for Pyodide's Python (PyPI)
#   tests/live/wheels/              pytest and hypothesis for that Python (tests/live only, not the site)
#
#   scripts/vendor_pyodide.sh            rewrite those folders and their MANIFEST.md rows
#   scripts/vendor_pyodide.sh --check    rebuild in a temporary folder and fail if anything differs
#   scripts/vendor_pyodide.sh --into OUT TEST_OUT   (scripts/vendor_js.sh) write there, rows appended
#
# Why these versions: Pyodide 314.0.7 runs CPython 3.14.2 (platform pyemscripten_2026_0_wasm32);
# pydantic_core publishes browser wheels for that platform on PyPI (2.50.5, the core pydantic 2.14.4
# pins). PyYAML has no browser wheel: the pure-Python wheel is built from its sdist without libyaml
# (build tools pinned, SOURCE_DATE_EPOCH fixed: the same bytes every time). The rest are pure wheels
# at the versions of requirements/runtime.txt and requirements/dev.txt. The upstream lock lists 357
# packages on a CDN; it is kept with no package, so nothing can load from there.
# Needs: npm, node, python3 with pip (network: npm and PyPI only).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"

PYODIDE=314.0.7
PLATFORM=pyemscripten_2026_0_wasm32
PYVER=3.14
ABI=cp314
# name==version licence (SPDX; "/" for OR)
RUNTIME_WHEELS=(
  "pydantic==2.14.4 MIT"
  "pydantic_core==2.50.5 MIT"
  "typing_extensions==4.16.0 PSF-2.0"
  "annotated_types==0.8.0 MIT"
  "typing_inspection==0.4.5 MIT"
  "markdown-it-py==3.0.0 MIT"
  "mdurl==0.1.2 MIT"
  "mdit-py-plugins==0.7.0 MIT"
)
PYYAML="pyyaml==6.0.3 MIT"
PYYAML_BUILD=("setuptools==80.9.0" "wheel==0.45.1" "Cython==3.1.4")
TEST_WHEELS=(
  "pytest==9.2.0 MIT"
  "pluggy==1.7.0 MIT"
  "iniconfig==2.3.1 MIT"
  "packaging==26.3 Apache-2.0/BSD-2-Clause"
  "pygments==2.21.0 BSD-2-Clause"
  "hypothesis==6.170.15 MPL-2.0"
  "sortedcontainers==2.4.0 Apache-2.0"
)

MODE=write
if [ "${1:-}" = "--check" ]; then MODE=check; fi
if [ "${1:-}" = "--into" ]; then MODE=into; fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
case "$MODE" in
  write) OUT="$ROOT/assets/vendor"; TEST_OUT="$ROOT/tests/live/wheels" ;;
  check) OUT="$WORK/out/assets/vendor"; TEST_OUT="$WORK/out/tests/live/wheels" ;;
  into) OUT="$2"; TEST_OUT="$3" ;;
esac
CORE="$OUT/pyodide@$PYODIDE"
WHEELS="$OUT/pyodide-wheels"
rm -rf "$CORE" "$WHEELS" "$TEST_OUT"
mkdir -p "$CORE" "$WHEELS" "$TEST_OUT"

# --- the core: only the files a page loads, and the licence
(cd "$WORK" && npm pack "pyodide@$PYODIDE" --silent >/dev/null 2>&1 && tar xzf "pyodide-$PYODIDE.tgz")
for f in pyodide.mjs pyodide.asm.mjs pyodide.asm.wasm python_stdlib.zip; do
  cp "$WORK/package/$f" "$CORE/$f"
done
node -e '
  const fs = require("fs");
  const lock = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  lock.packages = {};
  fs.writeFileSync(process.argv[2], JSON.stringify(lock, null, 1) + "\n");
' "$WORK/package/pyodide-lock.json" "$CORE/pyodide-lock.json"
{
  echo "Pyodide $PYODIDE (npm package \"pyodide\"), https://github.com/pyodide/pyodide"
  echo "Licence: Mozilla Public License 2.0 (package.json: $(node -p "require('$WORK/package/package.json').license")), text below."
  echo "python_stdlib.zip and the interpreter in pyodide.asm.wasm are CPython $PYVER, under the"
  echo "Python Software Foundation License Version 2 (https://docs.python.org/3/license.html)."
  echo
  cat /usr/share/common-licenses/MPL-2.0
} > "$CORE/LICENSE"

# --- wheels: download pinned (browser platform first, so pydantic_core gets its wasm wheel)
pip_get() { # DEST SPEC...
  local dest="$1"
  shift
  "$PYTHON" -m pip download --quiet --no-deps --only-binary :all: --platform "$PLATFORM" \
    --platform any --python-version "$PYVER" --implementation cp --abi "$ABI" --abi none \
    -d "$dest" "$@"
}
specs() { for e in "$@"; do echo "${e%% *}"; done; }
# shellcheck disable=SC2046
pip_get "$WHEELS" $(specs "${RUNTIME_WHEELS[@]}")
# shellcheck disable=SC2046
pip_get "$TEST_OUT" $(specs "${TEST_WHEELS[@]}")
printf '%s\n' "${PYYAML_BUILD[@]}" > "$WORK/build-constraints.txt"
PIP_CONSTRAINT="$WORK/build-constraints.txt" SOURCE_DATE_EPOCH=315532800 PYYAML_FORCE_LIBYAML=0 \
  "$PYTHON" -m pip wheel --quiet --no-deps --no-cache-dir --no-binary pyyaml -w "$WHEELS" "${PYYAML%% *}"
if ls "$WHEELS"/*.whl | grep -v -e '-py3-none-any.whl$' -e '-py2.py3-none-any.whl$' | grep -v -q "$PLATFORM"; then
  echo "error: a wheel for neither Pyodide's platform nor any: $(ls "$WHEELS")" >&2
  exit 1
fi
if ls "$WHEELS" | grep -q '^pydantic_core-0\.0\.1'; then
  echo "error: pip chose the pydantic_core placeholder, not the browser wheel" >&2
  exit 1
fi

{
  echo "The wheels live mode installs into Pyodide $PYODIDE (scripts/vendor_pyodide.sh)."
  echo "Each wheel carries its own licence text in its .dist-info folder. Licences:"
  for e in "${RUNTIME_WHEELS[@]}" "$PYYAML"; do echo "  ${e%% *}  ${e#* }"; done
} > "$WHEELS/LICENSE"
{
  echo "pytest and hypothesis for Pyodide $PYODIDE: tests/live runs the engine's tests under the"
  echo "browser's Python (scripts/vendor_pyodide.sh). Each wheel carries its own licence text. Licences:"
  for e in "${TEST_WHEELS[@]}"; do echo "  ${e%% *}  ${e#* }"; done
} > "$TEST_OUT/LICENSE"

# --- manifest rows: | package | version | licence | `file` | `sha256` |
licence_of() { # FILE -> licence from the tables above (by the wheel's distribution name)
  local dist key
  dist="$(basename "$1" | cut -d- -f1 | tr '[:upper:]' '[:lower:]' | tr '_.' '--')"
  for e in "${RUNTIME_WHEELS[@]}" "$PYYAML" "${TEST_WHEELS[@]}"; do
    key="$(echo "${e%%==*}" | tr '[:upper:]' '[:lower:]' | tr '_.' '--')"
    if [ "$key" = "$dist" ]; then echo "${e#* }"; return; fi
  done
  echo "per-wheel"
}
rows() { # BASE FOLDER PACKAGE-FOR-NON-WHEELS VERSION LICENCE
  local base="$1" folder="$2" pkg="$3" ver="$4" lic="$5"
  (cd "$base" && find "$folder" -type f | LC_ALL=C sort) | while read -r f; do
    local name version l
    if [[ "$f" == *.whl ]]; then
      name="$(basename "$f" | cut -d- -f1)"
      version="$(basename "$f" | cut -d- -f2)"
      l="$(licence_of "$f")"
    else
      name="$pkg"; version="$ver"; l="$lic"
    fi
    echo "| $name | $version | $l | \`$f\` | \`$(sha256sum "$base/$f" | cut -d' ' -f1)\` |"
  done
}
SECTION="## Live mode: Pyodide and wheels (scripts/vendor_pyodide.sh)"
section() {
  echo
  echo "$SECTION"
  echo
  echo "| package | version | licence | file | sha256 |"
  echo "|---|---|---|---|---|"
  rows "$OUT" "pyodide@$PYODIDE" pyodide "$PYODIDE" MPL-2.0
  rows "$OUT" pyodide-wheels pyodide-wheels "$PYODIDE" per-wheel
}
# Replace this script's section of assets/vendor/MANIFEST.md (kept last), or append it.
manifest_section() { # MANIFEST
  local m="$1"
  if [ -f "$m" ]; then
    awk -v s="$SECTION" '$0 == s {exit} {print}' "$m" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$WORK/m"
  else
    : > "$WORK/m"
  fi
  { cat "$WORK/m"; section; } > "$m"
}
{
  echo "# Wheels of the tests under Pyodide (tests/live)"
  echo
  echo "Generated by \`scripts/vendor_pyodide.sh\` from PyPI; do not edit by hand."
  echo
  echo "| package | version | licence | file | sha256 |"
  echo "|---|---|---|---|---|"
  rows "$(dirname "$TEST_OUT")" "$(basename "$TEST_OUT")" tests-live-wheels "$PYODIDE" per-wheel
} > "$TEST_OUT/MANIFEST.md"

case "$MODE" in
  write)
    manifest_section "$OUT/MANIFEST.md"
    echo "wrote $CORE ($(du -sh "$CORE" | cut -f1)), $WHEELS ($(du -sh "$WHEELS" | cut -f1)), $TEST_OUT ($(du -sh "$TEST_OUT" | cut -f1))"
    ;;
  into)
    manifest_section "$OUT/MANIFEST.md"
    ;;
  check)
    section > "$WORK/section.md"
    awk -v s="$SECTION" 'f {print} $0 == s {f=1; print}' "$ROOT/assets/vendor/MANIFEST.md" > "$WORK/ours.md"
    diff <(tail -n +2 "$WORK/section.md") "$WORK/ours.md"
    diff -r "$CORE" "$ROOT/assets/vendor/pyodide@$PYODIDE"
    diff -r "$WHEELS" "$ROOT/assets/vendor/pyodide-wheels"
    diff -r "$TEST_OUT" "$ROOT/tests/live/wheels"
    echo "live mode's vendored files match the registries"
    ;;
esac
