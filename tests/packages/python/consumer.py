"""A user's program: calls user-server through the acme-api package installed from the index.

Usage: python consumer.py 127.0.0.1:PORT. Prints one line per check and
exits non-zero on the first that fails.
"""

import sys

import grpc
from acme.order.v1 import order_pb2
from acme.user.v1 import errors_errors, user_pb2, user_pb2_grpc
from protosmith.errors.v1 import options_pb2
from protosmith_grpc_errors import Code, from_rpc_error, is_


def main() -> None:
    """Calls GetUser for a user that exists and for one that does not."""
    with grpc.insecure_channel(sys.argv[1]) as channel:
        stub = user_pb2_grpc.UserServiceStub(channel)

        reply = stub.GetUser(user_pb2.GetUserRequest(user_id="u-1"), timeout=10)
        assert reply.user.name == "Ada", reply
        print(f"GetUser(u-1): {reply.user.name}")

        try:
            stub.GetUser(user_pb2.GetUserRequest(user_id="u-404"), timeout=10)
        except grpc.RpcError as rpc_error:
            error = from_rpc_error(rpc_error)
            status = rpc_error.code()
        else:
            sys.exit("GetUser(u-404) succeeded; USER_ERROR_NOT_FOUND was expected")
        # The generated helper, the runtime's is_ with the generated
        # definition, and the generated kind all agree.
        assert errors_errors.is_user_error_not_found(error), error
        assert is_(error, errors_errors.UserErrorKind.NOT_FOUND.definition), error
        assert not errors_errors.is_user_error_email_taken(error), error
        assert errors_errors.UserErrorKind.from_error(error) is errors_errors.UserErrorKind.NOT_FOUND
        assert error.code == Code.NOT_FOUND, error.code
        assert status == grpc.StatusCode.NOT_FOUND, status
        assert dict(error.metadata) == {"user_id": "u-404"}, error.metadata
        print(f"GetUser(u-404): {error.reason} {error.code.name} {dict(error.metadata)}: {error.message}")

    # order.proto's options, read with the runtime's options_pb2: acme-api's
    # order_pb2 imports it from protosmith-grpc-errors and holds no copy.
    # (ListFields, not Extensions[...]: grpcio-tools' stubs type an extension
    # as a plain FieldDescriptor, which Extensions' typing refuses.)
    options = order_pb2.OrderError.DESCRIPTOR.GetOptions()
    (errors_option,) = [
        value for field, value in options.ListFields() if field.full_name == options_pb2.errors.full_name
    ]
    assert isinstance(errors_option, options_pb2.ErrorEnumOptions), errors_option
    assert errors_option.default_code == options_pb2.FAILED_PRECONDITION, errors_option
    print(f"(protosmith.errors.v1.errors) of OrderError: {options_pb2.Code.Name(errors_option.default_code)}")


main()
