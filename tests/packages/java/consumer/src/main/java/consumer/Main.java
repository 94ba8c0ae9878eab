package consumer;

import acme.order.v1.OrderOuterClass;
import acme.user.v1.UserErrorErrors;
import acme.user.v1.UserOuterClass.GetUserRequest;
import acme.user.v1.UserServiceGrpc;
import dev.protosmith.errors.v1.Code;
import dev.protosmith.errors.v1.ErrorEnumOptions;
import dev.protosmith.errors.v1.Options;
import dev.protosmith.grpcerrors.GrpcError;
import dev.protosmith.grpcerrors.GrpcErrors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;

/** Calls user-server (address in args[0]) through com.acme:user-api's stub and errors. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    ManagedChannel channel = ManagedChannelBuilder.forTarget(args[0]).usePlaintext().build();
    try {
      var users = UserServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
      String name = users.getUser(request("u-1")).getUser().getName();
      check("Ada".equals(name), "GetUser(u-1) returned " + name);
      try {
        users.getUser(request("u-404"));
        check(false, "GetUser(u-404) succeeded");
      } catch (StatusRuntimeException e) {
        check(UserErrorErrors.isNotFound(e), "not USER_ERROR_NOT_FOUND: " + e);
        GrpcError error = GrpcErrors.from(e);
        check(error.is(UserErrorErrors.NOT_FOUND), "is(NOT_FOUND) is false: " + error);
        check(error.code() == Status.Code.NOT_FOUND, "code " + error.code());
        check("u-404".equals(error.metadata().get("user_id")), "metadata " + error.metadata());
      }
      // order.proto's options, read with the runtime's dev.protosmith.errors.v1 classes: the
      // package's code uses them and holds no copy of its own.
      ErrorEnumOptions errorsOption =
          OrderOuterClass.OrderError.getDescriptor().getOptions().getExtension(Options.errors);
      check(
          errorsOption.getDefaultCode() == Code.FAILED_PRECONDITION,
          "(protosmith.errors.v1.errors) of OrderError: " + errorsOption);
      System.out.println(
          "consumer: GetUser(u-1) = Ada; GetUser(u-404) is USER_ERROR_NOT_FOUND (NOT_FOUND,"
              + " user_id=u-404)");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static GetUserRequest request(String userId) {
    return GetUserRequest.newBuilder().setUserId(userId).build();
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }
}
