"""The error value services raise and clients compare, and the definitions
protoc-gen-errors generates from proto enums.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

import grpc

from . import _template
from ._code import Code
from ._locale import ACCEPT_LANGUAGE, LocalizedMessage, negotiate

__all__ = ["ErrorDef", "GrpcError", "from_exception", "is_"]


@dataclasses.dataclass(frozen=True, slots=True)
class ErrorDef:
    """One error as declared in a ``.proto`` file: what protoc-gen-errors knows
    at generation time. Immutable; :meth:`error` makes raisable values from it.
    """

    code: Code
    """The gRPC code sent with the error."""
    reason: str
    """Unique reason: ``acme.user.v1.USER_ERROR_NOT_FOUND`` (ego style) or
    ``USER_ERROR_NOT_FOUND`` (AIP-193 style)."""
    domain: str
    """ErrorInfo domain; empty for ego-style reasons, which are unique on their own."""
    message: str
    """Message template; ``{name}`` placeholders are filled from metadata."""
    placeholders: Sequence[str] = ()
    """Placeholders of the message template, in order of first appearance
    (stored as a tuple)."""
    i18n: Mapping[str, str] = dataclasses.field(default_factory=dict, hash=False)
    """Translations of the message: template by language key, as the proto
    wrote the key, sorted by key (stored read-only)."""
    proto_name: str = ""
    """Full name of the proto enum value: ``acme.user.v1.USER_ERROR_NOT_FOUND``."""
    number: int = 0
    """Number of the proto enum value."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "placeholders", tuple(self.placeholders))
        object.__setattr__(self, "i18n", MappingProxyType(dict(self.i18n)))

    def __reduce__(self) -> tuple[Any, ...]:
        # By value: the read-only mapping does not pickle itself.
        return (
            ErrorDef,
            (
                self.code,
                self.reason,
                self.domain,
                self.message,
                self.placeholders,
                dict(self.i18n),
                self.proto_name,
                self.number,
            ),
        )

    @property
    def http_status(self) -> int:
        """HTTP status for this definition's code (``google/rpc/code.proto`` mapping)."""
        return self.code.http_status

    def translation(self, language: str) -> str | None:
        """The message template for ``language`` (a key as the proto wrote it), if any."""
        return self.i18n.get(language)

    def error(self, **args: object) -> GrpcError:
        """A new error of this definition.

        Each argument becomes metadata under its name (its value through
        :class:`str`) and fills the placeholder of that name in the message.
        Generated factories call this with their typed keyword parameters.
        """
        metadata = {key: str(value) for key, value in args.items()}
        return GrpcError._create(
            code=self.code,
            reason=self.reason,
            domain=self.domain,
            message=_template.render(self.message, metadata),
            metadata=metadata,
            definition=self,
        )

    def matches(self, error: BaseException | None) -> bool:
        """Whether ``error`` is an instance of this definition: same reason and domain.

        ``error`` may be a :class:`GrpcError`, a :class:`grpc.RpcError`, or an
        exception that has one as its cause (see :func:`from_exception`).
        """
        return is_(error, self)


