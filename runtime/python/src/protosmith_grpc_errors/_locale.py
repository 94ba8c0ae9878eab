"""Choosing a translation for a caller's languages (AIP-193's
``google.rpc.LocalizedMessage``).

Callers name their languages the HTTP way, an ``Accept-Language`` list such
as ``de-CH, de;q=0.9, en;q=0.5`` (gRPC clients send it as the
``accept-language`` metadata entry). A proto names its translations by
whatever key its authors chose after ``@i18n.`` (``de``, ``zh``, ``zh-TW``,
and also ego's customary ``cn``), so matching is forgiving: case-insensitive,
``-`` and ``_`` alike, and a regional tag falls back to its language. The
rules are those of the Rust runtime (``runtime/rust/grpc-errors/src/locale.rs``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

__all__ = ["ACCEPT_LANGUAGE", "LocalizedMessage", "negotiate"]

ACCEPT_LANGUAGE = "accept-language"
"""The request metadata key gRPC clients put their languages under."""


@dataclasses.dataclass(frozen=True, slots=True)
class LocalizedMessage:
    """A message in one locale, as carried by ``google.rpc.LocalizedMessage``."""

    locale: str
    """The translation's key as the proto wrote it, e.g. ``de`` or ``zh-TW``."""
    message: str
    """The translated message, with its placeholders filled."""


def negotiate(accept_language: str, available: Iterable[str]) -> str | None:
    """The key in ``available`` that best serves ``accept_language``, if any.

    Languages are tried by descending quality (``q=0`` means "not this one"),
    in the order given when qualities tie; for each, an exact match wins over
    a match on the primary language (``de-CH`` finds ``de``, ``zh`` finds
    ``zh-CN``). ``*`` matches nothing: a wildcard states no preference we
    could honour.
    """
    keys = list(available)
    wanted = [
        (tag, quality)
        for tag, quality in filter(None, map(_parse_range, accept_language.split(",")))
        if quality > 0 and tag != "*"
    ]
    # sorted() is stable, so equal qualities keep the caller's order.
    for tag, _ in sorted(wanted, key=lambda entry: -entry[1]):
        for key in keys:
            if _same_tag(key, tag):
                return key
        for key in keys:
            if _same_tag(_primary(key), _primary(tag)):
                return key
    return None


def _parse_range(language_range: str) -> tuple[str, int] | None:
    """``de;q=0.8`` as ``("de", 800)``: quality in thousandths, so no floats;
    a malformed quality drops the entry instead of guessing.
    """
    tag, *parameters = language_range.split(";")
    tag = tag.strip()
    if not tag:
        return None
    quality = 1000
    for parameter in parameters:
        name, equals, value = parameter.partition("=")
        if not equals:
            return None
        if name.strip().lower() == "q":
            parsed = _parse_quality(value.strip())
            if parsed is None:
                return None
            quality = parsed
    return tag, quality


_QUALITY = re.compile(r"(?:0(?:\.([0-9]{0,3}))?|1(?:\.(0{0,3}))?)", re.ASCII)


def _parse_quality(value: str) -> int | None:
    """RFC 9110 qvalue: ``0``, ``1``, or up to three decimals."""
    match = _QUALITY.fullmatch(value)
    if match is None:
        return None
    if value.startswith("1"):
        return 1000
    return int((match.group(1) or "").ljust(3, "0"))


def _primary(tag: str) -> str:
    return re.split(r"[-_]", tag, maxsplit=1)[0]


def _same_tag(a: str, b: str) -> bool:
    return _fold(a) == _fold(b)


def _fold(tag: str) -> str:
    # ASCII-only case folding, as the Rust runtime's eq_ignore_ascii_case.
    return tag.replace("_", "-").translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
