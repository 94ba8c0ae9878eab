"""The interop server (grpcio, sync): answers Raise with a protosmith error.

Binds 127.0.0.1:0, prints ``listening 127.0.0.1:PORT``, serves until SIGTERM
or until stdin closes (tests/interop/README.md).
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Mapping
from concurrent import futures
from typing import Any, NoReturn

import grpc
from google.protobuf.wrappers_pb2 import StringValue

# Importing the generated modules registers the example module's errors.
import acme.order.v1.order_errors
import acme.user.v1.errors_errors  # noqa: F401
from protosmith_grpc_errors import GrpcError, abort, lookup


def build(spec: Mapping[str, Any]) -> GrpcError | None:
    """The error a ``raise`` object asks for; None for an unknown reason."""
    if "custom" in spec:
        custom = spec["custom"]
        return GrpcError(
            int(custom["code"]),
            str(custom["reason"]),
            str(custom["message"]),
            domain=str(custom.get("domain", "")),
            metadata={
                str(key): str(value)
                for key, value in custom.get("metadata", {}).items()
            },
        )
    definition = lookup(str(spec["reason"]), str(spec.get("domain", "")))
    if definition is None:
        return None
    error = definition.error(
        **{str(key): value for key, value in spec.get("args", {}).items()}
    )
    return error.with_metadata(
        {str(key): str(value) for key, value in spec.get("extra_metadata", {}).items()}
    )


def raise_(request: StringValue, context: grpc.ServicerContext) -> NoReturn:
    """The Raise method: always fails."""
    try:
        spec = json.loads(request.value)
        error = build(spec)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        context.abort(
            grpc.StatusCode.INTERNAL, f"unreadable request {request.value!r}: {exc}"
        )
        raise  # unreachable: abort raises
    if error is None:
        context.abort(
            grpc.StatusCode.INTERNAL, f"unknown reason {spec.get('reason')!r}"
        )
    abort(context, error.with_locale_from(context.invocation_metadata()))


def main() -> int:
    """Entry point."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    handler = grpc.unary_unary_rpc_method_handler(
        raise_,
        request_deserializer=StringValue.FromString,
        response_serializer=StringValue.SerializeToString,
    )
    server.add_generic_rpc_handlers(
        (
            grpc.method_handlers_generic_handler(
                "protosmith.interop.v1.Interop", {"Raise": handler}
            ),
        )
    )
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())

    def stop_when_stdin_closes() -> None:
        sys.stdin.read()
        done.set()

    threading.Thread(target=stop_when_stdin_closes, daemon=True).start()
    print(f"listening 127.0.0.1:{port}", flush=True)
    done.wait()
    server.stop(grace=1).wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
