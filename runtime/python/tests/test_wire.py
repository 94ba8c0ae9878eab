"""The wire contract and the receiver rules of the README, on bytes."""

import random

import pytest
from acme.order.v1.order_errors import OrderErrorKind, payment_error_card_declined
from acme.user.v1.errors_errors import user_error_not_found
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2

from protosmith_grpc_errors import (
    ERROR_INFO_TYPE_URL,
    LOCALIZED_MESSAGE_TYPE_URL,
    Code,
    GrpcError,
    LocalizedMessage,
    decode_status,
    encode_status_details,
    to_status_proto,
)


def info(reason: str, domain: str = "", **metadata: str) -> any_pb2.Any:
    message = error_details_pb2.ErrorInfo(reason=reason, domain=domain, metadata=metadata)
    return any_pb2.Any(type_url=ERROR_INFO_TYPE_URL, value=message.SerializeToString())


def status(*details: any_pb2.Any, code: int = 5, message: str = "m") -> bytes:
    return status_pb2.Status(code=code, message=message, details=details).SerializeToString()


def test_encodes_error_info_and_localized_message() -> None:
    error = user_error_not_found(user_id="u-404").with_locale("de").with_metadata(request_id="r-1")
    proto = to_status_proto(error)
    assert (proto.code, proto.message) == (5, "user u-404 not found")
    assert [detail.type_url for detail in proto.details] == [
        ERROR_INFO_TYPE_URL,
        LOCALIZED_MESSAGE_TYPE_URL,
    ]
    decoded_info = error_details_pb2.ErrorInfo()
    assert proto.details[0].Unpack(decoded_info)
    assert decoded_info.reason == "acme.user.v1.USER_ERROR_NOT_FOUND"
    assert decoded_info.domain == ""
    assert dict(decoded_info.metadata) == {"user_id": "u-404", "request_id": "r-1"}
    localized = error_details_pb2.LocalizedMessage()
    assert proto.details[1].Unpack(localized)
    assert (localized.locale, localized.message) == ("de", "Benutzer u-404 nicht gefunden")


def test_an_error_without_reason_has_no_error_info() -> None:
    proto = to_status_proto(GrpcError(Code.UNAVAILABLE, "", "later"))
    assert (proto.code, proto.message, len(proto.details)) == (14, "later", 0)


def test_serialization_is_deterministic() -> None:
    keys = [f"k{index}" for index in range(50)]
    forward = GrpcError(Code.ABORTED, "R", "m", metadata={key: "v" for key in keys})
    backward = GrpcError(Code.ABORTED, "R", "m", metadata={key: "v" for key in reversed(keys)})
    assert encode_status_details(forward) == encode_status_details(backward)


def test_round_trip_of_a_registered_error() -> None:
    sent = payment_error_card_declined(last4="4242").with_locale("de")
    received = decode_status(sent.code, sent.message, encode_status_details(sent))
    assert received.is_(sent)
    assert received.definition is sent.definition
    assert (received.code, received.message, dict(received.metadata)) == (
        Code.FAILED_PRECONDITION,
        "card ending in 4242 was declined",
        {"last4": "4242"},
    )
    assert received.localized is None


def test_a_registered_reason_takes_its_code_from_the_registry() -> None:
    received = decode_status(
        Code.UNKNOWN, "wire text", status(info("acme.order.v1.ORDER_ERROR_NOT_FOUND"))
    )
    assert received.code is Code.NOT_FOUND
    assert received.message == "wire text"
    assert OrderErrorKind.from_error(received) is OrderErrorKind.NOT_FOUND


def test_a_registered_reason_in_another_domain_is_not_registered() -> None:
    received = decode_status(
        Code.ABORTED, "m", status(info("acme.order.v1.ORDER_ERROR_NOT_FOUND", "x"))
    )
    assert received.code is Code.ABORTED
    assert received.definition is None
    assert OrderErrorKind.from_error(received) is None


def test_an_unregistered_reason_keeps_the_wire_code() -> None:
    received = decode_status(10, "locked", status(info("INVENTORY_LOCKED", "inventory", sku="s")))
    assert (received.code, received.reason, received.domain, dict(received.metadata)) == (
        Code.ABORTED,
        "INVENTORY_LOCKED",
        "inventory",
        {"sku": "s"},
    )
    assert received.definition is None


