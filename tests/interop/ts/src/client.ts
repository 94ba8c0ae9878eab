/**
 * The interop client on @grpc/grpc-js: calls Raise for every case and checks
 * the error it gets back (tests/interop/README.md).
 */

import {
  Client,
  Metadata,
  type ServiceError,
  credentials,
} from "@grpc/grpc-js";
import type { StringValue } from "@bufbuild/protobuf/wkt";
import { type Case, parseArgs, runCases } from "./check.js";
import { RAISE_PATH, deserialize, serialize, stringValue } from "./service.js";

const { address, cases } = parseArgs("client");
const client = new Client(address, credentials.createInsecure());

function raise(c: Case): Promise<StringValue> {
  const metadata = new Metadata();
  if (c.accept_language !== undefined) {
    metadata.set("accept-language", c.accept_language);
  }
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      RAISE_PATH,
      serialize,
      deserialize,
      stringValue(JSON.stringify(c.raise)),
      metadata,
      { deadline: Date.now() + 10_000 },
      (error: ServiceError | null, response?: StringValue) =>
        error ? reject(error) : resolve(response as StringValue),
    );
  });
}

const exitCode = await runCases(cases, raise);
client.close();
process.exit(exitCode);
