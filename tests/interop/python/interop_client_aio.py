"""The interop client on grpc.aio (asyncio): ``client-aio ADDR CASES_JSON``."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import grpc.aio
from google.protobuf.wrappers_pb2 import StringValue

import interop_checks
from protosmith_grpc_errors import from_rpc_error


async def run(address: str, cases: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """Calls Raise for each case and checks the decoded error."""
    results = []
    async with grpc.aio.insecure_channel(address) as channel:
        raise_ = channel.unary_unary(
            interop_checks.METHOD,
            request_serializer=StringValue.SerializeToString,
            response_deserializer=StringValue.FromString,
        )
        for case in cases:
            value, metadata = interop_checks.request_of(case)
            try:
                await raise_(
                    StringValue(value=value),
                    metadata=metadata,
                    timeout=interop_checks.TIMEOUT_SECONDS,
                )
            except grpc.aio.AioRpcError as rpc_error:
                found = interop_checks.differences(
                    case["want"], from_rpc_error(rpc_error)
                )
            else:
                found = ["call (want an error, got a response)"]
            results.append((case["name"], found))
    return results


def main(argv: list[str]) -> int:
    """Entry point."""
    if len(argv) != 3:
        print("usage: client-aio ADDR CASES_JSON", file=sys.stderr)
        return 2
    return interop_checks.report(
        asyncio.run(run(argv[1], interop_checks.load_cases(argv[2])))
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv))