class GrpcError(Exception):
    """A gRPC error with a machine-readable identity: ``(reason, domain)``.

    Values are immutable: every ``with_*`` method returns a new error, so an
    error made from a generated definition never changes what the definition
    says. Raise a new value each time (generated factories make one per call);
    Python records tracebacks on the exception object itself.

    The cause (``raise ... from cause``, or :meth:`with_cause`) stays in this
    process: it is never put on the wire.
    """

    __slots__ = (
        "_code",
        "_definition",
        "_domain",
        "_localization",
        "_message",
        "_metadata",
        "_reason",
    )

    _code: Code
    _reason: str
    _domain: str
    _message: str
    _metadata: Mapping[str, str]
    _definition: ErrorDef | None
    # A translation key of the definition (rendered when asked for, so
    # metadata added afterwards still fills its placeholders) or a finished
    # message (set by hand or received from the wire).
    _localization: str | LocalizedMessage | None

    def __init__(
        self,
        code: Code | int,
        reason: str,
        message: str,
        *,
        domain: str = "",
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        """An error that no proto declared; prefer generated factories.

        An empty ``reason`` makes an error that matches nothing and is sent
        without ``google.rpc.ErrorInfo``.
        """
        super().__init__(message)
        self._code = Code.from_number(int(code))
        self._reason = reason
        self._domain = domain
        self._message = message
        self._metadata = MappingProxyType(dict(metadata or {}))
        self._definition = None
        self._localization = None

    @classmethod
    def _create(
        cls,
        *,
        code: Code,
        reason: str,
        domain: str,
        message: str,
        metadata: Mapping[str, str],
        definition: ErrorDef | None,
        localization: str | LocalizedMessage | None = None,
    ) -> GrpcError:
        error = cls(code, reason, message, domain=domain, metadata=metadata)
        error._definition = definition
        error._localization = localization
        return error

    def _replace(self, **changes: Any) -> GrpcError:
        copy = GrpcError._create(**{**self._fields(), **changes})
        copy.__cause__ = self.__cause__
        return copy

    @property
    def code(self) -> Code:
        """The gRPC code."""
        return self._code

    @property
    def reason(self) -> str:
        """The reason; empty when the error did not come with one (a plain status)."""
        return self._reason

    @property
    def domain(self) -> str:
        """The ErrorInfo domain."""
        return self._domain

    @property
    def message(self) -> str:
        """The message, in the language the proto declared it in."""
        return self._message

    @property
    def metadata(self) -> Mapping[str, str]:
        """ErrorInfo metadata: placeholder values and whatever :meth:`with_metadata` added."""
        return self._metadata

    @property
    def cause(self) -> BaseException | None:
        """The exception that caused this one, if any (never sent)."""
        return self.__cause__

    @property
    def definition(self) -> ErrorDef | None:
        """The definition this error was made from or, for a decoded wire
        error, the registered definition its reason names.
        """
        return self._definition

    @property
    def http_status(self) -> int:
        """HTTP status for the code (``google/rpc/code.proto`` mapping)."""
        return self._code.http_status

    def is_(self, target: GrpcError | ErrorDef) -> bool:
        """``errors.Is`` for gRPC: same reason and domain.

        Code, message and metadata are ignored. An error without a reason
        matches nothing, not even another reason-less error, so "expected no
        specific error" never passes by accident.
        """
        return bool(self._reason) and (self._reason, self._domain) == (
            target.reason,
            target.domain,
        )

    def with_message(self, message: str) -> GrpcError:
        """A copy with another message."""
        return self._replace(message=message)

    def with_metadata(
        self, entries: Mapping[str, str] | None = None, /, **kwargs: str
    ) -> GrpcError:
        """A copy with more metadata entries (existing keys are replaced, others kept).

        Takes a mapping, keyword arguments, or both:
        ``error.with_metadata(request_id="r-1")``.
        """
        return self._replace(metadata={**self._metadata, **(entries or {}), **kwargs})

    def with_domain(self, domain: str) -> GrpcError:
        """A copy with another domain (for hand-made errors; generated ones carry theirs)."""
        return self._replace(domain=domain)

    def with_cause(self, cause: BaseException | None) -> GrpcError:
        """A copy whose :attr:`cause` (``__cause__``) is ``cause``; it is never sent."""
        copy = self._replace()
        copy.__cause__ = cause
        return copy

    def localized_message(self, language: str) -> str | None:
        """The message in ``language`` (a translation key as the proto wrote
        it), rendered with this error's metadata, if the proto has it.
        """
        if self._definition is None:
            return None
        text = self._definition.translation(language)
        return None if text is None else _template.render(text, self._metadata)

    def with_locale(self, accept_language: str) -> GrpcError:
        """A copy that carries, as AIP-193's ``LocalizedMessage``, the proto's
        translation best suited to ``accept_language`` (an ``Accept-Language``
        value such as ``de-CH, de;q=0.9``; a single tag works too).

        Without a suitable translation the error is returned as it was: the
        caller still gets the message.
        """
        if self._definition is None:
            return self
        key = negotiate(accept_language, self._definition.i18n)
        return self if key is None else self._replace(localization=key)

    def with_locale_from(self, metadata: Iterable[tuple[str, str | bytes]] | None) -> GrpcError:
        """:meth:`with_locale` with the languages of a request: every
        ``accept-language`` entry of its metadata, in order.

        Pass ``context.invocation_metadata()`` of a sync or asyncio servicer.
        """
        languages = [
            value
            for key, value in metadata or ()
            if key.lower() == ACCEPT_LANGUAGE and isinstance(value, str)
        ]
        return self.with_locale(",".join(languages)) if languages else self

    def with_localized_message(self, locale: str, message: str) -> GrpcError:
        """A copy carrying ``message`` as the translation for ``locale``, for
        errors that no proto declared.
        """
        return self._replace(localization=LocalizedMessage(locale, message))

    @property
    def localized(self) -> LocalizedMessage | None:
        """The localized message this error carries on the wire, if one was
        chosen with :meth:`with_locale` or received from the peer.
        """
        localization = self._localization
        if localization is None or isinstance(localization, LocalizedMessage):
            return localization
        message = self.localized_message(localization)
        return None if message is None else LocalizedMessage(localization, message)

    def __str__(self) -> str:
        text = f"{self._code.name}: {self._message}"
        if self._reason:
            domain = f", domain {self._domain}" if self._domain else ""
            text += f" (reason {self._reason}{domain})"
        return text

    def __repr__(self) -> str:
        return (
            f"GrpcError(code={self._code.name}, reason={self._reason!r}, "
            f"domain={self._domain!r}, message={self._message!r}, "
            f"metadata={dict(self._metadata)!r}, localized={self.localized!r})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickles (e.g. across multiprocessing) by value; like any exception,
        # without its cause and traceback.
        return (_restore, (self._fields(),))

    def _fields(self) -> dict[str, Any]:
        return {
            "code": self._code,
            "reason": self._reason,
            "domain": self._domain,
            "message": self._message,
            "metadata": dict(self._metadata),
            "definition": self._definition,
            "localization": self._localization,
        }


def _restore(fields: dict[str, Any]) -> GrpcError:
    return GrpcError._create(**fields)


_MAX_CHAIN: Final = 100


def from_exception(error: BaseException) -> GrpcError:
    """The gRPC error behind ``error``.

    Follows the exception chain (``__cause__``, else ``__context__`` unless
    suppressed) to the first :class:`GrpcError` or :class:`grpc.RpcError`
    (decoded with :func:`~protosmith_grpc_errors.from_rpc_error`). Anything
    else is ``UNKNOWN`` with an empty reason and the outermost error's text.
    """
    # Imported here: the grpc glue builds on this module.
    from ._grpc import from_rpc_error  # noqa: PLC0415

    current: BaseException | None = error
    seen: set[int] = set()
    while current is not None and id(current) not in seen and len(seen) < _MAX_CHAIN:
        if isinstance(current, GrpcError):
            return current
        if isinstance(current, grpc.RpcError):
            return from_rpc_error(current)
        seen.add(id(current))
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return GrpcError(Code.UNKNOWN, "", str(error))


def is_(error: BaseException | None, target: GrpcError | ErrorDef) -> bool:
    """Whether ``error`` (or the gRPC error behind it, see :func:`from_exception`)
    has ``target``'s reason and domain. ``None`` and reason-less errors match nothing.
    """
    return error is not None and from_exception(error).is_(target)
