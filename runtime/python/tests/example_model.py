"""The model of the example module (proto/acme), as protosmith-core gives it
to every emitter: what the reference emitter turns into the golden files."""

from reference_emitter import Enum, File, Value

USER = File(
    name="acme/user/v1/errors.proto",
    package="acme.user.v1",
    enums=(
        Enum(
            name="UserError",
            full_name="acme.user.v1.UserError",
            parents=(),
            doc="UserError lists what the user service can fail with.",
            values=(
                Value(
                    name="USER_ERROR_NOT_FOUND",
                    full_name="acme.user.v1.USER_ERROR_NOT_FOUND",
                    number=1,
                    code="NOT_FOUND",
                    reason="acme.user.v1.USER_ERROR_NOT_FOUND",
                    domain="",
                    message="user {user_id} not found",
                    i18n=(
                        ("de", "Benutzer {user_id} nicht gefunden"),
                        ("zh", "用户 {user_id} 不存在"),
                    ),
                    doc="The user does not exist.",
                ),
                Value(
                    name="USER_ERROR_EMAIL_TAKEN",
                    full_name="acme.user.v1.USER_ERROR_EMAIL_TAKEN",
                    number=2,
                    code="ALREADY_EXISTS",
                    reason="acme.user.v1.USER_ERROR_EMAIL_TAKEN",
                    domain="",
                    message="USER_ERROR_EMAIL_TAKEN",
                    doc="A user with this e-mail address already exists.",
                ),
                Value(
                    name="USER_ERROR_PASSWORD_MISMATCH",
                    full_name="acme.user.v1.USER_ERROR_PASSWORD_MISMATCH",
                    number=3,
                    code="INVALID_ARGUMENT",
                    reason="acme.user.v1.USER_ERROR_PASSWORD_MISMATCH",
                    domain="",
                    message="password for {user_id} does not match",
                    i18n=(("cn", "密码不匹配"),),
                    doc="The password does not match the one on record.",
                ),
                Value(
                    name="USER_ERROR_STORAGE_FAILURE",
                    full_name="acme.user.v1.USER_ERROR_STORAGE_FAILURE",
                    number=4,
                    code="INTERNAL",
                    reason="acme.user.v1.USER_ERROR_STORAGE_FAILURE",
                    domain="",
                    message="USER_ERROR_STORAGE_FAILURE",
                    doc="The user store failed; the enum's default code applies.",
                ),
            ),
        ),
    ),
)

ORDER = File(
    name="acme/order/v1/order.proto",
    package="acme.order.v1",
    enums=(
        Enum(
            name="OrderError",
            full_name="acme.order.v1.OrderError",
            parents=(),
            doc=(
                "OrderError lists what the order service can fail with, declared with\n"
                "protosmith's custom options instead of comments."
            ),
            values=(
                Value(
                    name="ORDER_ERROR_NOT_FOUND",
                    full_name="acme.order.v1.ORDER_ERROR_NOT_FOUND",
                    number=1,
                    code="NOT_FOUND",
                    reason="acme.order.v1.ORDER_ERROR_NOT_FOUND",
                    domain="",
                    message="order {order_id} not found",
                    i18n=(("zh", "订单 {order_id} 不存在"),),
                    doc="The order does not exist.",
                ),
                Value(
                    name="ORDER_ERROR_OUT_OF_STOCK",
                    full_name="acme.order.v1.ORDER_ERROR_OUT_OF_STOCK",
                    number=2,
                    code="RESOURCE_EXHAUSTED",
                    reason="acme.order.v1.ORDER_ERROR_OUT_OF_STOCK",
                    domain="",
                    message="only {available} of {sku} left",
                    doc="Not enough stock to fill the order.",
                ),
                Value(
                    name="ORDER_ERROR_ALREADY_PAID",
                    full_name="acme.order.v1.ORDER_ERROR_ALREADY_PAID",
                    number=3,
                    code="FAILED_PRECONDITION",
                    reason="acme.order.v1.ORDER_ERROR_ALREADY_PAID",
                    domain="",
                    message="order {order_id} is already paid",
                    doc="The order was already paid; the enum's default code applies.",
                ),
            ),
        ),
        Enum(
            name="Error",
            full_name="acme.order.v1.Payment.Error",
            parents=("Payment",),
            doc="Error says why a payment failed; nested error enums are error enums too.",
            values=(
                Value(
                    name="ERROR_CARD_DECLINED",
                    full_name="acme.order.v1.Payment.ERROR_CARD_DECLINED",
                    number=1,
                    code="FAILED_PRECONDITION",
                    reason="acme.order.v1.Payment.ERROR_CARD_DECLINED",
                    domain="",
                    message="card ending in {last4} was declined",
                    doc="The card issuer declined the payment.",
                ),
                Value(
                    name="ERROR_PROVIDER_UNAVAILABLE",
                    full_name="acme.order.v1.Payment.ERROR_PROVIDER_UNAVAILABLE",
                    number=2,
                    code="UNAVAILABLE",
                    reason="acme.order.v1.Payment.ERROR_PROVIDER_UNAVAILABLE",
                    domain="",
                    message="ERROR_PROVIDER_UNAVAILABLE",
                    doc="The payment provider did not answer in time.",
                ),
            ),
        ),
    ),
)

EXAMPLE = (USER, ORDER)
