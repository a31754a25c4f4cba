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
