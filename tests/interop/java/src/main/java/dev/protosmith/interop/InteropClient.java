package dev.protosmith.interop;

import acme.order.v1.OrderErrorErrors;
import acme.order.v1.PaymentErrorErrors;
import acme.user.v1.UserErrorErrors;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.StringValue;
import com.google.rpc.LocalizedMessage;
import dev.protosmith.grpcerrors.ErrorDefinition;
import dev.protosmith.grpcerrors.GrpcError;
import dev.protosmith.grpcerrors.GrpcErrors;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The Java interop client: calls {@code Raise} for every case of cases.json and checks the error it
 * gets back, decoded with the runtime's public API and compared with the generated code.
 */
public final class InteropClient {
  /** The client's own generated definitions, by reason. */
  private static final Map<String, ErrorDefinition> GENERATED = new LinkedHashMap<>();

  /** The generated {@code is} checks, by reason. */
  private static final Map<String, Predicate<Throwable>> IS =
      Map.of(
          UserErrorErrors.NOT_FOUND.reason(), UserErrorErrors::isNotFound,
          UserErrorErrors.EMAIL_TAKEN.reason(), UserErrorErrors::isEmailTaken,
          UserErrorErrors.PASSWORD_MISMATCH.reason(), UserErrorErrors::isPasswordMismatch,
          UserErrorErrors.STORAGE_FAILURE.reason(), UserErrorErrors::isStorageFailure,
          OrderErrorErrors.NOT_FOUND.reason(), OrderErrorErrors::isNotFound,
          OrderErrorErrors.OUT_OF_STOCK.reason(), OrderErrorErrors::isOutOfStock,
          OrderErrorErrors.ALREADY_PAID.reason(), OrderErrorErrors::isAlreadyPaid,
          PaymentErrorErrors.CARD_DECLINED.reason(), PaymentErrorErrors::isCardDeclined,
          PaymentErrorErrors.PROVIDER_UNAVAILABLE.reason(),
              PaymentErrorErrors::isProviderUnavailable);

  static {
    Stream.of(UserErrorErrors.ALL, OrderErrorErrors.ALL, PaymentErrorErrors.ALL)
        .flatMap(List::stream)
        .forEach(definition -> GENERATED.put(definition.reason(), definition));
  }

  private InteropClient() {}

  /**
   * Runs every case and prints {@code ok NAME} or {@code FAIL NAME: ...} per case, then the counts;
   * exits 0 only when every case passed.
   *
   * @param args {@code ADDR CASES_JSON}
   * @throws IOException when cases.json cannot be read
   * @throws InterruptedException when interrupted while closing the channel
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: client ADDR CASES_JSON");
      System.exit(2);
    }
    String address = args[0];
    int colon = address.lastIndexOf(':');
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(
                address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
            .usePlaintext()
            .build();
    JsonObject file =
        JsonParser.parseString(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8))
            .getAsJsonObject();
    int passed = 0;
    int failed = 0;
    for (JsonElement element : file.getAsJsonArray("cases")) {
      JsonObject testCase = element.getAsJsonObject();
      String name = Interop.string(testCase, "name");
      List<String> problems = run(channel, testCase);
      if (problems.isEmpty()) {
        passed++;
        System.out.println("ok   " + name);
      } else {
        failed++;
        System.out.println("FAIL " + name + ": " + String.join("; ", problems));
      }
    }
    System.out.println(passed + " passed, " + failed + " failed");
    System.out.flush();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    System.exit(failed == 0 ? 0 : 1);
  }

  static List<String> run(Channel channel, JsonObject testCase) {
    List<String> problems = new ArrayList<>();
    JsonObject want = testCase.getAsJsonObject("want");
    Metadata headers = new Metadata();
    if (testCase.has("accept_language")) {
      headers.put(GrpcErrors.ACCEPT_LANGUAGE, Interop.string(testCase, "accept_language"));
    }
    Channel withHeaders =
        ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    StatusRuntimeException caught;
    try {
      ClientCalls.blockingUnaryCall(
          withHeaders,
          Interop.RAISE,
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
          StringValue.of(testCase.get("raise").toString()));
      problems.add("the call succeeded (want code " + want.get("code").getAsInt() + ")");
      return problems;
    } catch (StatusRuntimeException e) {
      caught = e;
    }
    GrpcError error = GrpcErrors.from(caught);

    expect(problems, "code", want.get("code").getAsInt(), error.code().value());
    expect(problems, "http", want.get("http").getAsInt(), error.httpStatus());
    expect(problems, "reason", Interop.string(want, "reason"), error.reason());
    expect(problems, "domain", Interop.string(want, "domain"), error.domain());
    expect(problems, "message", Interop.string(want, "message"), error.message());
    expect(problems, "metadata", Interop.strings(want, "metadata"), error.metadata());
    Optional<LocalizedMessage> localized = error.localized();
    if (want.has("localized")) {
      JsonObject wantLocalized = want.getAsJsonObject("localized");
      expect(
          problems,
          "localized",
          Interop.string(wantLocalized, "locale") + ": " + Interop.string(wantLocalized, "message"),
          localized.map(l -> l.getLocale() + ": " + l.getMessage()).orElse("none"));
    } else {
      expect(
          problems,
          "localized",
          "none",
          localized.map(l -> l.getLocale() + ": " + l.getMessage()).orElse("none"));
    }

    if (want.get("registered").getAsBoolean()) {
      checkRegistered(problems, error, caught);
    } else {
      checkUnregistered(problems, error);
    }
    return problems;
  }

  private static void checkRegistered(
      List<String> problems, GrpcError error, StatusRuntimeException caught) {
    ErrorDefinition own = GENERATED.get(error.reason());
    if (own == null) {
      problems.add("no generated definition for reason " + error.reason());
      return;
    }
    expect(problems, "is own definition", true, error.is(own));
    expect(problems, "generated is-check", true, IS.get(own.reason()).test(caught));
    expect(problems, "definition from the registry", Optional.of(own), error.definition());
    expect(problems, "code from the registry", own.code(), error.code());
    ErrorDefinition other =
        own.equals(UserErrorErrors.EMAIL_TAKEN)
            ? UserErrorErrors.NOT_FOUND
            : UserErrorErrors.EMAIL_TAKEN;
    expect(problems, "is " + other.reason(), false, error.is(other));
    expect(
        problems,
        "generated is-check of " + other.reason(),
        false,
        IS.get(other.reason()).test(caught));
  }

  private static void checkUnregistered(List<String> problems, GrpcError error) {
    GrpcError same =
        GrpcError.of(Status.Code.UNKNOWN, error.reason(), "built locally")
            .withDomain(error.domain());
    GrpcError otherDomain = same.withDomain(error.domain() + ".elsewhere");
    GrpcError reasonless = GrpcError.of(Status.Code.UNKNOWN, "", "no reason");
    expect(problems, "registry definition", Optional.empty(), error.definition());
    expect(problems, "is same reason in another domain", false, error.is(otherDomain));
    if (error.reason().isEmpty()) {
      expect(problems, "reason-less is a reason-less error", false, error.is(same));
      expect(problems, "reason-less is another reason-less error", false, error.is(reasonless));
      expect(problems, "reason-less errors match each other", false, reasonless.is(reasonless));
    } else {
      expect(problems, "is same reason and domain", true, error.is(same));
      expect(problems, "is a reason-less error", false, error.is(reasonless));
    }
  }

  private static void expect(List<String> problems, String what, Object want, Object got) {
    if (!Objects.equals(want, got)) {
      problems.add(what + " differed (want " + want + ", got " + got + ")");
    }
  }
}
