"""The hand-written generated modules (tests/interop/python/gen): imported,
run, checked against the error catalog protoc-gen-docs writes from the same
protos and against protoc's descriptors of them, and imported beside what
grpcio-tools generates for the same protos."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from acme.order.v1 import order_errors
from acme.user.v1 import errors_errors
from google.protobuf import descriptor_pb2

from protosmith_grpc_errors import Code, ErrorDef, ErrorKind, GrpcError, all_definitions, duplicates

REPO = Path(__file__).resolve().parents[3]
GEN = REPO / "tests" / "interop" / "python" / "gen"
MODULES = (errors_errors, order_errors)
KINDS: list[type[ErrorKind]] = [
    errors_errors.UserErrorKind,
    order_errors.OrderErrorKind,
    order_errors.PaymentErrorKind,
]
# The proto enum of each of KINDS.
ENUMS = ["acme.user.v1.UserError", "acme.order.v1.OrderError", "acme.order.v1.Payment.Error"]
PROTOS = ["acme/user/v1/errors.proto", "acme/order/v1/order.proto"]


def catalog_definitions() -> dict[str, dict[str, object]]:
    """The example module's error catalog by proto name, as protoc-gen-docs
    wrote it (gen/docs/json/index.json, kept current by ci/check-protos.sh):
    the language-neutral record of what every generator declares, so this
    test does not depend on how another language's output is spelled."""
    catalog = json.loads(
        (REPO / "gen" / "docs" / "json" / "index.json").read_text(encoding="utf-8")
    )
    return {
        entry["value"]: {
            "code": error["code"],
            "code_number": error["code_number"],
            "http_status": error["http_status"],
            "reason": error["reason"],
            "domain": error["domain"],
            "message": error["message"],
            "placeholders": tuple(error["placeholders"]),
            "i18n": {translation["lang"]: translation["message"] for translation in error["i18n"]},
        }
        for entry in catalog["error_catalog"]
        for error in [entry["error"]]
    }


def as_dict(definition: ErrorDef) -> dict[str, object]:
    return {
        "code": definition.code.name,
        "code_number": int(definition.code),
        "http_status": definition.http_status,
        "reason": definition.reason,
        "domain": definition.domain,
        "message": definition.message,
        "placeholders": tuple(definition.placeholders),
        "i18n": dict(definition.i18n),
    }


def test_the_definitions_are_those_of_the_error_catalog() -> None:
    catalog = catalog_definitions()
    assert len(catalog) == 9
    python = {kind.definition.proto_name: as_dict(kind.definition) for cls in KINDS for kind in cls}
    assert python == catalog


@pytest.fixture(scope="module")
def proto_enums(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, int]]]:
    """The enums of the example protos as protoc describes them: full name ->
    [(value full name, number)] in declaration order."""
    from grpc_tools import protoc

    descriptors = tmp_path_factory.mktemp("descriptors") / "protos.pb"
    include = Path(protoc.__file__).parent / "_proto"
    status = protoc.main(
        [
            "protoc",
            f"-I{REPO / 'proto'}",
            f"-I{include}",
            f"--descriptor_set_out={descriptors}",
            *PROTOS,
        ]
    )
    assert status == 0
    enums: dict[str, list[tuple[str, int]]] = {}

    def walk(
        scope: str,
        messages: list[descriptor_pb2.DescriptorProto],
        enum_types: list[descriptor_pb2.EnumDescriptorProto],
    ) -> None:
        for enum in enum_types:
            # An enum value's full name is a sibling of its enum's.
            enums[f"{scope}.{enum.name}"] = [
                (f"{scope}.{value.name}", value.number) for value in enum.value
            ]
        for message in messages:
            walk(f"{scope}.{message.name}", list(message.nested_type), list(message.enum_type))

    for file in descriptor_pb2.FileDescriptorSet.FromString(descriptors.read_bytes()).file:
        walk(file.package, list(file.message_type), list(file.enum_type))
    return enums


def test_numbers_and_order_are_those_of_the_proto_enums(
    proto_enums: dict[str, list[tuple[str, int]]],
) -> None:
    """The catalog has no enum numbers: protoc's descriptors give them, and
    the declaration order. Value 0 (*_UNSPECIFIED) is no error."""
    python = [
        [(kind.definition.proto_name, kind.definition.number) for kind in cls] for cls in KINDS
    ]
    proto = [
        [(name, number) for name, number in proto_enums[enum] if number != 0] for enum in ENUMS
    ]
    assert python == proto


def test_importing_registers_every_definition_once() -> None:
    registered = {definition.reason for definition in all_definitions()}
    assert {kind.definition.reason for cls in KINDS for kind in cls} <= registered
    assert duplicates() == []


