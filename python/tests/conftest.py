"""Shared fixtures: the repository's fixture articles and the voices CLI to compare with."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt")) + sorted(
    (ROOT / "tests" / "cases").glob("*.txt")
)


def cli_path() -> Path:
    """The CLI to compare with: $VOICES_CLI, else target/release/voices or target/debug/voices
    (whichever is newer), else one built now with cargo."""
    if os.environ.get("VOICES_CLI"):
        return Path(os.environ["VOICES_CLI"]).resolve()
    built = [p for p in (ROOT / "target/release/voices", ROOT / "target/debug/voices") if p.exists()]
    if built:
        return max(built, key=lambda p: p.stat().st_mtime)
    subprocess.run(["cargo", "build", "--bin", "voices"], cwd=ROOT, check=True)
    return ROOT / "target/debug/voices"


@pytest.fixture(scope="session")
def cli() -> Path:
    return cli_path()


def cli_analyse(cli: Path, path: Path) -> dict:
    out = subprocess.run([str(cli), "analyse", str(path)], check=True, capture_output=True)
    return json.loads(out.stdout)


def cli_jsonl(cli: Path, jsonl: Path) -> list:
    """The CLI's --jsonl answers for a file of records, one dict per non-blank line."""
    out = subprocess.run([str(cli), "analyse", "--jsonl", str(jsonl)], capture_output=True)
    assert out.returncode in (0, 1), out.stderr.decode()
    return [json.loads(line) for line in out.stdout.splitlines()]
