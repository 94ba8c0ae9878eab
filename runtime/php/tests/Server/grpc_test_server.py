"""A real gRPC server (Python grpcio) for the PHP runtime's tests.

Speaks the interop protocol of tests/interop/README.md for
/protosmith.interop.v1.Interop/Raise, with the example module's errors
declared below, so the PHP client can be tested before other languages'
servers exist, plus a few methods that exercise the PHP UnaryClient:

- /protosmith.test.v1.Test/Echo: answers a JSON object of the request value
  and the request metadata it received;
- /protosmith.test.v1.Test/Sleep: sleeps for the request value (seconds);
- /protosmith.test.v1.Test/Abort: {"code": N, "message": M, "details_b64": B}
  answers that status with those raw grpc-status-details-bin bytes;
- /protosmith.test.v1.Test/Raw: answers the base64-decoded request value as
  the response message's bytes.

Prints `listening 127.0.0.1:PORT` and serves until stdin closes or SIGTERM.
With `--tls CERT_PEM KEY_PEM` it serves TLS instead of cleartext.
"""

import base64
import json
import signal
import sys
import threading
import time
from concurrent import futures

import grpc
from google.protobuf import any_pb2, wrappers_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

# code, message template, translations: acme/user/v1/errors.proto, acme/order/v1/order.proto
REGISTRY = {
    "acme.user.v1.USER_ERROR_NOT_FOUND": (5, "user {user_id} not found",
                                          {"de": "Benutzer {user_id} nicht gefunden", "zh": "用户 {user_id} 不存在"}),
    "acme.user.v1.USER_ERROR_EMAIL_TAKEN": (6, "USER_ERROR_EMAIL_TAKEN", {}),
    "acme.user.v1.USER_ERROR_PASSWORD_MISMATCH": (3, "password for {user_id} does not match", {"cn": "密码不匹配"}),
    "acme.user.v1.USER_ERROR_STORAGE_FAILURE": (13, "USER_ERROR_STORAGE_FAILURE", {}),
    "acme.order.v1.ORDER_ERROR_NOT_FOUND": (5, "order {order_id} not found", {"zh": "订单 {order_id} 不存在"}),
    "acme.order.v1.ORDER_ERROR_OUT_OF_STOCK": (8, "only {available} of {sku} left", {}),
    "acme.order.v1.ORDER_ERROR_ALREADY_PAID": (9, "order {order_id} is already paid", {}),
    "acme.order.v1.Payment.ERROR_CARD_DECLINED": (9, "card ending in {last4} was declined", {}),
    "acme.order.v1.Payment.ERROR_PROVIDER_UNAVAILABLE": (14, "ERROR_PROVIDER_UNAVAILABLE", {}),
}


def render(template, values):
    out, i = [], 0
    while i < len(template):
        if template.startswith("{{", i) or template.startswith("}}", i):
            out.append(template[i])
            i += 2
        elif template[i] == "{" and "}" in template[i:]:
            end = template.index("}", i)
            name = template[i + 1:end]
            out.append(values.get(name, template[i:end + 1]))
            i = end + 1
        else:
            out.append(template[i])
            i += 1
    return "".join(out)


def negotiate(accept_language, keys):
    """The stand-in's port of runtime/rust/grpc-errors/src/locale.rs."""
    wanted = []
    for part in accept_language.split(","):
        tag, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0
        if tag and tag != "*" and quality > 0:
            wanted.append((tag, quality))
    wanted.sort(key=lambda w: -w[1])
    norm = lambda t: t.lower().replace("_", "-")
    primary = lambda t: norm(t).split("-")[0]
    for tag, _ in wanted:
        for match in (lambda k: norm(k) == norm(tag), lambda k: primary(k) == primary(tag)):
            for key in keys:
                if match(key):
                    return key
    return None


def pack(message):
    detail = any_pb2.Any()
    detail.Pack(message)
    return detail


def raise_(request, context):
    try:
        spec = json.loads(request.value)
    except ValueError:
        context.abort(grpc.StatusCode.INTERNAL, "unreadable JSON")
    metadata = dict(context.invocation_metadata())
    localized = None
    if "custom" in spec:
        custom = spec["custom"]
        code, reason, domain = custom["code"], custom["reason"], custom["domain"]
        message, meta = custom["message"], dict(custom["metadata"])
    elif spec.get("reason") in REGISTRY:
        reason, domain = spec["reason"], ""
        code, template, i18n = REGISTRY[reason]
        meta = dict(spec.get("args", {}))
        message = render(template, meta)
        meta.update(spec.get("extra_metadata", {}))
        key = negotiate(metadata.get("accept-language", ""), sorted(i18n))
        if key is not None:
            localized = error_details_pb2.LocalizedMessage(locale=key, message=render(i18n[key], meta))
    else:
        context.abort(grpc.StatusCode.INTERNAL, "unknown reason %r" % spec.get("reason"))
    status = status_pb2.Status(code=code, message=message)
    if reason:
        status.details.append(pack(error_details_pb2.ErrorInfo(reason=reason, domain=domain, metadata=meta)))
    if localized is not None:
        status.details.append(pack(localized))
    context.abort_with_status(rpc_status.to_status(status))


def echo(request, context):
    metadata = {}
    for key, value in context.invocation_metadata():
        metadata.setdefault(key, []).append(base64.b64encode(value).decode() if key.endswith("-bin") else value)
    return wrappers_pb2.StringValue(value=json.dumps({"value": request.value, "metadata": metadata}))


def sleep(request, context):
    time.sleep(float(request.value))
    return wrappers_pb2.StringValue(value="woke up")


def abort(request, context):
    spec = json.loads(request.value)
    context.set_trailing_metadata([("grpc-status-details-bin", base64.b64decode(spec["details_b64"]))])
    context.abort(grpc.StatusCode(next(c for c in grpc.StatusCode if c.value[0] == spec["code"]).value),
                  spec["message"])


def raw(request, context):
    return base64.b64decode(request.value)


def handler(function, response_serializer=wrappers_pb2.StringValue.SerializeToString):
    return grpc.unary_unary_rpc_method_handler(
        function,
        request_deserializer=wrappers_pb2.StringValue.FromString,
        response_serializer=response_serializer,
    )


def main():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    server.add_generic_rpc_handlers([
        grpc.method_handlers_generic_handler("protosmith.interop.v1.Interop", {"Raise": handler(raise_)}),
        grpc.method_handlers_generic_handler("protosmith.test.v1.Test", {
            "Echo": handler(echo), "Sleep": handler(sleep), "Abort": handler(abort),
            "Raw": handler(raw, response_serializer=bytes),
        }),
    ])
    if sys.argv[1:2] == ["--tls"]:
        with open(sys.argv[2], "rb") as cert, open(sys.argv[3], "rb") as key:
            credentials = grpc.ssl_server_credentials([(key.read(), cert.read())])
        port = server.add_secure_port("127.0.0.1:0", credentials)
    else:
        port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print("listening 127.0.0.1:%d" % port, flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait()
    server.stop(0)


if __name__ == "__main__":
    main()
