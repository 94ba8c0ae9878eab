package dev.protosmith.interop;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.StringValue;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import java.util.Map;
import java.util.TreeMap;

/** The interop service of tests/interop/README.md, declared without a .proto. */
final class Interop {
  /** {@code /protosmith.interop.v1.Interop/Raise}: StringValue in, StringValue out. */
  static final MethodDescriptor<StringValue, StringValue> RAISE =
      MethodDescriptor.<StringValue, StringValue>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("protosmith.interop.v1.Interop/Raise")
          .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
          .build();

  private Interop() {}

  /** The string members of {@code object.name}; empty when absent. */
  static Map<String, String> strings(JsonObject object, String name) {
    Map<String, String> values = new TreeMap<>();
    JsonElement member = object.get(name);
    if (member != null && member.isJsonObject()) {
      member
          .getAsJsonObject()
          .entrySet()
          .forEach(e -> values.put(e.getKey(), e.getValue().getAsString()));
    }
    return values;
  }

  /** {@code object.name} as a string; empty when absent. */
  static String string(JsonObject object, String name) {
    JsonElement member = object.get(name);
    return member == null || member.isJsonNull() ? "" : member.getAsString();
  }
}
