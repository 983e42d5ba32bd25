#!/usr/bin/env bash
# Installs what building and testing voices needs, each thing only if it is missing.
#   scripts/setup.sh build   Rust wasm target, wasm-pack, wasm-bindgen-cli, npm tools (wasm-opt)
#   scripts/setup.sh test    all of the above, plus Debian's Chromium and ChromeDriver, and
#                            the Python tools below
#   scripts/setup.sh python  only the Python tools: a venv in target/pyenv with
#                            python/requirements-test.txt (maturin, pytest, Dask, pyarrow,
#                            PySpark) and a Java runtime for Spark
#   scripts/setup.sh bench-corpus [VENV]
#                            the spaCy reference of `make bench-corpus`: a venv (default
#                            target/bench-pyenv) with bench/corpus/requirements.txt
# Safe to run again: a warm machine finishes in about a second.
set -euo pipefail

mode="${1:-build}"
cd "$(dirname "$0")/.."

# Versions known to work together; wasm-bindgen-cli must match the wasm-bindgen pinned in Cargo.toml.
WASM_PACK_VERSION=0.15.1
WASM_BINDGEN_VERSION=0.2.130

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
    say "installing Debian packages: $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" </dev/null
}

# A Python venv at $1 with the requirements file $2, reinstalled only when that file changes
# (its hash is kept in the venv); $3 says what is being installed.
python_venv() {
    local venv=$1 requirements=$2 what=$3 stamp
    command -v python3 >/dev/null || apt_install python3 python3-venv
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c '' 2>/dev/null; then
        say "creating the Python venv $venv"
        rm -rf "$venv"
        python3 -m venv "$venv" || { apt_install python3-venv && python3 -m venv "$venv"; }
    fi
    stamp="$(sha256sum "$requirements" | cut -d' ' -f1)"
    if [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$stamp" ]; then
        say "installing $what into $venv (about a minute the first time)"
        "$venv/bin/python" -m pip install -q --upgrade pip </dev/null
        "$venv/bin/python" -m pip install -q -r "$requirements" </dev/null
        echo "$stamp" >"$venv/.requirements.sha256"
    fi
}

# Python: target/pyenv (git-ignored) with python/requirements-test.txt.
setup_python() {
    python_venv target/pyenv python/requirements-test.txt "Python test tools"
    # Spark runs on the JVM: Java 17 or later.
    if ! command -v java >/dev/null; then
        apt_install openjdk-17-jre-headless
    fi
}

if [ "$mode" = python ]; then
    setup_python
    say "ok ($mode)"
    exit 0
fi

# The spaCy reference of `make bench-corpus` (dev-only, never in the package or CI).
if [ "$mode" = bench-corpus ]; then
    python_venv "${2:-target/bench-pyenv}" bench/corpus/requirements.txt \
        "spaCy, en_core_web_sm and textacy"
    say "ok ($mode)"
    exit 0
fi

command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust with rustup first" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
    say "installing wasm-pack $WASM_PACK_VERSION (a few minutes)"
    cargo install --force "wasm-pack@$WASM_PACK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
    ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about four minutes)"
    cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm
fi

# npm tools (binaryen's wasm-opt, playwright-core) go in ./node_modules, which git ignores.
# Debian's binaryen is too old and emits broken wasm: never use it.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] ||
    [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm tools (binaryen, playwright-core) into node_modules/"
    npm ci --no-audit --no-fund --loglevel=error </dev/null
fi

if [ "$mode" = test ]; then
    # Debian's Chromium and its driver; test tools must never download a browser of their own.
    if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
        apt_install chromium chromium-driver
    fi
fi

if [ "$mode" = test ]; then
    setup_python
fi

say "ok ($mode)"
