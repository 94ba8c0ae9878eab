"""protosmith.errors.v1.options_pb2: options.proto's code, shipped by the runtime.

API distributions import it from here (they hold no copy: two would clash in
site-packages); ci/runtime-options.sh checks it is grpcio-tools' output.
"""

import re
import tomllib
from pathlib import Path

from google.protobuf import descriptor_pool

from protosmith.errors.v1 import options_pb2

RUNTIME = Path(__file__).resolve().parents[1]


def test_keeps_its_proto_path_and_field_numbers() -> None:
    pool = descriptor_pool.Default()
    file = pool.FindFileByName("protosmith/errors/v1/options.proto")
    assert file.package == "protosmith.errors.v1"
    assert options_pb2.errors.number == options_pb2.error.number == 51820
    assert options_pb2.FAILED_PRECONDITION == 9


def test_the_protobuf_requirement_admits_no_runtime_the_gencode_refuses() -> None:
    source = (RUNTIME / "src/protosmith/errors/v1/options_pb2.py").read_text()
    found = re.search(r"^# Protobuf Python Version: (\d+)\.(\d+)\.(\d+)$", source, re.M)
    assert found, "options_pb2.py names no protobuf version"
    gencode = tuple(int(part) for part in found.groups())
    pyproject = tomllib.loads((RUNTIME / "pyproject.toml").read_text())
    (requirement,) = [d for d in pyproject["project"]["dependencies"] if re.match(r"protobuf\b", d)]
    floor = re.fullmatch(r"protobuf>=(\d+)\.(\d+)\.(\d+)", requirement)
    assert floor, requirement
    assert tuple(int(part) for part in floor.groups()) >= gencode, (requirement, gencode)