@pytest.mark.parametrize("details", [None, b"", status()])
def test_a_status_without_error_info_has_no_reason(details: bytes | None) -> None:
    received = decode_status(14, "later", details)
    assert (received.code, received.reason, received.message) == (Code.UNAVAILABLE, "", "later")
    assert not received.is_(received)


@pytest.mark.parametrize(
    "details",
    [
        b"\xff\xff\xff",
        b"\x1a\x05\x0a",
        b"\x1a\x80\x80\x80\x80\x10",
        status(any_pb2.Any(type_url=ERROR_INFO_TYPE_URL, value=b"\x0a\xff\xfe")),
        status(any_pb2.Any(type_url=ERROR_INFO_TYPE_URL, value=b"\x0a\x05ab")),
    ],
)
def test_malformed_details_keep_the_wire_code_and_message(details: bytes) -> None:
    received = decode_status(Code.NOT_FOUND, "gone", details)
    assert (received.code, received.message, received.reason) == (Code.NOT_FOUND, "gone", "")


def test_an_undecodable_detail_is_skipped_and_the_next_read() -> None:
    broken = any_pb2.Any(type_url=ERROR_INFO_TYPE_URL, value=b"\x0a\x05ab")
    broken_localized = any_pb2.Any(type_url=LOCALIZED_MESSAGE_TYPE_URL, value=b"\x12\x09")
    good_localized = error_details_pb2.LocalizedMessage(locale="de", message="weg")
    details = status(
        broken,
        broken_localized,
        info("INVENTORY_LOCKED", "inventory"),
        any_pb2.Any(type_url=LOCALIZED_MESSAGE_TYPE_URL, value=good_localized.SerializeToString()),
        info("SECOND", "ignored"),
    )
    received = decode_status(10, "m", details)
    assert (received.reason, received.domain) == ("INVENTORY_LOCKED", "inventory")
    assert received.localized == LocalizedMessage("de", "weg")


@pytest.mark.parametrize(
    "type_url",
    [
        "type.googleapis.com/google.rpc.ErrorInfo",
        "example.com/types/google.rpc.ErrorInfo",
        "google.rpc.ErrorInfo",
        "/google.rpc.ErrorInfo",
    ],
)
def test_detail_types_are_matched_by_the_name_after_the_last_slash(type_url: str) -> None:
    value = error_details_pb2.ErrorInfo(reason="R").SerializeToString()
    received = decode_status(10, "m", status(any_pb2.Any(type_url=type_url, value=value)))
    assert received.reason == "R"


@pytest.mark.parametrize("type_url", ["type.googleapis.com/google.rpc.ErrorInfoX", "ErrorInfo", ""])
def test_other_types_are_ignored(type_url: str) -> None:
    value = error_details_pb2.ErrorInfo(reason="R").SerializeToString()
    received = decode_status(10, "m", status(any_pb2.Any(type_url=type_url, value=value)))
    assert received.reason == ""


def test_the_wire_code_wins_over_the_status_code_in_the_details() -> None:
    received = decode_status(Code.ABORTED, "wire", status(info("R"), code=3, message="inner"))
    assert (received.code, received.message) == (Code.ABORTED, "wire")


def test_hostile_bytes_never_raise() -> None:
    rng = random.Random(193)
    real = encode_status_details(user_error_not_found(user_id="u-404").with_locale("zh"))
    inputs = [real[:cut] for cut in range(len(real))]
    for _ in range(2000):
        flipped = bytearray(real)
        flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        inputs.append(bytes(flipped))
    inputs += [rng.randbytes(rng.randrange(64)) for _ in range(2000)]
    inputs += [b"\x1a" * 100_000, b"\x0a\xff\xff\xff\xff\x0f" + b"x" * 10]
    for data in inputs:
        received = decode_status(Code.NOT_FOUND, "m", data)
        definition = received.definition
        assert received.code is (Code.NOT_FOUND if definition is None else definition.code)
        assert received.message == "m"
