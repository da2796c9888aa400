"""experta 1.9.4 must import on this Python through the engine module's shim."""

import subprocess
import sys


def test_engine_imports_in_a_fresh_interpreter():
    code = (
        "import loyaliteit.redeneren.engine as e, collections, collections.abc;"
        "assert collections.Mapping is collections.abc.Mapping;"
        "assert issubclass(e.KnowledgeEngine, object);"
        "print('ok')"
    )
    resultaat = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.strip() == "ok"


def test_plain_experta_import_needs_the_shim():
    """Documents why the shim exists: without it experta's frozendict fails on 3.10+."""
    code = "import experta"
    resultaat = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert resultaat.returncode != 0
    assert "Mapping" in resultaat.stderr
