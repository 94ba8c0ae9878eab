/**
 * The interop service (tests/interop/README.md): one unary method,
 * `/protosmith.interop.v1.Interop/Raise`, StringValue in and out, declared
 * here by hand since it has no .proto of its own.
 */

import { create, createFileRegistry } from "@bufbuild/protobuf";
import {
  FileDescriptorProtoSchema,
  type StringValue,
  StringValueSchema,
  file_google_protobuf_wrappers,
} from "@bufbuild/protobuf/wkt";
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import type { GenService } from "@bufbuild/protobuf/codegenv2";

export const RAISE_PATH = "/protosmith.interop.v1.Interop/Raise";

export function serialize(value: StringValue): Buffer {
  return Buffer.from(toBinary(StringValueSchema, value));
}

export function deserialize(bytes: Buffer): StringValue {
  return fromBinary(StringValueSchema, bytes);
}

export function stringValue(value: string): StringValue {
  return create(StringValueSchema, { value });
}

/** The service as a descriptor, for Connect clients. */
export const InteropService = interopService();

function interopService(): GenService<{
  raise: {
    methodKind: "unary";
    input: typeof StringValueSchema;
    output: typeof StringValueSchema;
  };
}> {
  const service = createFileRegistry(
    create(FileDescriptorProtoSchema, {
      name: "protosmith/interop/v1/interop.proto",
      package: "protosmith.interop.v1",
      dependency: ["google/protobuf/wrappers.proto"],
      syntax: "proto3",
      service: [
        {
          name: "Interop",
          method: [
            {
              name: "Raise",
              inputType: ".google.protobuf.StringValue",
              outputType: ".google.protobuf.StringValue",
            },
          ],
        },
      ],
    }),
    (name) =>
      name === "google/protobuf/wrappers.proto"
        ? file_google_protobuf_wrappers
        : undefined,
  ).getService("protosmith.interop.v1.Interop");
  if (service === undefined) {
    throw new Error("the interop service descriptor did not build");
  }
  // The descriptor above declares exactly this method.
  return service as ReturnType<typeof interopService>;
}
