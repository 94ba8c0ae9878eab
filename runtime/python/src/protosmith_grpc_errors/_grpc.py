"""grpcio glue: decoding :class:`grpc.RpcError` on clients, aborting a
servicer call on servers (sync and asyncio).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, NoReturn

import grpc
import grpc.aio

from ._code import Code
from ._error import GrpcError
from ._wire import STATUS_DETAILS_KEY, decode_status, encode_status_details

__all__ = ["abort", "abort_aio", "from_rpc_error", "to_grpc_status"]


def from_rpc_error(error: grpc.RpcError) -> GrpcError:
    """Decodes the error a peer sent, from a sync :class:`grpc.RpcError` or a
    :class:`grpc.aio.AioRpcError`.

    Code and message come from ``grpc-status`` and ``grpc-message``; reason,
    domain, metadata and the localized message from the ErrorInfo and
    LocalizedMessage in ``grpc-status-details-bin`` (see
    :func:`~protosmith_grpc_errors.decode_status`). A registered reason
    gives the registered definition and its code. The result's cause is
    ``error``.
    """
    code: Any = getattr(error, "code", None)
    details: Any = getattr(error, "details", None)
    trailers: Any = getattr(error, "trailing_metadata", None)
    if not (callable(code) and callable(details) and callable(trailers)):
        decoded = GrpcError(Code.UNKNOWN, "", str(error))
    else:
        status_code = code()
        message = details()
        decoded = decode_status(
            Code.from_grpc(status_code)
            if isinstance(status_code, grpc.StatusCode)
            else Code.UNKNOWN,
            message if isinstance(message, str) else "",
            _status_details(trailers()),
        )
    decoded.__cause__ = error
    return decoded


def _status_details(trailers: Iterable[tuple[str, str | bytes]] | None) -> bytes | None:
    for key, value in trailers or ():
        if key == STATUS_DETAILS_KEY and isinstance(value, bytes):
            return value
    return None


@dataclasses.dataclass(frozen=True)
class _Status(grpc.Status):
    code: grpc.StatusCode
    details: str
    trailing_metadata: tuple[tuple[str, str | bytes], ...]


def to_grpc_status(error: GrpcError) -> grpc.Status:
    """``error`` as a :class:`grpc.Status` (code, message and the
    ``grpc-status-details-bin`` trailer), for ``context.abort_with_status``.
    """
    return _Status(
        code=error.code.grpc_status_code,
        details=error.message,
        trailing_metadata=((STATUS_DETAILS_KEY, encode_status_details(error)),),
    )


def abort(context: grpc.ServicerContext, error: GrpcError) -> NoReturn:
    """Ends the current call of a sync servicer with ``error``.

    Trailing metadata the servicer set before is kept. Like
    ``context.abort``, this raises; let the exception propagate.
    """
    status = to_grpc_status(error)
    kept = tuple(
        (key, value)
        for key, value in context.trailing_metadata() or ()
        if key != STATUS_DETAILS_KEY
    )
    context.abort_with_status(_Status(status.code, status.details, kept + status.trailing_metadata))
    raise AssertionError("grpc.ServicerContext.abort_with_status returned")  # pragma: no cover


async def abort_aio(context: grpc.aio.ServicerContext[Any, Any], error: GrpcError) -> NoReturn:
    """Ends the current call of an asyncio servicer with ``error``.

    Like ``context.abort``, this raises; let the exception propagate.
    """
    status = to_grpc_status(error)
    await context.abort(status.code, status.details, status.trailing_metadata)
