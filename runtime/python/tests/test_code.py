"""Codes, their numbers, grpcio's StatusCode and the HTTP table of the README."""

import grpc
import pytest

from protosmith_grpc_errors import Code

HTTP = {
    "OK": 200,
    "CANCELLED": 499,
    "UNKNOWN": 500,
    "INVALID_ARGUMENT": 400,
    "DEADLINE_EXCEEDED": 504,
    "NOT_FOUND": 404,
    "ALREADY_EXISTS": 409,
    "PERMISSION_DENIED": 403,
    "RESOURCE_EXHAUSTED": 429,
    "FAILED_PRECONDITION": 400,
    "ABORTED": 409,
    "OUT_OF_RANGE": 400,
    "UNIMPLEMENTED": 501,
    "INTERNAL": 500,
    "UNAVAILABLE": 503,
    "DATA_LOSS": 500,
    "UNAUTHENTICATED": 401,
}


def test_the_17_canonical_codes_in_order() -> None:
    assert [code.name for code in Code] == list(HTTP)
    assert [int(code) for code in Code] == list(range(17))


@pytest.mark.parametrize("code", list(Code))
def test_http_status_is_googles(code: Code) -> None:
    assert code.http_status == HTTP[code.name]


@pytest.mark.parametrize("code", list(Code))
def test_grpc_status_code_round_trip(code: Code) -> None:
    status_code = code.grpc_status_code
    assert status_code.name == code.name
    assert Code.from_grpc(status_code) is code


@pytest.mark.parametrize("number", [-1, 17, 99, 2**31])
def test_numbers_outside_the_range_are_unknown(number: int) -> None:
    assert Code.from_number(number) is Code.UNKNOWN


def test_every_grpc_status_code_is_known() -> None:
    assert {Code.from_grpc(status_code).name for status_code in grpc.StatusCode} == set(HTTP)
