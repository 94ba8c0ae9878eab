// A real connect-node server on 127.0.0.1 (HTTP/2), called over gRPC and
// the Connect protocol with connect-node, and over gRPC with grpc-js.
import assert from "node:assert/strict";
import { type Http2Server, type Http2Session, createServer } from "node:http2";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import {
  ConnectError,
  type Transport,
  createClient,
} from "@connectrpc/connect";
import {
  connectNodeAdapter,
  createConnectTransport,
  createGrpcTransport,
} from "@connectrpc/connect-node";
import {
  Client,
  Metadata,
  Server,
  ServerCredentials,
  type ServiceError,
  credentials,
  type sendUnaryData,
} from "@grpc/grpc-js";
import {
  Code,
  GrpcError,
  STATUS_DETAILS_KEY,
  defineError,
  fromError,
} from "../src/index.js";
import { errorInterceptor, toConnectError } from "../src/connect.js";
import {
  CALL_PATH,
  EchoService,
  deserialize,
  echoDefinition,
  serialize,
  stringValue,
} from "./service.js";

const OUT_OF_STOCK = defineError({
  code: Code.RESOURCE_EXHAUSTED,
  reason: "OUT_OF_STOCK",
  domain: "shop.example",
  message: "only {available} of {sku} left",
  placeholders: ["available", "sku"],
  i18n: { "zh-TW": "僅剩 {available} 件" },
  protoName: "shop.v1.OUT_OF_STOCK",
  number: 2,
});

let server: Http2Server;
let baseUrl: string;
const sessions = new Set<Http2Session>();

