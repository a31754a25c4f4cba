#!/usr/bin/env bash
# clang-tidy (the checks in .clang-tidy) over src/, using a build's
# compile_commands.json. `scripts/lint.sh [files...]` limits it to some files.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${STRATA_LINT_BUILD:-build/debug}
[[ -f $build/compile_commands.json ]] ||
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug >/dev/null
files=("$@")
((${#files[@]})) || mapfile -t files < <(find src -name '*.cc' | sort)
printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet
