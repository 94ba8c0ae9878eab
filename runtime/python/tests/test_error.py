"""GrpcError and ErrorDef: immutable values, is_ by reason and domain, locales."""

import pickle

import pytest
from acme.order.v1.order_errors import order_error_not_found, order_error_out_of_stock
from acme.user.v1.errors_errors import (
    UserErrorKind,
    user_error_email_taken,
    user_error_not_found,
    user_error_password_mismatch,
)

from protosmith_grpc_errors import (
    Code,
    ErrorDef,
    GrpcError,
    LocalizedMessage,
    from_exception,
    is_,
)


def test_a_factory_fills_the_template_and_the_metadata() -> None:
    error = order_error_out_of_stock(available=2, sku="sku-9")
    assert error.code is Code.RESOURCE_EXHAUSTED
    assert error.http_status == 429
    assert error.reason == "acme.order.v1.ORDER_ERROR_OUT_OF_STOCK"
    assert error.domain == ""
    assert error.message == "only 2 of sku-9 left"
    assert dict(error.metadata) == {"available": "2", "sku": "sku-9"}
    assert str(error) == (
        "RESOURCE_EXHAUSTED: only 2 of sku-9 left (reason acme.order.v1.ORDER_ERROR_OUT_OF_STOCK)"
    )
    assert error.args == ("only 2 of sku-9 left",)


def test_each_call_is_a_new_value_and_definitions_never_change() -> None:
    first = user_error_not_found(user_id="u-1")
    second = user_error_not_found(user_id="u-2")
    assert first is not second
    changed = first.with_message("other").with_metadata(request_id="r-1").with_domain("d")
    assert (first.message, dict(first.metadata), first.domain) == (
        "user u-1 not found",
        {"user_id": "u-1"},
        "",
    )
    assert (changed.message, dict(changed.metadata), changed.domain) == (
        "other",
        {"user_id": "u-1", "request_id": "r-1"},
        "d",
    )
    assert UserErrorKind.NOT_FOUND.definition.message == "user {user_id} not found"
    with pytest.raises(AttributeError):
        first.reason = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        first.metadata["user_id"] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        UserErrorKind.NOT_FOUND.definition.code = Code.OK  # type: ignore[misc]


def test_with_metadata_takes_a_mapping_and_keywords_and_replaces_keys() -> None:
    error = user_error_not_found(user_id="u-1").with_metadata(
        {"x-trace": "t", "user_id": "u-9"}, n="1"
    )
    assert dict(error.metadata) == {"user_id": "u-9", "x-trace": "t", "n": "1"}
    assert error.message == "user u-1 not found"


def test_is_compares_reason_and_domain_only() -> None:
    error = user_error_not_found(user_id="u-1")
    assert error.is_(user_error_not_found(user_id="other"))
    assert error.is_(UserErrorKind.NOT_FOUND.definition)
    assert error.with_message("x").with_metadata(a="b").is_(error)
    assert not error.is_(user_error_email_taken())
    assert not error.is_(error.with_domain("elsewhere"))
    same = GrpcError(Code.INTERNAL, "acme.user.v1.USER_ERROR_NOT_FOUND", "whatever")
    assert error.is_(same)
    assert same.is_(error)


def test_an_error_without_a_reason_matches_nothing() -> None:
    plain = GrpcError(Code.UNAVAILABLE, "", "try again later")
    assert not plain.is_(plain)
    assert not plain.is_(GrpcError(Code.UNAVAILABLE, "", "try again later"))
    assert not plain.is_(ErrorDef(code=Code.UNAVAILABLE, reason="", domain="", message=""))
    assert not is_(None, plain)
    assert not is_(plain, plain)


def test_cause_is_kept_locally() -> None:
    cause = OSError("disk full")
    error = user_error_email_taken().with_cause(cause)
    assert error.cause is cause
    assert error.with_message("m").cause is cause
    try:
        try:
            raise cause
        except OSError as exc:
            raise user_error_email_taken() from exc
    except GrpcError as raised:
        assert raised.cause is cause


def test_from_exception_walks_the_chain() -> None:
    inner = order_error_not_found(order_id="o-1")
    try:
        try:
            raise inner
        except GrpcError as exc:
            raise RuntimeError("wrapped") from exc
    except RuntimeError as outer:
        assert from_exception(outer) is inner
        assert is_(outer, inner)
    try:
        try:
            raise inner
        except GrpcError:
            raise ValueError("while handling") from None
    except ValueError as suppressed:
        unknown = from_exception(suppressed)
        assert (unknown.code, unknown.reason, unknown.message) == (
            Code.UNKNOWN,
            "",
            "while handling",
        )
    looping = ValueError("a")
    looping.__cause__ = ValueError("b")
    looping.__cause__.__cause__ = looping
    assert from_exception(looping).code is Code.UNKNOWN


def test_with_locale_picks_the_best_translation() -> None:
    error = user_error_not_found(user_id="u-404")
    assert error.localized is None
    german = error.with_locale("de-AT, en;q=0.5")
    assert german.localized == LocalizedMessage("de", "Benutzer u-404 nicht gefunden")
    assert german.message == "user u-404 not found"
    assert error.with_locale("zh-TW").localized == LocalizedMessage("zh", "用户 u-404 不存在")
    assert error.with_locale("fr").localized is None
    assert user_error_password_mismatch(user_id="u").with_locale(
        "cn"
    ).localized == LocalizedMessage("cn", "密码不匹配")
    assert error.localized_message("zh") == "用户 u-404 不存在"
    assert error.localized_message("zh-TW") is None


def test_with_locale_from_reads_request_metadata() -> None:
    error = user_error_not_found(user_id="u")
    metadata = (("user-agent", "x"), ("accept-language", "fr"), ("Accept-Language", "de;q=0.5"))
    localized = error.with_locale_from(metadata).localized
    assert localized is not None
    assert localized.locale == "de"
    assert error.with_locale_from(None).localized is None
    assert error.with_locale_from((("accept-language-bin", b"de"),)).localized is None


def test_the_translation_is_rendered_with_later_metadata() -> None:
    error = user_error_not_found(user_id="u-1").with_locale("de").with_metadata(user_id="u-2")
    assert error.localized == LocalizedMessage("de", "Benutzer u-2 nicht gefunden")


def test_hand_made_errors() -> None:
    error = GrpcError(
        10, "INVENTORY_LOCKED", "locked", domain="inventory.acme.example", metadata={"sku": "s"}
    )
    assert error.code is Code.ABORTED
    assert error.definition is None
    assert error.with_locale("de").localized is None
    given = error.with_localized_message("de", "gesperrt")
    assert given.localized == LocalizedMessage("de", "gesperrt")
    assert GrpcError(99, "R", "m").code is Code.UNKNOWN
    assert "domain inventory.acme.example" in str(error)
    assert str(GrpcError(Code.UNAVAILABLE, "", "later")) == "UNAVAILABLE: later"


def test_pickles_by_value() -> None:
    error = order_error_not_found(order_id="o-1").with_locale("zh").with_cause(OSError("x"))
    copy = pickle.loads(pickle.dumps(error))
    assert copy.is_(error)
    assert (copy.code, copy.message, dict(copy.metadata)) == (
        error.code,
        error.message,
        dict(error.metadata),
    )
    assert copy.localized == LocalizedMessage("zh", "订单 o-1 不存在")
    assert copy.definition == error.definition
    assert copy.cause is None


def test_repr_shows_every_field() -> None:
    text = repr(user_error_not_found(user_id="u").with_locale("de"))
    for part in ("NOT_FOUND", "acme.user.v1.USER_ERROR_NOT_FOUND", "'user_id': 'u'", "locale='de'"):
        assert part in text
