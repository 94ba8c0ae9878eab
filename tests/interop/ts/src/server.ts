/**
 * The interop server (grpc-js): answers every Raise with the protosmith
 * error its JSON asks for, built from this process's registry (filled by the
 * generated code imported below) or by hand, localized for the caller by
 * the runtime's grpc-js handler.
 *
 * Prints `listening 127.0.0.1:PORT`, serves until SIGTERM or stdin closes.
 */

import {
  Server,
  ServerCredentials,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from "@grpc/grpc-js";
import type { StringValue } from "@bufbuild/protobuf/wkt";
import {
  Code,
  GrpcError,
  type GrpcErrorInit,
  lookupError,
} from "@protosmith/grpc-errors";
import { grpcHandler } from "@protosmith/grpc-errors/grpc-js";
// The example module's errors: importing them registers them.
import "../gen/acme/order/v1/order_errors.js";
import "../gen/acme/user/v1/errors_errors.js";
import { RAISE_PATH, deserialize, serialize } from "./service.js";

const definition: ServiceDefinition = {
  Raise: {
    path: RAISE_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: serialize,
    requestDeserialize: deserialize,
    responseSerialize: serialize,
    responseDeserialize: deserialize,
  },
};

/** The error a `raise` JSON object asks for. */
function raise(json: string): GrpcError {
  let request: unknown;
  try {
    request = JSON.parse(json);
  } catch (cause) {
    return internal(`unreadable JSON: ${String(cause)}`);
  }
  if (typeof request !== "object" || request === null) {
    return internal("the request is not a JSON object");
  }
  const { reason, args, extra_metadata, custom } = request as {
    reason?: unknown;
    args?: Record<string, string>;
    extra_metadata?: Record<string, string>;
    custom?: {
      code: number;
      reason: string;
      domain: string;
      message: string;
      metadata: Record<string, string>;
    };
  };
  if (custom !== undefined) {
    return new GrpcError({
      code: custom.code,
      reason: custom.reason,
      domain: custom.domain,
      message: custom.message,
      metadata: custom.metadata,
    });
  }
  if (typeof reason !== "string") {
    return internal("the request has neither reason nor custom");
  }
  const def = lookupError(reason);
  if (def === undefined) {
    return internal(`unknown reason ${reason}: not in this server's registry`);
  }
  return def.toError(args ?? {}).withMetadata(extra_metadata ?? {});
}

function internal(message: string): GrpcError {
  const init: GrpcErrorInit = { code: Code.INTERNAL, message };
  return new GrpcError(init);
}

const implementation: UntypedServiceImplementation = {
  Raise: grpcHandler<StringValue, StringValue>(async (call) => {
    throw raise(call.request.value);
  }),
};

const server = new Server();
server.addService(definition, implementation);
server.bindAsync(
  "127.0.0.1:0",
  ServerCredentials.createInsecure(),
  (error, port) => {
    if (error) {
      console.error(`cannot listen on 127.0.0.1:0: ${error.message}`);
      process.exit(1);
    }
    process.stdout.write(`listening 127.0.0.1:${port}\n`);
  },
);

function stop(): void {
  server.forceShutdown();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