before(async () => {
  server = createServer(
    connectNodeAdapter({
      interceptors: [errorInterceptor()],
      routes: (router) =>
        router.service(EchoService, {
          call: async (request, context) => {
            if (request.value === "direct") {
              // Answered by errorInterceptor, localized for the caller.
              throw new Error("wrapped", {
                cause: OUT_OF_STOCK.toError({ available: 3, sku: "s-3" }),
              });
            }
            if (request.value === "custom") {
              throw toConnectError(
                new GrpcError({ code: Code.UNAVAILABLE, message: "try later" }),
              );
            }
            throw toConnectError(
              OUT_OF_STOCK.toError({ available: 2, sku: "s-9" }),
              context,
            );
          },
          async *watch(request) {
            yield stringValue(request.value);
            // Thrown mid-stream: errorInterceptor answers it in the trailer.
            throw OUT_OF_STOCK.toError({ available: 0, sku: request.value });
          },
        }),
    }),
  );
  server.on("session", (session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  // Clients keep HTTP/2 sessions open; end them so the server can close.
  for (const session of sessions) {
    session.destroy();
  }
  server.close();
});

async function callWith(
  transport: Transport,
  value: string,
  language?: string,
) {
  const client = createClient(EchoService, transport);
  const headers: Record<string, string> = language
    ? { "accept-language": language }
    : {};
  try {
    await client.call({ value }, { headers });
  } catch (error) {
    assert.ok(error instanceof ConnectError);
    return fromError(error);
  }
  throw new Error("the call succeeded");
}

describe("Connect", () => {
  const transports: Array<[string, () => Transport]> = [
    ["gRPC", () => createGrpcTransport({ baseUrl })],
    [
      "Connect over HTTP/2",
      () => createConnectTransport({ baseUrl, httpVersion: "2" }),
    ],
  ];
  for (const [name, transport] of transports) {
    it(`carries a registered error across (${name})`, async () => {
      const error = await callWith(transport(), "registered", "zh");
      assert.ok(OUT_OF_STOCK.matches(error));
      assert.equal(error.code, Code.RESOURCE_EXHAUSTED);
      assert.equal(error.message, "only 2 of s-9 left");
      assert.deepEqual({ ...error.metadata }, { available: "2", sku: "s-9" });
      assert.deepEqual(error.localized, {
        locale: "zh-TW",
        message: "僅剩 2 件",
      });
    });

    it(`answers a thrown GrpcError through errorInterceptor (${name})`, async () => {
      const error = await callWith(transport(), "direct", "zh-TW");
      assert.ok(OUT_OF_STOCK.matches(error));
      assert.equal(error.message, "only 3 of s-3 left");
      assert.deepEqual(error.localized, {
        locale: "zh-TW",
        message: "僅剩 3 件",
      });
    });

    it(`answers a GrpcError thrown mid-stream (${name})`, async () => {
      const client = createClient(EchoService, transport());
      const received: string[] = [];
      try {
        for await (const message of client.watch({ value: "s-0" })) {
          received.push(message.value);
        }
        assert.fail("the stream ended without an error");
      } catch (thrown) {
        const error = fromError(thrown);
        assert.ok(OUT_OF_STOCK.matches(error), String(thrown));
        assert.equal(error.message, "only 0 of s-0 left");
      }
      assert.deepEqual(received, ["s-0"]);
    });

    it(`sends no ErrorInfo without a reason (${name})`, async () => {
      const error = await callWith(transport(), "custom");
      assert.equal(error.code, Code.UNAVAILABLE);
      assert.equal(error.message, "try later");
      assert.equal(error.reason, "");
    });
  }

  it("is read by grpc-js from Connect's grpc-status-details-bin", async () => {
    const client = new Client(
      baseUrl.slice("http://".length),
      credentials.createInsecure(),
    );
    const metadata = new Metadata();
    metadata.set("accept-language", "zh-HK");
    const thrown = await new Promise<ServiceError>((resolve, reject) =>
      client.makeUnaryRequest(
        CALL_PATH,
        serialize,
        deserialize,
        stringValue("registered"),
        metadata,
        (error: ServiceError | null) =>
          error ? resolve(error) : reject(new Error("the call succeeded")),
      ),
    );
    client.close();
    const error = fromError(thrown);
    assert.ok(error.is(OUT_OF_STOCK));
    assert.equal(error.localized?.locale, "zh-TW");
  });

  it("reads a ConnectError built in this process", () => {
    const local = toConnectError(
      OUT_OF_STOCK.toError({ available: 1, sku: "a" }),
    );
    const error = fromError(
      new ConnectError(
        local.rawMessage,
        local.code,
        undefined,
        local.details as never,
      ),
    );
    assert.ok(error.is(OUT_OF_STOCK));
    assert.deepEqual({ ...error.metadata }, { available: "1", sku: "a" });
    assert.equal(
      fromError(local),
      fromError(local.cause),
      "the cause is the GrpcError itself",
    );
  });

  it("gets DATA_LOSS from connect-node when a peer's Status does not decode", async () => {
    // connect-es decodes grpc-status-details-bin itself and, when that fails,
    // throws DATA_LOSS without the trailers: the wire code and message are
    // lost before fromError sees them (grpc-js keeps them; see grpc-js.test).
    // This test notices when connect-es changes that.
    const garbage = new Server();
    garbage.addService(echoDefinition, {
      Call: (_call: unknown, callback: sendUnaryData<never>) => {
        const metadata = new Metadata();
        metadata.set(STATUS_DETAILS_KEY, Buffer.from([0x1a, 0xff, 0xff, 0x7f]));
        callback({ code: Code.PERMISSION_DENIED, details: "denied", metadata });
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      garbage.bindAsync(
        "127.0.0.1:0",
        ServerCredentials.createInsecure(),
        (e, p) => (e ? reject(e) : resolve(p)),
      ),
    );
    try {
      const error = await callWith(
        createGrpcTransport({ baseUrl: `http://127.0.0.1:${port}` }),
        "x",
      );
      assert.equal(error.code, Code.DATA_LOSS);
      assert.equal(error.reason, "");
    } finally {
      garbage.forceShutdown();
    }
  });

  it("never sends OK as an error code", () => {
    const error = toConnectError(
      new GrpcError({ code: Code.OK, message: "odd" }),
    );
    assert.equal(error.code as number, Code.UNKNOWN);
  });
});
