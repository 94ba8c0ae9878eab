// A consumer of @acme/user-api, installed from the registry only: calls
// user-server (address in argv[2]) through the package's service descriptor
// over Connect's gRPC transport, and checks the package's generated error.
import assert from "node:assert/strict";
import { getOption } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Code, fromError } from "@protosmith/grpc-errors";
import * as options from "@protosmith/grpc-errors/protosmith/errors/v1/options_pb.js";
import { OrderErrorSchema } from "@acme/user-api/acme/order/v1";
import {
  USER_ERROR_NOT_FOUND,
  UserService,
  isUserErrorNotFound,
} from "@acme/user-api/acme/user/v1";

const transport = createGrpcTransport({ baseUrl: `http://${process.argv[2]}` });
const users = createClient(UserService, transport);

const { user } = await users.getUser({ userId: "u-1" });
assert.equal(user?.name, "Ada");

try {
  await users.getUser({ userId: "u-404" });
  assert.fail("GetUser(u-404) succeeded");
} catch (e) {
  const error = fromError(e);
  assert.ok(error.is(USER_ERROR_NOT_FOUND), `not USER_ERROR_NOT_FOUND: ${error}`);
  assert.ok(isUserErrorNotFound(error));
  assert.equal(error.code, Code.NOT_FOUND);
  assert.equal(error.metadata["user_id"], "u-404");
}
// order.proto's options, read with the runtime's options_pb: the package's
// order_pb imports it from @protosmith/grpc-errors and holds no copy.
const errorsOption = getOption(OrderErrorSchema, options.errors);
assert.equal(errorsOption.defaultCode, options.Code.FAILED_PRECONDITION);
console.log("consumer: GetUser(u-1) = Ada; GetUser(u-404) is USER_ERROR_NOT_FOUND (NOT_FOUND, user_id=u-404)");
