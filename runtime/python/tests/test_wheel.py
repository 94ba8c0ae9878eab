"""`python -m build` makes a real wheel; a fresh venv installs and uses it."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(PROJECT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("*.whl")
    return built


def test_the_wheel_holds_the_package_typed(wheel: Path) -> None:
    assert wheel.name == "protosmith_grpc_errors-0.1.0-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "protosmith_grpc_errors/__init__.py" in names
    assert "protosmith_grpc_errors/py.typed" in names
    metadata = (
        zipfile.ZipFile(wheel).read("protosmith_grpc_errors-0.1.0.dist-info/METADATA").decode()
    )
    assert "Name: protosmith-grpc-errors" in metadata
    for requirement in ("grpcio", "protobuf", "googleapis-common-protos"):
        assert f"Requires-Dist: {requirement}" in metadata
    assert not any(name.startswith(("tests/", "src/")) for name in names)


def test_a_fresh_venv_installs_and_imports_it(wheel: Path, tmp_path: Path) -> None:
    venv.create(tmp_path / "venv", with_pip=False)
    python = tmp_path / "venv" / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    script = (
        "import protosmith_grpc_errors as p; "
        "e = p.GrpcError(p.Code.NOT_FOUND, 'R', 'm', metadata={'k': 'v'}); "
        "d = p.decode_status(5, 'm', p.encode_status_details(e)); "
        "assert d.is_(e) and d.metadata == {'k': 'v'}; "
        "print(p.__file__, p.__version__)"
    )
    result = subprocess.run(
        [str(python), "-c", script], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    location, version = result.stdout.split()
    assert version == "0.1.0"
    assert location.startswith(str(tmp_path / "venv"))
