#!/usr/bin/env bash
# Installs everything strata needs from Debian packages (and, with --test, the
# npm test peers). Idempotent: quiet when all is present, and `apt-get update`
# runs only when something is missing. Run as root on Debian 12.
#   scripts/setup.sh          build + demo dependencies
#   scripts/setup.sh --test   also test, fuzz, lint and interop dependencies
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

build_packages=(
  g++ cmake ninja-build ccache pkg-config git
  libfmt-dev libcli11-dev
  zlib1g-dev libzstd-dev libsnappy-dev liblz4-dev libbrotli-dev libxxhash-dev
  libsimdjson-dev libroaring-dev libyaml-dev libmimalloc-dev
)
test_packages=(
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev clang-format clang-tidy
  nodejs time
)

packages=("${build_packages[@]}")
((want_test)) && packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

((want_test)) || exit 0

# Debian's own nodejs package ships npm separately; NodeSource's includes it.
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: installing npm"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 20)); then
  echo "setup: Node.js >= 20 is needed for the interop peers (found $(node --version))" >&2
  exit 1
fi

# Install only when the installed tree is missing or older than the lock file.
# `npm install` (not `npm ci`) because the lock file lists only the peers'
# linux-x64 native packages: the registry reachable here has no others, and
# `npm ci` refuses a lock without every platform's optional package. The
# versions are pinned exactly in package.json and checked against the lock's
# integrity hashes either way.
interop=tests/interop
if [[ ! -f $interop/node_modules/.package-lock.json ||
      $interop/package-lock.json -nt $interop/node_modules/.package-lock.json ]]; then
  echo "setup: installing interop test peers (npm install)"
  (cd "$interop" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
