#!/usr/bin/env bash
# clang-format over every C++ file: `scripts/format.sh` rewrites in place,
# `scripts/format.sh --check` only reports (and fails) - ctest runs the check.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=(-i)
[[ "${1:-}" == "--check" ]] && mode=(--dry-run -Werror)
dirs=()
for d in src tests bench examples; do [[ -d $d ]] && dirs+=("$d"); done
find "${dirs[@]}" -name node_modules -prune -o \( -name '*.cc' -o -name '*.h' \) -print |
  sort | xargs -r clang-format "${mode[@]}" --style=file

# A range-for over value_unsafe() of a temporary simdjson result iterates a
# destroyed object (ASan: stack-use-after-scope); it slipped in twice.
if [[ "${1:-}" == "--check" ]]; then
  if grep -rnE 'for \(.*:.*value_unsafe\(\)\) \{' "${dirs[@]}" --include='*.cc' --include='*.h'; then
    echo "error: name the simdjson value before ranging over it (see above)" >&2
    exit 1
  fi
fi
