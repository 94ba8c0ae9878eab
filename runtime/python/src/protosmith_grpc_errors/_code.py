"""The 17 canonical gRPC status codes and their HTTP mapping."""

from __future__ import annotations

import enum

import grpc

__all__ = ["Code"]


class Code(enum.IntEnum):
    """A canonical gRPC status code, numbered as in ``google/rpc/code.proto``.

    An :class:`~enum.IntEnum`, so ``Code.NOT_FOUND == 5``.
    """

    OK = 0
    CANCELLED = 1
    UNKNOWN = 2
    INVALID_ARGUMENT = 3
    DEADLINE_EXCEEDED = 4
    NOT_FOUND = 5
    ALREADY_EXISTS = 6
    PERMISSION_DENIED = 7
    RESOURCE_EXHAUSTED = 8
    FAILED_PRECONDITION = 9
    ABORTED = 10
    OUT_OF_RANGE = 11
    UNIMPLEMENTED = 12
    INTERNAL = 13
    UNAVAILABLE = 14
    DATA_LOSS = 15
    UNAUTHENTICATED = 16

    @classmethod
    def from_number(cls, number: int) -> Code:
        """The code for a wire number; numbers outside 0..16 are ``UNKNOWN``,
        as ``google/rpc/code.proto`` asks of receivers.
        """
        try:
            return cls(number)
        except ValueError:
            return cls.UNKNOWN

    @classmethod
    def from_grpc(cls, status_code: grpc.StatusCode) -> Code:
        """The code for grpcio's :class:`grpc.StatusCode`."""
        number: object = status_code.value[0]
        return cls.from_number(number) if isinstance(number, int) else cls.UNKNOWN

    @property
    def grpc_status_code(self) -> grpc.StatusCode:
        """This code as grpcio's :class:`grpc.StatusCode`."""
        return _GRPC_STATUS_CODES[self]

    @property
    def http_status(self) -> int:
        """The HTTP status ``google/rpc/code.proto`` maps this code to."""
        return _HTTP_STATUS[self]


_GRPC_STATUS_CODES: dict[Code, grpc.StatusCode] = {
    Code(status_code.value[0]): status_code for status_code in grpc.StatusCode
}

_HTTP_STATUS: dict[Code, int] = {
    Code.OK: 200,
    Code.CANCELLED: 499,
    Code.UNKNOWN: 500,
    Code.INVALID_ARGUMENT: 400,
    Code.DEADLINE_EXCEEDED: 504,
    Code.NOT_FOUND: 404,
    Code.ALREADY_EXISTS: 409,
    Code.PERMISSION_DENIED: 403,
    Code.RESOURCE_EXHAUSTED: 429,
    Code.FAILED_PRECONDITION: 400,
    Code.ABORTED: 409,
    Code.OUT_OF_RANGE: 400,
    Code.UNIMPLEMENTED: 501,
    Code.INTERNAL: 500,
    Code.UNAVAILABLE: 503,
    Code.DATA_LOSS: 500,
    Code.UNAUTHENTICATED: 401,
}
