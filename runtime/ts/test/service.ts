// A one-method service for the server tests: /test.v1.Echo/Call, StringValue
// in and out, as a grpc-js definition and as a Connect descriptor.
import {
  create,
  createFileRegistry,
  fromBinary,
  toBinary,
} from "@bufbuild/protobuf";
import type { GenService } from "@bufbuild/protobuf/codegenv2";
import {
  FileDescriptorProtoSchema,
  type StringValue,
  StringValueSchema,
  file_google_protobuf_wrappers,
} from "@bufbuild/protobuf/wkt";
import type { ServiceDefinition } from "@grpc/grpc-js";

export const CALL_PATH = "/test.v1.Echo/Call";

export const serialize = (value: StringValue): Buffer =>
  Buffer.from(toBinary(StringValueSchema, value));
export const deserialize = (bytes: Buffer): StringValue =>
  fromBinary(StringValueSchema, bytes);

export const echoDefinition: ServiceDefinition = {
  Call: {
    path: CALL_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: serialize,
    requestDeserialize: deserialize,
    responseSerialize: serialize,
    responseDeserialize: deserialize,
  },
};

type EchoService = GenService<{
  call: {
    methodKind: "unary";
    input: typeof StringValueSchema;
    output: typeof StringValueSchema;
  };
  watch: {
    methodKind: "server_streaming";
    input: typeof StringValueSchema;
    output: typeof StringValueSchema;
  };
}>;

export const EchoService = createFileRegistry(
  create(FileDescriptorProtoSchema, {
    name: "test/v1/echo.proto",
    package: "test.v1",
    dependency: ["google/protobuf/wrappers.proto"],
    syntax: "proto3",
    service: [
      {
        name: "Echo",
        method: [
          {
            name: "Call",
            inputType: ".google.protobuf.StringValue",
            outputType: ".google.protobuf.StringValue",
          },
          {
            name: "Watch",
            inputType: ".google.protobuf.StringValue",
            outputType: ".google.protobuf.StringValue",
            serverStreaming: true,
          },
        ],
      },
    ],
  }),
  () => file_google_protobuf_wrappers,
).getService("test.v1.Echo") as EchoService;

export const stringValue = (value: string): StringValue =>
  create(StringValueSchema, { value });
