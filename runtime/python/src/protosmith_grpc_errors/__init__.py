"""``errors.Is`` semantics for gRPC errors, across languages.

A service raises a :class:`GrpcError` made by a factory that protoc-gen-errors
generated from annotated proto enums (``acme/user/v1/errors_errors.py`` next
to ``errors_pb2.py``). On the wire it travels as a ``google.rpc.Status`` with
a ``google.rpc.ErrorInfo{reason, domain, metadata}`` in
``grpc-status-details-bin``. The receiving side decodes it with
:func:`from_rpc_error` and compares with :func:`is_` or the generated
``is_*`` helpers: same reason and domain, whatever the language of the
service that sent it.

Server (sync; use :func:`abort_aio` in an asyncio servicer)::

    from protosmith_grpc_errors import abort
    from acme.user.v1.errors_errors import user_error_not_found

    error = user_error_not_found(user_id=request.user_id)
    abort(context, error.with_locale_from(context.invocation_metadata()))

Or let servicers just ``raise user_error_not_found(user_id=...)``: with
:class:`ErrorInterceptor` (``grpc.server(..., interceptors=[ErrorInterceptor()])``)
or :class:`AioErrorInterceptor` the error goes out as its status, in the
caller's ``accept-language`` when the proto translates it.

Client::

    from protosmith_grpc_errors import from_rpc_error
    from acme.user.v1.errors_errors import UserErrorKind, is_user_error_not_found

    try:
        stub.GetUser(request)
    except grpc.RpcError as rpc_error:
        error = from_rpc_error(rpc_error)
        if is_user_error_not_found(error):
            print(error.metadata["user_id"], error.http_status)  # u-404 404
"""

from ._code import Code
from ._error import ErrorDef, GrpcError, from_exception, is_
from ._grpc import abort, abort_aio, from_rpc_error, to_grpc_status
from ._interceptors import AioErrorInterceptor, ErrorInterceptor
from ._locale import ACCEPT_LANGUAGE, LocalizedMessage, negotiate
from ._registry import ErrorKind, all_definitions, duplicates, lookup, register
from ._template import render
from ._wire import (
    ERROR_INFO_TYPE_URL,
    LOCALIZED_MESSAGE_TYPE_URL,
    STATUS_DETAILS_KEY,
    decode_status,
    encode_status_details,
    to_status_proto,
)

__all__ = [
    "ACCEPT_LANGUAGE",
    "ERROR_INFO_TYPE_URL",
    "LOCALIZED_MESSAGE_TYPE_URL",
    "STATUS_DETAILS_KEY",
    "AioErrorInterceptor",
    "Code",
    "ErrorDef",
    "ErrorInterceptor",
    "ErrorKind",
    "GrpcError",
    "LocalizedMessage",
    "abort",
    "abort_aio",
    "all_definitions",
    "decode_status",
    "duplicates",
    "encode_status_details",
    "from_exception",
    "from_rpc_error",
    "is_",
    "lookup",
    "negotiate",
    "register",
    "render",
    "to_grpc_status",
    "to_status_proto",
]

__version__ = "0.1.0"
