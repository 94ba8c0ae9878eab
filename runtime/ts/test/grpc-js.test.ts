// A real grpc-js server and client on 127.0.0.1.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  Client,
  Metadata,
  Server,
  ServerCredentials,
  type ServiceError,
  type ServerUnaryCall,
  credentials,
  type sendUnaryData,
  status,
} from "@grpc/grpc-js";
import type { StringValue } from "@bufbuild/protobuf/wkt";
import {
  Code,
  GrpcError,
  STATUS_DETAILS_KEY,
  defineError,
  fromError,
} from "../src/index.js";
import { acceptLanguage, grpcHandler, toServiceError } from "../src/grpc-js.js";
import {
  CALL_PATH,
  deserialize,
  echoDefinition,
  serialize,
  stringValue,
} from "./service.js";

const NOT_FOUND = defineError({
  code: Code.NOT_FOUND,
  reason: "grpcjs.v1.NOT_FOUND",
  domain: "",
  message: "user {user_id} not found",
  placeholders: ["user_id"],
  i18n: {
    de: "Benutzer {user_id} nicht gefunden",
    zh: "用户 {user_id} 不存在",
  },
  protoName: "grpcjs.v1.NOT_FOUND",
  number: 1,
});

/** What the server does for each request value. */
const behaviours: Record<string, () => never | Promise<never>> = {
  registered: () => {
    throw NOT_FOUND.toError({ user_id: "u-1" }).withMetadata({
      request_id: "r",
    });
  },
  wrapped: () => {
    throw new Error("outer", { cause: NOT_FOUND.toError({ user_id: "u-2" }) });
  },
  custom: () => {
    throw new GrpcError({
      code: Code.ABORTED,
      reason: "LOCKED",
      domain: "inventory",
      message: "Zoë: 100% gesperrt",
      metadata: { sku: "s-1" },
    });
  },
  plain: () => {
    throw new TypeError("not a grpc error");
  },
};

let server: Server;
let client: Client;

function call(
  value: string,
  language?: string | string[],
): Promise<ServiceError> {
  const metadata = new Metadata();
  for (const language_ of [language ?? []].flat()) {
    metadata.add("accept-language", language_);
  }
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      CALL_PATH,
      serialize,
      deserialize,
      stringValue(value),
      metadata,
      (error: ServiceError | null) =>
        error ? resolve(error) : reject(new Error("the call succeeded")),
    );
  });
}

before(async () => {
  server = new Server();
  const handler = grpcHandler<StringValue, StringValue>(async (request) => {
    const behaviour = behaviours[request.request.value];
    return behaviour ? behaviour() : stringValue("ok");
  });
  server.addService(echoDefinition, {
    Call: (
      request: ServerUnaryCall<StringValue, StringValue>,
      callback: sendUnaryData<StringValue>,
    ) => {
      if (request.request.value !== "garbage") {
        return handler(request, callback);
      }
      // A peer sending hostile bytes as its status details.
      const metadata = new Metadata();
      metadata.set(STATUS_DETAILS_KEY, Buffer.from([0x1a, 0xff, 0xff, 0x7f]));
      callback({ code: status.PERMISSION_DENIED, details: "denied", metadata });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      "127.0.0.1:0",
      ServerCredentials.createInsecure(),
      (e, p) => (e ? reject(e) : resolve(p)),
    ),
  );
  client = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
});

after(() => {
  client.close();
  server.forceShutdown();
});

describe("grpc-js", () => {
  it("carries a registered error across, with its metadata", async () => {
    const thrown = await call("registered");
    assert.equal(thrown.code, status.NOT_FOUND);
    assert.ok(thrown.metadata.get(STATUS_DETAILS_KEY)[0] instanceof Buffer);
    const error = fromError(thrown);
    assert.ok(NOT_FOUND.matches(error));
    assert.equal(error.definition, NOT_FOUND);
    assert.equal(error.message, "user u-1 not found");
    assert.deepEqual(
      { ...error.metadata },
      { request_id: "r", user_id: "u-1" },
    );
    assert.equal(error.localized, undefined);
  });

  it("localizes for the caller's accept-language", async () => {
    const error = fromError(await call("registered", "de-AT, en;q=0.5"));
    assert.deepEqual(error.localized, {
      locale: "de",
      message: "Benutzer u-1 nicht gefunden",
    });
    assert.equal(error.message, "user u-1 not found");
    const split = fromError(await call("registered", ["fr", "zh;q=0.9"]));
    assert.equal(split.localized?.locale, "zh");
  });

  it("finds a protosmith error in the cause chain of what a handler throws", async () => {
    const error = fromError(await call("wrapped"));
    assert.ok(error.is(NOT_FOUND));
    assert.equal(error.message, "user u-2 not found");
  });

  it("keeps the wire code, reason, domain and a non-ASCII message of an unknown error", async () => {
    const error = fromError(await call("custom"));
    assert.equal(error.code, Code.ABORTED);
    assert.equal(error.reason, "LOCKED");
    assert.equal(error.domain, "inventory");
    assert.equal(error.message, "Zoë: 100% gesperrt");
    assert.deepEqual({ ...error.metadata }, { sku: "s-1" });
    assert.equal(error.definition, undefined);
  });

  it("answers anything else as UNKNOWN without a reason", async () => {
    const error = fromError(await call("plain"));
    assert.equal(error.code, Code.UNKNOWN);
    assert.equal(error.reason, "");
    assert.equal(error.message, "not a grpc error");
  });

  it("keeps the wire code and message when the details are garbage", async () => {
    const error = fromError(await call("garbage"));
    assert.equal(error.code, Code.PERMISSION_DENIED);
    assert.equal(error.message, "denied");
    assert.equal(error.reason, "");
  });

  it("builds the callback error and reads accept-language", () => {
    const metadata = new Metadata();
    metadata.add("accept-language", "fr");
    metadata.add("accept-language", "de;q=0.5");
    assert.equal(acceptLanguage(metadata), "fr,de;q=0.5");
    const response = toServiceError(NOT_FOUND.toError({ user_id: "x" }), {
      metadata,
    });
    assert.ok(response instanceof Error);
    assert.equal(response.code, Code.NOT_FOUND);
    assert.equal(response.details, "user x not found");
    const decoded = fromError({
      ...response,
      message: response.message,
      metadata: response.metadata,
    });
    assert.equal(decoded.localized?.locale, "de");
  });
});
