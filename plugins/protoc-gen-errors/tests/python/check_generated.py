"""Imports and runs the modules protoc-gen-errors wrote for lang=python.

Run by tests/python_toolchain.rs as ``python check_generated.py DIR`` with
DIR and the runtime's sources on PYTHONPATH: DIR holds the example module's
files (acme/...) and the hostile proto's (hostile/v1/odd_name_errors.py), each
beside the ``_pb2`` module grpcio-tools wrote for the same proto.

``python check_generated.py --pb2-names MODULE`` prints the public names of
a ``_pb2`` module, one per line, for the Rust side to compare with the
namer's list.
"""

import importlib
import inspect
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

from protosmith_grpc_errors import Code, ErrorKind, GrpcError, all_definitions


def kind(module: ModuleType, name: str) -> type[ErrorKind]:
    found = getattr(module, name)
    assert isinstance(found, type) and issubclass(found, ErrorKind), name
    return found


def check_no_invisible_characters(root: Path) -> None:
    for path in sorted(root.rglob("*_errors.py")):
        text = path.read_text(encoding="utf-8")
        for line, content in enumerate(text.split("\n"), 1):
            for char in content:
                category = unicodedata.category(char)
                assert category not in ("Cc", "Cf", "Zl", "Zp"), (
                    f"{path}:{line}: {char!r}"
                )


def check_example() -> None:
    user = importlib.import_module("acme.user.v1.errors_errors")
    order = importlib.import_module("acme.order.v1.order_errors")
    error = user.user_error_not_found(user_id="u1")
    assert isinstance(error, GrpcError)
    assert error.code is Code.NOT_FOUND
    assert error.reason == "acme.user.v1.USER_ERROR_NOT_FOUND"
    assert error.message == "user u1 not found"
    assert dict(error.metadata) == {"user_id": "u1"}
    assert user.is_user_error_not_found(error)
    assert not user.is_user_error_email_taken(error)
    assert kind(user, "UserErrorKind").from_error(error) is user.UserErrorKind.NOT_FOUND
    declined = order.payment_error_card_declined(last4="4242")
    assert order.PaymentErrorKind.CARD_DECLINED.matches(declined)
    assert (
        order.order_error_out_of_stock(available=2, sku="s").message
        == "only 2 of s left"
    )
    for module in (user, order):
        public = {name for name in vars(module) if not name.startswith("_")}
        assert set(module.__all__) == public - {"annotations"}, module.__name__


def check_hostile() -> None:
    module = importlib.import_module("hostile.v1.odd_name_errors")
    long = "VERY_LONG_NAME_THAT_KEEPS_GOING_AND_GOING_UNTIL_IT_NO_LONGER_FITS_ON_A_LINE"
    quirk = kind(module, "QuirkKind")
    assert [member.name for member in quirk] == [
        "CLASS",
        "NONE",
        "True_",
        long,
        "QUIRK_2FA_REQUIRED",
        "IMPORT",
        "OBJECT",
        "BOOL",
        "V_LEADING",
        "MATCH",
        "TYPE",
    ]
    error = module.quirk_class(from_="F", user_id="U1", user_id_="U2")
    assert dict(error.metadata) == {"from": "F", "user_id": "U1", "userId": "U2"}
    assert error.message == 'say "F" to U1 and U2, {literal} \\ \u202e \x07'
    assert error.domain == "hostile.example"
    assert error.with_locale("zh-TW").localized is not None
    assert module.is_quirk_class(error) and not module.is_quirk_none(error)
    assert module.quirk_none().message == "it's \"quoted\" '' \""
    assert module.true(a=1, b=2).message == "112"
    assert module.quirk_2fa_required(x="y").message == "2fa y"
    imported = module.import_(from_=1, none=2, class_=3, match=4)
    assert dict(imported.metadata) == {
        "from": "1",
        "None": "2",
        "class": "3",
        "match": "4",
    }
    assert module.object_().reason == "hostile.v1.OBJECT"
    assert module.bool_().reason == "hostile.v1.BOOL"
    assert module.leading().reason == "hostile.v1._LEADING"
    assert (
        module.match().reason == "hostile.v1.MATCH"
        and module.type().code is Code.ABORTED
    )
    assert getattr(module, "quirk_" + long.lower())(**{"p" * 60: "P"}).message.endswith(
        "P"
    )
    doc = inspect.cleandoc(quirk.__doc__ or "")
    assert doc.startswith(
        '"Quoted" at the start, a \\ backslash, """triple""" quotes, */ and */\n'
    )
    raw = "\n    \ttabs, a bell \x07, bidi \u202eevil\u202c, a line separator \u2028 and 用户"
    assert raw in (quirk.__doc__ or "")
    assert '    an indented line, trailing spaces\nand a quote at the end"' in doc
    assert doc.endswith("Deprecated: the proto declares this enum deprecated.")
    inner = kind(
        module, "OuterInnerWithAVeryLongNameThatGoesOnAndOnForeverAndEverErrorKind"
    )
    assert [member.name for member in inner] == [long, "WIDE", "name_", "value_"]
    wide = module.outer_inner_with_a_very_long_name_that_goes_on_and_on_forever_and_ever_error_wide
    assert wide(user="u").message.endswith(" u")
    registered = {definition.reason for definition in all_definitions()}
    assert {member.definition.reason for member in (*quirk, *inner)} <= registered
    public = {name for name in vars(module) if not name.startswith("_")}
    assert set(module.__all__) == public


def pb2_names(module: ModuleType) -> set[str]:
    """Public names, without the aliases of imported ``_pb2`` modules."""
    return {name for name in vars(module) if not name.startswith("_")} - {
        name for name in vars(module) if name.endswith("__pb2")
    }


def check_beside_pb2() -> None:
    """Star-importing ours and grpcio-tools' module together loses nothing."""
    for stem in ("acme.user.v1.errors", "acme.order.v1.order", "hostile.v1.odd_name"):
        ours = importlib.import_module(f"{stem}_errors")
        theirs = importlib.import_module(f"{stem}_pb2")
        shared = set(ours.__all__) & pb2_names(theirs)
        assert not shared, f"{stem}: {sorted(shared)}"


def main() -> None:
    if sys.argv[1] == "--pb2-names":
        print("\n".join(sorted(pb2_names(importlib.import_module(sys.argv[2])))))
        return
    root = Path(sys.argv[1])
    check_no_invisible_characters(root)
    check_example()
    check_hostile()
    check_beside_pb2()
    print("generated modules import and run")


if __name__ == "__main__":
    main()
