"""Server interceptors that let servicers simply ``raise`` a :class:`GrpcError`.

Without one, grpcio answers an exception escaping a servicer with
``UNKNOWN``; with one, the error goes out as its status (see
:func:`~protosmith_grpc_errors.abort`), in the caller's language when the
request carries ``accept-language`` and the error has a matching
translation. Other exceptions pass through untouched.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any

import grpc
import grpc.aio

from ._error import GrpcError
from ._grpc import abort, abort_aio

__all__ = ["AioErrorInterceptor", "ErrorInterceptor"]

if TYPE_CHECKING:
    from typing import TypeAlias

    # Generic only in the type stubs.
    _Handler: TypeAlias = grpc.RpcMethodHandler[Any, Any]

_Details = grpc.HandlerCallDetails


def _localized(error: GrpcError, context: Any, localize: bool) -> GrpcError:
    if not localize or error.localized is not None:
        return error
    return error.with_locale_from(context.invocation_metadata())


def _rebuild(handler: _Handler, wrap: Callable[[Any, bool], Any]) -> _Handler:
    """``handler`` with its behaviour wrapped; ``wrap(behaviour, streaming_response)``."""
    kinds = (
        (handler.unary_unary, grpc.unary_unary_rpc_method_handler, False),
        (handler.unary_stream, grpc.unary_stream_rpc_method_handler, True),
        (handler.stream_unary, grpc.stream_unary_rpc_method_handler, False),
        (handler.stream_stream, grpc.stream_stream_rpc_method_handler, True),
    )
    for behaviour, make, streaming in kinds:
        if behaviour is not None:
            rebuilt: _Handler = make(
                wrap(behaviour, streaming),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
            return rebuilt
    return handler


class ErrorInterceptor(grpc.ServerInterceptor):
    """For ``grpc.server(..., interceptors=[ErrorInterceptor()])``: a
    :class:`GrpcError` raised by a sync servicer (unary or streaming) ends the
    call with that error. ``localize=False`` leaves translations to the
    servicer (:meth:`GrpcError.with_locale_from`).
    """

    def __init__(self, *, localize: bool = True) -> None:
        self._localize = localize

    def intercept_service(
        self,
        continuation: Callable[[_Details], _Handler | None],
        handler_call_details: _Details,
    ) -> _Handler | None:
        handler = continuation(handler_call_details)
        return None if handler is None else _rebuild(handler, self._wrap)

    def _wrap(self, behaviour: Callable[..., Any], streaming: bool) -> Callable[..., Any]:
        localize = self._localize
        if streaming:

            def stream(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
                try:
                    yield from behaviour(request, context)
                except GrpcError as error:
                    abort(context, _localized(error, context, localize))

            return stream

        def unary(request: Any, context: grpc.ServicerContext) -> Any:
            try:
                return behaviour(request, context)
            except GrpcError as error:
                abort(context, _localized(error, context, localize))

        return unary


class AioErrorInterceptor(grpc.aio.ServerInterceptor):
    """For ``grpc.aio.server(interceptors=[AioErrorInterceptor()])``: a
    :class:`GrpcError` raised by an asyncio servicer (unary, or streaming as
    an async generator or with ``context.write``) ends the call with that
    error. ``localize=False`` leaves translations to the servicer.
    """

    def __init__(self, *, localize: bool = True) -> None:
        self._localize = localize

    async def intercept_service(
        self,
        continuation: Callable[[_Details], Awaitable[_Handler | None]],
        handler_call_details: _Details,
    ) -> _Handler | None:
        handler = await continuation(handler_call_details)
        return None if handler is None else _rebuild(handler, self._wrap)

    def _wrap(self, behaviour: Callable[..., Any], streaming: bool) -> Callable[..., Any]:
        localize = self._localize
        if streaming:

            async def stream(
                request: Any, context: grpc.aio.ServicerContext[Any, Any]
            ) -> AsyncIterator[Any]:
                try:
                    result = behaviour(request, context)
                    if inspect.isasyncgen(result):
                        async for response in result:
                            yield response
                    elif inspect.isawaitable(result):
                        await result
                    else:
                        for response in result:
                            yield response
                except GrpcError as error:
                    await abort_aio(context, _localized(error, context, localize))

            return stream

        async def unary(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            try:
                result = behaviour(request, context)
                return await result if inspect.isawaitable(result) else result
            except GrpcError as error:
                await abort_aio(context, _localized(error, context, localize))

        return unary
