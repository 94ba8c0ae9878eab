/**
 * The interop client on Connect (connect-node's gRPC transport over HTTP/2):
 * calls Raise for every case and checks the error it gets back
 * (tests/interop/README.md).
 */

import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { type Case, parseArgs, runCases } from "./check.js";
import { InteropService } from "./service.js";

const { address, cases } = parseArgs("client-connect");
// connect-node 2's gRPC transport always speaks HTTP/2 (it has no
// httpVersion option; only the Connect protocol transport offers HTTP/1.1).
const transport = createGrpcTransport({ baseUrl: `http://${address}` });
const client = createClient(InteropService, transport);

function raise(c: Case): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (c.accept_language !== undefined) {
    headers["accept-language"] = c.accept_language;
  }
  return client.raise(
    { value: JSON.stringify(c.raise) },
    { headers, timeoutMs: 10_000 },
  );
}

process.exit(await runCases(cases, raise));
