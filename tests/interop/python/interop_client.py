"""The interop client on grpcio's sync API: ``client ADDR CASES_JSON``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import grpc
from google.protobuf.wrappers_pb2 import StringValue

import interop_checks
from protosmith_grpc_errors import from_rpc_error


def run(address: str, cases: list[dict[str, Any]]) -> Iterator[tuple[str, list[str]]]:
    """Calls Raise for each case and checks the decoded error."""
    with grpc.insecure_channel(address) as channel:
        raise_ = channel.unary_unary(
            interop_checks.METHOD,
            request_serializer=StringValue.SerializeToString,
            response_deserializer=StringValue.FromString,
        )
        for case in cases:
            value, metadata = interop_checks.request_of(case)
            try:
                raise_(
                    StringValue(value=value),
                    metadata=metadata,
                    timeout=interop_checks.TIMEOUT_SECONDS,
                )
            except grpc.RpcError as rpc_error:
                yield (
                    case["name"],
                    interop_checks.differences(case["want"], from_rpc_error(rpc_error)),
                )
            else:
                yield case["name"], ["call (want an error, got a response)"]


def main(argv: list[str]) -> int:
    """Entry point."""
    if len(argv) != 3:
        print("usage: client ADDR CASES_JSON", file=sys.stderr)
        return 2
    return interop_checks.report(run(argv[1], interop_checks.load_cases(argv[2])))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
