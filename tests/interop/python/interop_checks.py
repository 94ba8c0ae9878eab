"""What the Python interop clients check for each case of tests/interop/cases.json.

Shared by ``client`` (grpcio, sync) and ``client-aio`` (grpc.aio); the
protocol is tests/interop/README.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from acme.order.v1.order_errors import OrderErrorKind, PaymentErrorKind
from acme.user.v1.errors_errors import UserErrorKind
from protosmith_grpc_errors import Code, ErrorKind, GrpcError

METHOD = "/protosmith.interop.v1.Interop/Raise"
TIMEOUT_SECONDS = 10.0

# The client's own generated definitions, by reason.
GENERATED: Mapping[str, ErrorKind] = {
    kind.definition.reason: kind
    for kinds in (UserErrorKind, OrderErrorKind, PaymentErrorKind)
    for kind in kinds
}


def load_cases(path: str) -> list[dict[str, Any]]:
    """The cases of a cases.json file."""
    cases: list[dict[str, Any]] = json.loads(Path(path).read_text(encoding="utf-8"))[
        "cases"
    ]
    return cases


def request_of(case: Mapping[str, Any]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The request value (the ``raise`` JSON) and metadata of a case."""
    metadata: tuple[tuple[str, str], ...] = ()
    if "accept_language" in case:
        metadata = (("accept-language", str(case["accept_language"])),)
    return json.dumps(case["raise"], ensure_ascii=False), metadata


def differences(want: Mapping[str, Any], error: GrpcError) -> list[str]:
    """What differs between the decoded ``error`` and the case's ``want``."""
    found: list[str] = []

    def expect(what: str, wanted: object, got: object) -> None:
        if wanted != got:
            found.append(f"{what} (want {wanted!r}, got {got!r})")

    expect("code", want["code"], int(error.code))
    expect("http", want["http"], error.http_status)
    expect("reason", want["reason"], error.reason)
    expect("domain", want["domain"], error.domain)
    expect("message", want["message"], error.message)
    expect("metadata", want["metadata"], dict(error.metadata))
    localized = error.localized
    expect(
        "localized",
        want.get("localized"),
        None
        if localized is None
        else {"locale": localized.locale, "message": localized.message},
    )
    if want["registered"]:
        found += _registered(want["reason"], error)
    else:
        found += _unregistered(want["reason"], want["domain"], error)
    return found


def _registered(reason: str, error: GrpcError) -> list[str]:
    kind = GENERATED.get(reason)
    if kind is None:
        return [f"registered (want a generated definition of {reason}, got none)"]
    found = []
    if not error.is_(kind.definition) or type(kind).from_error(error) is not kind:
        found.append(f"is (want is {kind!s}, got is not)")
    other = GENERATED[
        "acme.user.v1.USER_ERROR_NOT_FOUND"
        if reason == "acme.user.v1.USER_ERROR_EMAIL_TAKEN"
        else "acme.user.v1.USER_ERROR_EMAIL_TAKEN"
    ]
    if error.is_(other.definition):
        found.append(f"is (want is not {other!s}, got is)")
    if (
        error.definition is not kind.definition
        or error.code is not kind.definition.code
    ):
        found.append(
            f"code from the registry (want {kind.definition.code.name}, "
            f"got {error.code.name}, definition {error.definition!r})"
        )
    return found


def _unregistered(reason: str, domain: str, error: GrpcError) -> list[str]:
    found = []
    local = GrpcError(Code.UNKNOWN, reason, "", domain=domain)
    if error.is_(local) != bool(reason):
        want, got = bool(reason), error.is_(local)
        found.append(f"is a local error with this reason (want {want}, got {got})")
    if error.is_(local.with_domain(domain + ".elsewhere")):
        found.append("is an error in another domain (want False, got True)")
    reasonless = GrpcError(Code.UNKNOWN, "", "")
    if reasonless.is_(GrpcError(Code.UNKNOWN, "", "")) or error.is_(reasonless):
        found.append("a reason-less error is something (want False, got True)")
    if error.definition is not None:
        found.append(f"definition (want none, got {error.definition.reason})")
    return found


def report(results: Iterable[tuple[str, list[str]]]) -> int:
    """Prints one line per case and the summary; the exit status."""
    passed = failed = 0
    for name, found in results:
        if found:
            failed += 1
            print(f"FAIL {name}: {'; '.join(found)}", flush=True)
        else:
            passed += 1
            print(f"ok   {name}", flush=True)
    print(f"{passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 and passed > 0 else 1
