"""Servicers that just raise: ErrorInterceptor (sync) and AioErrorInterceptor
(asyncio), unary and streaming, over TCP on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent import futures
from typing import Any

import grpc
import grpc.aio
import pytest
from acme.order.v1.order_errors import order_error_not_found, payment_error_card_declined
from acme.user.v1.errors_errors import is_user_error_not_found, user_error_not_found
from google.protobuf.wrappers_pb2 import StringValue

from protosmith_grpc_errors import (
    AioErrorInterceptor,
    Code,
    ErrorInterceptor,
    LocalizedMessage,
    from_rpc_error,
)

SERVICE = "protosmith.test.v1.Raising"


def fail(request: StringValue, *_: object) -> None:
    """What every servicer below raises, by request."""
    if request.value == "crash":
        raise RuntimeError("boom")
    if request.value == "explicit":
        raise order_error_not_found(order_id="o-1").with_localized_message("fr", "commande")
    raise user_error_not_found(user_id=request.value)


def unary(request: StringValue, context: grpc.ServicerContext) -> StringValue:
    fail(request)
    return request


def stream(request: StringValue, context: grpc.ServicerContext) -> Iterator[StringValue]:
    yield StringValue(value="first")
    fail(request)


async def aio_unary(request: StringValue, context: object) -> StringValue:
    await asyncio.sleep(0)
    fail(request)
    return request


async def aio_stream(request: StringValue, context: object) -> AsyncIterator[StringValue]:
    yield StringValue(value="first")
    fail(request)


async def aio_write(request: StringValue, context: grpc.aio.ServicerContext[Any, Any]) -> None:
    await context.write(StringValue(value="first"))
    raise payment_error_card_declined(last4="4242")


def handlers(
    unary_behaviour: Callable[..., Any],
    stream_behaviour: Callable[..., Any],
    write: Callable[..., Any],
) -> grpc.GenericRpcHandler:
    codec: dict[str, Any] = {
        "request_deserializer": StringValue.FromString,
        "response_serializer": StringValue.SerializeToString,
    }
    return grpc.method_handlers_generic_handler(
        SERVICE,
        {
            "Unary": grpc.unary_unary_rpc_method_handler(unary_behaviour, **codec),
            "Stream": grpc.unary_stream_rpc_method_handler(stream_behaviour, **codec),
            "Write": grpc.unary_stream_rpc_method_handler(write, **codec),
        },
    )


def call_all(address: str, value: str, language: str | None = None) -> list[grpc.RpcError]:
    metadata = None if language is None else (("accept-language", language),)
    codec: dict[str, Any] = {
        "request_serializer": StringValue.SerializeToString,
        "response_deserializer": StringValue.FromString,
    }
    errors = []
    with grpc.insecure_channel(address) as channel:
        with pytest.raises(grpc.RpcError) as unary_error:
            channel.unary_unary(f"/{SERVICE}/Unary", **codec)(
                StringValue(value=value), metadata=metadata, timeout=10
            )
        errors.append(unary_error.value)
        responses = channel.unary_stream(f"/{SERVICE}/Stream", **codec)(
            StringValue(value=value), metadata=metadata, timeout=10
        )
        assert next(responses).value == "first"
        with pytest.raises(grpc.RpcError) as stream_error:
            next(responses)
        errors.append(stream_error.value)
    return errors


def check(address: str) -> None:
    for rpc_error in call_all(address, "u-404", "de-CH, en;q=0.5"):
        error = from_rpc_error(rpc_error)
        assert is_user_error_not_found(error)
        assert (error.code, error.message, dict(error.metadata)) == (
            Code.NOT_FOUND,
            "user u-404 not found",
            {"user_id": "u-404"},
        )
        assert error.localized == LocalizedMessage("de", "Benutzer u-404 nicht gefunden")
    for rpc_error in call_all(address, "explicit", "zh"):
        assert from_rpc_error(rpc_error).localized == LocalizedMessage("fr", "commande")
    for rpc_error in call_all(address, "crash"):
        error = from_rpc_error(rpc_error)
        assert (error.code, error.reason) == (Code.UNKNOWN, "")


def test_sync_servicers_raise() -> None:
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=2), interceptors=[ErrorInterceptor()]
    )
    server.add_generic_rpc_handlers((handlers(unary, stream, stream),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        check(f"127.0.0.1:{port}")
    finally:
        server.stop(None)


def test_sync_without_localization() -> None:
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=2), interceptors=[ErrorInterceptor(localize=False)]
    )
    server.add_generic_rpc_handlers((handlers(unary, stream, stream),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        for rpc_error in call_all(f"127.0.0.1:{port}", "u-1", "de"):
            assert from_rpc_error(rpc_error).localized is None
    finally:
        server.stop(None)


def test_asyncio_servicers_raise() -> None:
    async def scenario() -> None:
        server = grpc.aio.server(interceptors=[AioErrorInterceptor()])
        server.add_generic_rpc_handlers((handlers(aio_unary, aio_stream, aio_write),))
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        try:
            address = f"127.0.0.1:{port}"
            await asyncio.to_thread(check, address)
            async with grpc.aio.insecure_channel(address) as channel:
                call = channel.unary_stream(
                    f"/{SERVICE}/Write",
                    request_serializer=StringValue.SerializeToString,
                    response_deserializer=StringValue.FromString,
                )(StringValue(value="x"), timeout=10)
                received = []
                with pytest.raises(grpc.aio.AioRpcError) as raised:
                    async for response in call:
                        received.append(response.value)
                assert received == ["first"]
                error = from_rpc_error(raised.value)
                assert (error.code, error.message) == (
                    Code.FAILED_PRECONDITION,
                    "card ending in 4242 was declined",
                )
        finally:
            await server.stop(None)

    asyncio.run(scenario())
