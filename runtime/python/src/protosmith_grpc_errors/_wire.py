"""The wire contract: ``grpc-status-details-bin`` holds a serialized
``google.rpc.Status`` whose details carry one ``google.rpc.ErrorInfo`` and,
when the caller asked for a language the proto translates to, one
``google.rpc.LocalizedMessage``.
"""

from __future__ import annotations

from typing import Final

from google.protobuf import any_pb2
from google.protobuf.message import DecodeError, Message
from google.rpc.error_details_pb2 import ErrorInfo
from google.rpc.error_details_pb2 import LocalizedMessage as LocalizedMessageProto
from google.rpc.status_pb2 import Status

from ._code import Code
from ._error import GrpcError
from ._locale import LocalizedMessage
from ._registry import lookup

__all__ = [
    "ERROR_INFO_TYPE_URL",
    "LOCALIZED_MESSAGE_TYPE_URL",
    "STATUS_DETAILS_KEY",
    "decode_status",
    "encode_status_details",
    "to_status_proto",
]

STATUS_DETAILS_KEY: Final = "grpc-status-details-bin"
"""The trailer that carries the serialized ``google.rpc.Status``."""

ERROR_INFO_TYPE_URL: Final = "type.googleapis.com/google.rpc.ErrorInfo"
"""Type URL of ``google.rpc.ErrorInfo`` inside ``google.protobuf.Any``."""

LOCALIZED_MESSAGE_TYPE_URL: Final = "type.googleapis.com/google.rpc.LocalizedMessage"
"""Type URL of ``google.rpc.LocalizedMessage`` inside ``google.protobuf.Any``."""

_ERROR_INFO: Final = ErrorInfo.DESCRIPTOR.full_name
_LOCALIZED_MESSAGE: Final = LocalizedMessageProto.DESCRIPTOR.full_name


def to_status_proto(error: GrpcError) -> Status:
    """``error`` as the ``google.rpc.Status`` that goes into ``grpc-status-details-bin``.

    An error without a reason carries no ErrorInfo: there is nothing to
    identify. A localized message, when the error has one, follows as a
    second detail.
    """
    status = Status(code=error.code, message=error.message)
    if error.reason:
        info = ErrorInfo(reason=error.reason, domain=error.domain, metadata=error.metadata)
        status.details.append(_pack(ERROR_INFO_TYPE_URL, info))
    localized = error.localized
    if localized is not None:
        message = LocalizedMessageProto(locale=localized.locale, message=localized.message)
        status.details.append(_pack(LOCALIZED_MESSAGE_TYPE_URL, message))
    return status


def encode_status_details(error: GrpcError) -> bytes:
    """The bytes of :func:`to_status_proto`, serialized deterministically
    (metadata sorted by key), so equal errors give equal bytes.
    """
    return to_status_proto(error).SerializeToString(deterministic=True)


def _pack(type_url: str, message: Message) -> any_pb2.Any:
    return any_pb2.Any(type_url=type_url, value=message.SerializeToString(deterministic=True))


def decode_status(code: Code | int, message: str, details: bytes | None) -> GrpcError:
    """Rebuilds an error from the status code and message of the wire
    (``grpc-status``, ``grpc-message``) and the ``grpc-status-details-bin`` bytes.

    The identity comes from the first ``google.rpc.ErrorInfo`` that decodes;
    a registered reason gives the registered definition and its code, with
    the wire message and metadata. Without one, the error keeps the wire
    code and has no reason. Details that do not decode never change the
    wire code or message: an undecodable detail is skipped and the next one
    read; detail types are recognised by the name after the last ``/`` of
    their type URL. Hostile bytes raise nothing.
    """
    code = Code.from_number(int(code))
    reason = domain = ""
    metadata: dict[str, str] = {}
    localized: LocalizedMessage | None = None
    status = Status()
    if details and _parse(status, details):
        have_info = False
        for detail in status.details:
            name = detail.type_url.rpartition("/")[2]
            if name == _ERROR_INFO and not have_info:
                info = ErrorInfo()
                if _parse(info, detail.value):
                    have_info = True
                    reason, domain, metadata = info.reason, info.domain, dict(info.metadata)
            elif name == _LOCALIZED_MESSAGE and localized is None:
                translation = LocalizedMessageProto()
                if _parse(translation, detail.value):
                    localized = LocalizedMessage(translation.locale, translation.message)
    definition = lookup(reason, domain) if reason else None
    return GrpcError._create(
        code=code if definition is None else definition.code,
        reason=reason,
        domain=domain,
        message=message,
        metadata=metadata,
        definition=definition,
        localization=localized,
    )


def _parse(message: Message, data: bytes) -> bool:
    try:
        message.ParseFromString(data)
    except (DecodeError, RecursionError, ValueError):
        message.Clear()
        return False
    return True
