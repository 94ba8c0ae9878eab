"""The process-wide registry that lets a decoded wire error find its
definition again, and the base of the generated per-enum ``Kind`` classes.

Generated modules register their definitions when they are imported: there
is no ``register()`` for users to call, only the generated module to import
(as with the ``*_pb2`` modules and protobuf's descriptor pool).
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Iterable
from typing import Self

from ._error import ErrorDef, GrpcError, from_exception

__all__ = ["ErrorKind", "all_definitions", "duplicates", "lookup", "register"]

_lock = threading.Lock()
_by_key: dict[tuple[str, str], ErrorDef] = {}
_duplicates: list[tuple[ErrorDef, ErrorDef]] = []


class ErrorKind(enum.Enum):
    """Base of the generated ``<Enum>Kind`` classes: one member per error
    of a proto enum, whose value is its :class:`ErrorDef`.

    For ``match``: ``match UserErrorKind.from_error(error): case UserErrorKind.NOT_FOUND: ...``.
    """

    _value_: ErrorDef

    @property
    def definition(self) -> ErrorDef:
        """What the proto declares for this error: code, reason, message, translations."""
        return self._value_

    @classmethod
    def from_error(cls, error: BaseException | None) -> Self | None:
        """The member whose reason and domain ``error`` has (see
        :func:`~protosmith_grpc_errors.from_exception`), if any.
        """
        if error is None:
            return None
        decoded = from_exception(error)
        return next((kind for kind in cls if decoded.is_(kind.definition)), None)

    def error(self, **args: object) -> GrpcError:
        """A new error of this kind; prefer the generated factory, whose
        parameters are the message's placeholders.
        """
        return self._value_.error(**args)

    def matches(self, error: BaseException | None) -> bool:
        """Whether ``error`` is this kind: same reason and domain (see
        :meth:`ErrorDef.matches`).
        """
        return self._value_.matches(error)


def register(definitions: Iterable[ErrorDef] | type[ErrorKind]) -> None:
    """Registers definitions so that decoding finds them by ``(reason, domain)``.

    Generated modules call this once per error enum, at import. The first
    definition of a ``(reason, domain)`` stays registered; a later different
    one is recorded in :func:`duplicates`. Registering the same definition
    again (a module imported under two names) changes nothing.
    """
    defs = (
        [kind.definition for kind in definitions]
        if isinstance(definitions, type)
        else list(definitions)
    )
    with _lock:
        for definition in defs:
            key = (definition.reason, definition.domain)
            first = _by_key.setdefault(key, definition)
            if first != definition:
                _duplicates.append((first, definition))


def lookup(reason: str, domain: str = "") -> ErrorDef | None:
    """The registered definition for ``(reason, domain)``."""
    return _by_key.get((reason, domain))


def all_definitions() -> list[ErrorDef]:
    """Every registered definition, sorted by domain then reason."""
    with _lock:
        return sorted(
            _by_key.values(), key=lambda definition: (definition.domain, definition.reason)
        )


def duplicates() -> list[tuple[ErrorDef, ErrorDef]]:
    """Pairs of different definitions imported into this process that share
    a reason and domain. protoc-gen-errors rejects duplicates within one
    generation run; this catches those that only meet when separately
    generated packages are imported together. A service can assert it is
    empty at start-up.
    """
    with _lock:
        return list(_duplicates)
