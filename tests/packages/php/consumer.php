<?php

/*
 * A team's script using the published composer package of the example API:
 * the generated client calls user-server, the generated error class and the
 * runtime tell which error came back. `php consumer.php HOST:PORT`
 */

declare(strict_types=1);

require __DIR__ . '/vendor/autoload.php';

use Acme\Order\V1\GetOrderRequest;
use Acme\User\V1\GetUserRequest;
use Acme\User\V1\UserErrorErrors;
use Acme\User\V1\UserServiceClient;
use Protosmith\GrpcErrors\Code;
use Protosmith\GrpcErrors\GrpcError;
use Protosmith\GrpcErrors\UnaryClient;

function fail(string $message): never
{
    fwrite(STDERR, "consumer: $message\n");
    exit(1);
}

$client = new UserServiceClient(new UnaryClient($argv[1]));

$reply = $client->getUser((new GetUserRequest())->setUserId('u-1'), [], 10.0);
if ($reply->getUser()?->getName() !== 'Ada') {
    fail('GetUser(u-1): ' . $reply->serializeToJsonString() . ', want Ada');
}

try {
    $client->getUser((new GetUserRequest())->setUserId('u-404'), [], 10.0);
    fail('GetUser(u-404) succeeded');
} catch (GrpcError $error) {
    if (!UserErrorErrors::isNotFound($error)) {
        fail("GetUser(u-404): {$error->getReason()} is not USER_ERROR_NOT_FOUND");
    }
    if (!$error->is(UserErrorErrors::notFound('any'))) {
        fail('GetUser(u-404): is() says it is not USER_ERROR_NOT_FOUND');
    }
    if ($error->getGrpcCode() !== Code::NotFound) {
        fail("GetUser(u-404): code {$error->getGrpcCode()->name}, want NotFound");
    }
    if (($error->getMetadata()['user_id'] ?? null) !== 'u-404') {
        fail('GetUser(u-404): metadata ' . json_encode($error->getMetadata()) . ', want user_id=u-404');
    }
    // order.proto's descriptor imports options.proto: its metadata class is
    // the runtime's (GPBMetadata\Protosmith\Errors\V1\Options), the package holds no copy.
    if ((new GetOrderRequest())->setOrderId('o-1')->serializeToString() === '') {
        fail('GetOrderRequest: nothing serialized');
    }
    if (!class_exists(\Protosmith\Errors\V1\ErrorOptions::class)) {
        fail('the runtime does not autoload Protosmith\Errors\V1\ErrorOptions');
    }
    printf(
        "ok: u-1 is Ada; u-404 is %s (%s, user_id=%s)\n",
        $error->getReason(),
        $error->getGrpcCode()->name,
        $error->getMetadata()['user_id'],
    );
}