def factories() -> list[tuple[ErrorKind, object]]:
    pairs = []
    for cls in KINDS:
        module = sys.modules[cls.__module__]
        for kind in cls:
            relative = kind.definition.proto_name.removeprefix(
                module.__name__.rsplit(".", 1)[0] + "."
            )
            name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", relative.replace(".", "_")).lower()
            pairs.append((kind, getattr(module, name)))
    return pairs


@pytest.mark.parametrize(
    ("kind", "factory"), factories(), ids=lambda value: getattr(value, "__name__", str(value))
)
def test_each_factory_takes_its_placeholders_as_keywords(kind: ErrorKind, factory: object) -> None:
    assert callable(factory)
    parameters = inspect.signature(factory).parameters.values()
    assert [parameter.name for parameter in parameters] == list(kind.definition.placeholders)
    assert all(parameter.kind is inspect.Parameter.KEYWORD_ONLY for parameter in parameters)
    args = {name: f"v-{name}" for name in kind.definition.placeholders}
    error = factory(**args)
    assert isinstance(error, GrpcError)
    assert error.definition is kind.definition
    assert (error.code, error.reason, error.domain) == (
        kind.definition.code,
        kind.definition.reason,
        kind.definition.domain,
    )
    assert dict(error.metadata) == args
    for value in args.values():
        assert value in error.message
    assert type(kind).from_error(error) is kind
    module = sys.modules[type(kind).__module__]
    helper = getattr(module, f"is_{factory.__name__}")  # type: ignore[attr-defined]
    assert helper(error)
    assert not helper(GrpcError(Code.UNKNOWN, "other", ""))
    assert not helper(None)
    assert factory.__doc__
    assert kind.definition.reason in factory.__doc__
    with pytest.raises(TypeError):
        factory(*args.values(), unexpected=1)


def test_a_missing_placeholder_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        order_errors.order_error_out_of_stock(sku="s")  # type: ignore[call-arg]


def test_kinds_match_errors_for_match_statements() -> None:
    error = order_errors.payment_error_card_declined(last4=4242)
    match order_errors.PaymentErrorKind.from_error(error):
        case order_errors.PaymentErrorKind.CARD_DECLINED:
            assert error.message == "card ending in 4242 was declined"
        case _:
            pytest.fail("not matched")
    assert order_errors.OrderErrorKind.from_error(error) is None
    assert order_errors.PaymentErrorKind.from_error(None) is None


def test_public_names_are_all_exported() -> None:
    for module in MODULES:
        public = {name for name in vars(module) if not name.startswith("_")}
        imported = {"Code", "ErrorDef", "ErrorKind", "GrpcError", "register", "annotations"}
        assert sorted(public - imported) == sorted(module.__all__)
        assert module.__all__ == sorted(module.__all__)


def test_sits_beside_grpcio_tools_output(tmp_path: Path) -> None:
    """grpcio-tools writes errors_pb2.py where errors_errors.py lives; both
    import, and a star import of both loses no name."""
    from grpc_tools import protoc

    include = Path(protoc.__file__).parent / "_proto"
    protos = [
        "acme/user/v1/errors.proto",
        "acme/order/v1/order.proto",
        "protosmith/errors/v1/options.proto",
    ]
    status = protoc.main(
        [
            "protoc",
            f"-I{REPO / 'proto'}",
            f"-I{include}",
            f"--python_out={tmp_path}",
            f"--pyi_out={tmp_path}",
            *protos,
        ]
    )
    assert status == 0
    for source in GEN.rglob("*_errors.py"):
        target = tmp_path / source.relative_to(GEN)
        assert not target.exists()
        target.write_text(source.read_text())
    script = textwrap.dedent(
        """
        import acme.order.v1.order_errors as order_errors
        import acme.order.v1.order_pb2 as order_pb2
        import acme.user.v1.errors_errors as errors_errors
        import acme.user.v1.errors_pb2 as errors_pb2

        for pb2, errors in ((errors_pb2, errors_errors), (order_pb2, order_errors)):
            names = {name for name in vars(pb2) if not name.startswith("_")}
            assert not names & set(errors.__all__), names & set(errors.__all__)
        not_found = errors_errors.UserErrorKind.NOT_FOUND.definition
        declined = order_errors.PaymentErrorKind.CARD_DECLINED.definition
        assert errors_pb2.USER_ERROR_NOT_FOUND == not_found.number
        assert order_pb2.Payment.ERROR_CARD_DECLINED == declined.number
        print("ok")
        """
    )
    src = Path(__file__).resolve().parents[1] / "src"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={"PYTHONPATH": f"{tmp_path}:{src}", "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stderr
