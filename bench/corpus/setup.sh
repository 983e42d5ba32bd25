#!/usr/bin/env bash
# The venv of the spaCy reference in `make bench-corpus`: target/bench-pyenv with
# bench/corpus/requirements.txt (spaCy, its small English model, textacy), reinstalled only when
# that file changes (its hash is kept in the venv). Dev-only: nothing of it enters the package,
# its tests or CI. Safe to run again: a warm machine finishes at once.
#   bash bench/corpus/setup.sh [VENV]
set -euo pipefail
cd "$(dirname "$0")/../.."

venv="${1:-target/bench-pyenv}"
requirements=bench/corpus/requirements.txt
say() { printf 'bench-corpus setup: %s\n' "$*"; }

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c '' 2>/dev/null; then
    say "creating the Python venv $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
fi
stamp="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$stamp" ]; then
    say "installing spaCy, en_core_web_sm and textacy into $venv (about a minute the first time)"
    "$venv/bin/python" -m pip install -q --upgrade pip </dev/null
    "$venv/bin/python" -m pip install -q -r "$requirements" </dev/null
    echo "$stamp" >"$venv/.requirements.sha256"
fi
