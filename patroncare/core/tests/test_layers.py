"""The apps stay layered (pyproject.toml [tool.importlinter]): a lower app never imports a higher one, core
imports no domain, and selectors call no services."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_import_contracts_are_kept():
    result = subprocess.run(  # noqa: S603  (our own virtualenv's lint-imports, fixed arguments)
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "0 broken" in result.stdout, result.stdout[-3000:]
    assert "Apps are layered" in result.stdout and "selectors import no services" in result.stdout
