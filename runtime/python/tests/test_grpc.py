"""Real grpcio servers and clients over TCP on 127.0.0.1: sync and asyncio."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from concurrent import futures
from typing import Any, cast

import grpc
import grpc.aio
import pytest
from acme.order.v1.order_errors import OrderErrorKind, is_order_error_out_of_stock
from acme.user.v1.errors_errors import is_user_error_not_found
from google.protobuf.wrappers_pb2 import StringValue
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from protosmith_grpc_errors import (
    STATUS_DETAILS_KEY,
    Code,
    GrpcError,
    LocalizedMessage,
    abort,
    abort_aio,
    from_exception,
    from_rpc_error,
    is_,
    lookup,
)

SERVICE = "protosmith.test.v1.Errors"
METHOD = f"/{SERVICE}/Raise"


def build(request: str, metadata: Any) -> GrpcError | None:
    """What the servers raise: a registered error, a hand-made one, or none (a plain failure)."""
    spec = json.loads(request)
    if "reason" in spec:
        definition = lookup(spec["reason"])
        assert definition is not None
        return definition.error(**spec.get("args", {})).with_locale_from(metadata)
    if "custom" in spec:
        custom = spec["custom"]
        return GrpcError(
            custom["code"], custom["reason"], custom["message"], domain=custom["domain"]
        )
    return None


def sync_raise(request: StringValue, context: grpc.ServicerContext) -> StringValue:
    if request.value == "keep-trailers":
        context.set_trailing_metadata((("x-request-id", "r-1"),))
        abort(context, GrpcError(Code.ABORTED, "R", "m"))
    if request.value == "crash":
        raise RuntimeError("boom")
    if request.value == "plain":
        context.abort(grpc.StatusCode.PERMISSION_DENIED, "no")
    error = build(request.value, context.invocation_metadata())
    assert error is not None
    abort(context, error)


async def aio_raise(
    request: StringValue, context: grpc.aio.ServicerContext[Any, Any]
) -> StringValue:
    error = build(request.value, context.invocation_metadata())
    if error is None:
        await context.abort(grpc.StatusCode.PERMISSION_DENIED, "no")
    await abort_aio(context, error)


def handler(behaviour: Callable[..., Any]) -> grpc.GenericRpcHandler:
    return grpc.method_handlers_generic_handler(
        SERVICE,
        {
            "Raise": grpc.unary_unary_rpc_method_handler(
                behaviour,
                request_deserializer=StringValue.FromString,
                response_serializer=StringValue.SerializeToString,
            )
        },
    )


@pytest.fixture(scope="module")
def sync_address() -> Iterator[str]:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    server.add_generic_rpc_handlers((handler(sync_raise),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield f"127.0.0.1:{port}"
    server.stop(None)


def call(address: str, value: str, accept_language: str | None = None) -> grpc.RpcError:
    metadata = None if accept_language is None else (("accept-language", accept_language),)
    with grpc.insecure_channel(address) as channel:
        stub = channel.unary_unary(
            METHOD,
            request_serializer=StringValue.SerializeToString,
            response_deserializer=StringValue.FromString,
        )
        with pytest.raises(grpc.RpcError) as raised:
            stub(StringValue(value=value), metadata=metadata, timeout=10)
    return raised.value


def raise_json(reason: str, **args: str) -> str:
    return json.dumps({"reason": reason, "args": args})


def test_sync_round_trip_with_locale(sync_address: str) -> None:
    rpc_error = call(
        sync_address,
        raise_json("acme.user.v1.USER_ERROR_NOT_FOUND", user_id="u-404"),
        "de-AT, en;q=0.5",
    )
    error = from_rpc_error(rpc_error)
    assert (error.code, error.http_status, error.message) == (
        Code.NOT_FOUND,
        404,
        "user u-404 not found",
    )
    assert dict(error.metadata) == {"user_id": "u-404"}
    assert error.localized == LocalizedMessage("de", "Benutzer u-404 nicht gefunden")
    assert error.cause is rpc_error
    assert is_user_error_not_found(error)
    assert is_user_error_not_found(rpc_error)
    assert from_exception(rpc_error).is_(error)


def test_grpcio_status_reads_what_we_send(sync_address: str) -> None:
    rpc_error = call(
        sync_address, raise_json("acme.order.v1.ORDER_ERROR_OUT_OF_STOCK", available="2", sku="s")
    )
    status = rpc_status.from_call(cast(grpc.Call, rpc_error))
    assert status is not None
    assert (status.code, status.message) == (8, "only 2 of s left")
    info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(info)
    assert info.reason == "acme.order.v1.ORDER_ERROR_OUT_OF_STOCK"
    assert is_order_error_out_of_stock(rpc_error)
    assert OrderErrorKind.from_error(rpc_error) is OrderErrorKind.OUT_OF_STOCK


def test_non_ascii_messages_survive(sync_address: str) -> None:
    message = "Bestellung für Zoë: sku-1 ist zu 100% gesperrt\n\t☃"
    spec = {
        "custom": {"code": 10, "reason": "INVENTORY_LOCKED", "domain": "inv", "message": message}
    }
    error = from_rpc_error(call(sync_address, json.dumps(spec)))
    assert (error.code, error.reason, error.domain, error.message) == (
        Code.ABORTED,
        "INVENTORY_LOCKED",
        "inv",
        message,
    )


def test_a_reasonless_error(sync_address: str) -> None:
    spec = {"custom": {"code": 14, "reason": "", "domain": "", "message": "later"}}
    error = from_rpc_error(call(sync_address, json.dumps(spec)))
    assert (error.code, error.reason, error.message) == (Code.UNAVAILABLE, "", "later")
    assert not error.is_(error)


def test_plain_grpc_failures(sync_address: str) -> None:
    plain = from_rpc_error(call(sync_address, "plain"))
    assert (plain.code, plain.reason, plain.message) == (Code.PERMISSION_DENIED, "", "no")
    crash = from_rpc_error(call(sync_address, "crash"))
    assert (crash.code, crash.reason) == (Code.UNKNOWN, "")


def test_abort_keeps_trailing_metadata_set_before(sync_address: str) -> None:
    rpc_error = call(sync_address, "keep-trailers")
    keys = [key for key, _ in cast(grpc.Call, rpc_error).trailing_metadata() or ()]
    assert "x-request-id" in keys
    assert STATUS_DETAILS_KEY in keys
    assert from_rpc_error(rpc_error).reason == "R"


def test_an_rpc_error_without_a_call_is_unknown() -> None:
    error = from_rpc_error(grpc.RpcError("no call"))
    assert (error.code, error.reason, error.message) == (Code.UNKNOWN, "", "no call")


async def aio_call(
    address: str, value: str, accept_language: str | None = None
) -> grpc.aio.AioRpcError:
    metadata = None if accept_language is None else (("accept-language", accept_language),)
    async with grpc.aio.insecure_channel(address) as channel:
        stub = channel.unary_unary(
            METHOD,
            request_serializer=StringValue.SerializeToString,
            response_deserializer=StringValue.FromString,
        )
        try:
            await stub(StringValue(value=value), metadata=metadata, timeout=10)
        except grpc.aio.AioRpcError as rpc_error:
            return rpc_error
    raise AssertionError("the call succeeded")


def test_asyncio_server_and_client(sync_address: str) -> None:
    async def scenario() -> None:
        server = grpc.aio.server()
        server.add_generic_rpc_handlers((handler(aio_raise),))
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        try:
            aio_address = f"127.0.0.1:{port}"
            request = raise_json("acme.user.v1.USER_ERROR_NOT_FOUND", user_id="u-404")
            for address in (aio_address, sync_address):
                rpc_error = await aio_call(address, request, "zh-TW")
                error = from_rpc_error(rpc_error)
                assert (error.code, error.message, dict(error.metadata)) == (
                    Code.NOT_FOUND,
                    "user u-404 not found",
                    {"user_id": "u-404"},
                )
                assert error.localized == LocalizedMessage("zh", "用户 u-404 不存在")
                assert is_user_error_not_found(rpc_error)
            plain = from_rpc_error(await aio_call(aio_address, "{}"))
            assert (plain.code, plain.reason, plain.message) == (Code.PERMISSION_DENIED, "", "no")
            sync_client_error = await asyncio.to_thread(call, aio_address, request)
            assert is_(
                sync_client_error,
                lookup("acme.user.v1.USER_ERROR_NOT_FOUND") or GrpcError(0, "", ""),
            )
        finally:
            await server.stop(None)

    asyncio.run(scenario())
