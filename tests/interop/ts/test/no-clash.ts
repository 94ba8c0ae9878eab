// Compiles only if the generated errors modules export no name that
// protoc-gen-es also exports for the same proto file: `export *` of two
// modules with a common name is error TS2308.
export * from "../gen/acme/order/v1/order_errors.js";
export * from "../gen/acme/order/v1/order_pb.js";
export * from "../gen/acme/user/v1/errors_errors.js";
export * from "../gen/acme/user/v1/errors_pb.js";
