/**
 * {@code errors.Is} semantics for gRPC errors, the runtime of the Java code that protoc-gen-errors
 * generates from annotated proto error enums.
 *
 * <p>A service throws a {@link dev.protosmith.grpcerrors.GrpcError}, usually made by a generated
 * factory such as {@code UserErrorErrors.notFound(userId)}; {@link
 * dev.protosmith.grpcerrors.GrpcErrorInterceptor} sends it as a {@code google.rpc.Status} whose
 * details carry a {@code google.rpc.ErrorInfo} (reason, domain, metadata) and, when the caller's
 * {@code accept-language} matches a translation, a {@code google.rpc.LocalizedMessage}. A client
 * turns the {@link io.grpc.StatusRuntimeException} it caught back into a {@code GrpcError} with
 * {@link dev.protosmith.grpcerrors.GrpcErrors#from(Throwable)} and compares it with {@link
 * dev.protosmith.grpcerrors.GrpcError#is(ErrorDefinition)}: same reason and domain, whatever the
 * language of the service that sent it.
 *
 * <pre>{@code
 * // server: throw it; the interceptor puts it on the wire
 * throw UserErrorErrors.notFound(request.getUserId());
 *
 * // client
 * try {
 *   stub.getUser(request);
 * } catch (StatusRuntimeException e) {
 *   if (UserErrorErrors.isNotFound(e)) { ... }
 *   GrpcError error = GrpcErrors.from(e);
 *   error.metadata().get("user_id"); // "u-404"
 * }
 * }</pre>
 */
package dev.protosmith.grpcerrors;
