"""The reference emitter (GENERATED.md as code): it writes the golden files
byte for byte, and hostile models still give modules that import, run,
type-check and are a fixed point of ruff format."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from example_model import EXAMPLE
from reference_emitter import Enum, File, NameClashError, Value, emit, member_names, module_path

from protosmith_grpc_errors import Code, ErrorKind, GrpcError, all_definitions

REPO = Path(__file__).resolve().parents[3]
GEN = REPO / "tests" / "interop" / "python" / "gen"
BIN = Path(sys.executable).parent


@pytest.mark.parametrize("file", EXAMPLE, ids=lambda file: file.name)
def test_the_golden_files_are_what_the_emitter_writes(file: File) -> None:
    assert (GEN / module_path(file.name)).read_text(encoding="utf-8") == emit(file)


@pytest.mark.parametrize(
    ("proto", "module"),
    [
        ("acme/user/v1/errors.proto", "acme/user/v1/errors_errors.py"),
        ("a-b/c-d.proto", "a_b/c_d_errors.py"),
        ("top.proto", "top_errors.py"),
        ("a-b/foo.bar-baz.proto", "a_b/foo/bar_baz_errors.py"),
    ],
)
def test_module_paths(proto: str, module: str) -> None:
    assert module_path(proto) == module


LONG = "VERY_LONG_NAME_THAT_KEEPS_GOING_AND_GOING_UNTIL_IT_NO_LONGER_FITS_ON_A_LINE"
HOSTILE_DOC = (
    '"Quoted" at the start, a \\ backslash, """triple""" quotes,\n'
    "\ttabs, a bell \x07, bidi \u202eevil\u202c, a line separator \u2028 and 用户 wide text,\n"
    "\n"
    "    an indented line, trailing spaces   \n"
    'and a quote at the end"'
)


def value(name: str, number: int, message: str, **fields: Any) -> Value:
    full_name = f"hostile.v1.{name}"
    base = Value(name, full_name, number, "ABORTED", full_name, "", message)
    return dataclasses.replace(base, **fields)


HOSTILE = File(
    name="hostile/v1/odd-name.proto",
    package="hostile.v1",
    enums=(
        Enum(
            name="Quirk",
            full_name="hostile.v1.Quirk",
            parents=(),
            doc=HOSTILE_DOC,
            deprecated=True,
            values=(
                value(
                    "QUIRK_CLASS",
                    1,
                    'say "{from}" to {user-id} and {user_id}, {{literal}} \\ \u202e',
                    i18n=(("de", "sag {from}"), ("zh-TW", "用户 {user-id}")),
                    doc=HOSTILE_DOC,
                    deprecated=True,
                ),
                value("QUIRK_NONE", 2, "it's \"quoted\" '' \"", domain="hostile.example"),
                value("None", 3, "{a}{a}{b}"),
                value("QUIRK_" + LONG, 4, "x" * 120 + "{" + "p" * 60 + "}", reason="R" * 63),
                value("QUIRK_2FA_REQUIRED", 5, "2fa {x}"),
                value("IMPORT", 6, "{" + "k" * 40 + "-" + "k" * 20 + "}"),
            ),
        ),
        Enum(
            name="Error",
            full_name="hostile.v1.Outer.InnerWithAVeryLongNameThatGoesOnAndOn.Error",
            parents=("Outer", "InnerWithAVeryLongNameThatGoesOnAndOnForeverAndEver"),
            doc="",
            values=(
                value("ERROR_" + LONG, 1, "no placeholders"),
                value("ERROR_WIDE", 2, "用户" * 30 + " {user}"),
            ),
        ),
        Enum(
            name="Edge" + "Long" * 22,
            full_name="hostile.v1.Edge" + "Long" * 22,
            parents=(),
            doc="Names whose lines end on either side of 88 columns.",
            values=tuple(
                value(f"EDGE{length:02}_" + "A" * length, length, "e") for length in range(40, 80)
            ),
        ),
        Enum(
            name="Short",
            full_name="hostile.v1.Short",
            parents=(),
            doc="",
            values=tuple(
                value(f"SHORT_B{'B' * length}", length, "{x}" if length % 2 else "")
                for length in range(50, 80)
            ),
        ),
    ),
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("gen")
    path = root / module_path(HOSTILE.name)
    path.parent.mkdir(parents=True)
    path.write_text(emit(HOSTILE), encoding="utf-8")
    sys.path.insert(0, str(root))
    try:
        yield path
    finally:
        sys.path.remove(str(root))


def run(*command: str, cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hostile_output_is_ruff_formatted_and_clean(hostile: Path) -> None:
    run(
        str(BIN / "ruff"),
        "format",
        "--isolated",
        "--check",
        "--diff",
        str(hostile),
        cwd=hostile.parent,
    )
    run(str(BIN / "ruff"), "check", "--isolated", str(hostile), cwd=hostile.parent)


def test_hostile_output_passes_mypy_strict(hostile: Path) -> None:
    src = Path(__file__).resolve().parents[1] / "src"
    run(sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(hostile), cwd=src)


def test_hostile_source_has_no_invisible_characters(hostile: Path) -> None:
    for char in hostile.read_text(encoding="utf-8"):
        assert char == "\n" or unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp"), repr(
            char
        )


def test_hostile_output_runs(hostile: Path) -> None:
    module = importlib.import_module("hostile.v1.odd_name_errors")
    quirk: type[ErrorKind] = module.QuirkKind
    assert [kind.name for kind in quirk] == [
        "CLASS",
        "NONE",
        "None_",
        LONG,
        "QUIRK_2FA_REQUIRED",
        "IMPORT",
    ]
    error = module.quirk_class(from_="F", user_id="U1", user_id_="U2")
    assert isinstance(error, GrpcError)
    assert dict(error.metadata) == {"from": "F", "user-id": "U1", "user_id": "U2"}
    assert error.message == 'say "F" to U1 and U2, {literal} \\ \u202e'
    assert error.with_locale("zh").localized is not None
    assert module.is_quirk_class(error)
    assert not module.is_quirk_none(error)
    assert module.quirk_none().domain == "hostile.example"
    assert module.none(a=1, b=2).message == "112"
    assert module.quirk_2fa_required(x="y").message == "2fa y"
    assert module.import_(**{"k" * 40 + "_" + "k" * 20: "v"}).metadata == {
        "k" * 40 + "-" + "k" * 20: "v"
    }
    long_factory = getattr(module, "quirk_" + LONG.lower())
    assert long_factory(**{"p" * 60: "P"}).message.endswith("P")
    assert module.Quirk.__name__ if hasattr(module, "Quirk") else True
    assert "\n    \ttabs, a bell \x07" in (quirk.__doc__ or "")
    doc = inspect.cleandoc(quirk.__doc__ or "")
    assert doc.startswith('"Quoted" at the start, a \\ backslash, """triple""" quotes,\n')
    assert "\u202eevil\u202c" in doc
    assert 'an indented line, trailing spaces\nand a quote at the end"' in doc
    assert "Deprecated" in doc
    inner = module.OuterInnerWithAVeryLongNameThatGoesOnAndOnForeverAndEverErrorKind
    assert [kind.name for kind in inner] == [LONG, "WIDE"]
    wide = module.outer_inner_with_a_very_long_name_that_goes_on_and_on_forever_and_ever_error_wide
    assert wide(user="u").message.endswith(" u")
    registered = {definition.reason for definition in all_definitions()}
    assert {kind.definition.reason for kind in (*quirk, *inner)} <= registered
    assert quirk.CLASS.definition.code is Code.ABORTED  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("first", "second"),
    [("FOO", "_FOO"), ("IS_FOO", "FOO")],
)
def test_clashing_names_are_refused(first: str, second: str) -> None:
    enum = Enum("Quirk", "hostile.v1.Quirk", (), (value(first, 1, "m"), value(second, 2, "m")))
    file = File("hostile/v1/clash.proto", "hostile.v1", (enum,))
    with pytest.raises(NameClashError):
        emit(file)


def test_a_nested_value_can_clash_with_a_top_level_one() -> None:
    top = Enum("Quirk", "hostile.v1.Quirk", (), (value("A_B", 1, "m"),))
    nested = Enum("E", "hostile.v1.A.E", ("A",), (value("B", 1, "m"),))
    with pytest.raises(NameClashError, match="a_b"):
        emit(File("hostile/v1/clash.proto", "hostile.v1", (top, nested)))


def test_leading_underscores_and_reserved_member_names() -> None:
    enum = Enum(
        "Odd",
        "hostile.v1.Odd",
        (),
        tuple(
            value(name, number, "m")
            for number, name in enumerate(["_X", "name", "ODD_value", "True"], 1)
        ),
    )
    assert member_names(enum) == ["V_X", "name_", "value_", "True_"]
