<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors\Tests;

use Acme\Order\V1\PaymentErrorErrors;
use Acme\User\V1\UserErrorErrors;
use Google\Protobuf\Any;
use Google\Rpc\ErrorInfo;
use Google\Rpc\LocalizedMessage;
use Google\Rpc\Status;
use PHPUnit\Framework\TestCase;
use Protosmith\GrpcErrors\Code;
use Protosmith\GrpcErrors\GrpcError;
use Protosmith\GrpcErrors\GrpcErrors;
use Protosmith\GrpcErrors\Registry;

final class WireTest extends TestCase
{
    /**
     * Bytes made by protoc, an independent encoder, from a text Status:
     * `protoc -I proto --encode=google.rpc.Status` (with status.proto and
     * error_details.proto imported) of code 5, the message, an ErrorInfo with
     * metadata {request_id: r-1, user_id: u-404} and a LocalizedMessage (de).
     */
    private const PROTOC_BYTES = '080512147573657220752d343034206e6f7420666f756e641a740a28747970652e676f6f676c65617069'
        . '732e636f6d2f676f6f676c652e7270632e4572726f72496e666f12480a2161636d652e757365722e76312e555345525f4552524f'
        . '525f4e4f545f464f554e441a110a0a726571756573745f69641203722d311a100a07757365725f69641205752d3430341a560a2f'
        . '747970652e676f6f676c65617069732e636f6d2f676f6f676c652e7270632e4c6f63616c697a65644d65737361676512230a0264'
        . '65121d42656e75747a657220752d343034206e6963687420676566756e64656e';

    public function testEncodingMatchesProtocByteForByte(): void
    {
        $error = UserErrorErrors::notFound('u-404')->withMetadata('request_id', 'r-1')->withLocale('de-AT, en;q=0.5');
        self::assertSame(self::PROTOC_BYTES, bin2hex($error->toDetailsBin()));
        // Deterministic: the order metadata was added in does not matter.
        $other = UserErrorErrors::definitions()[0]->toError()->withLocale('de')
            ->withMetadata('request_id', 'r-1')->withArgs(['user_id' => 'u-404']);
        self::assertSame(self::PROTOC_BYTES, bin2hex($other->toDetailsBin()));
    }

    public function testDecodingProtocBytes(): void
    {
        UserErrorErrors::definitions();
        $error = GrpcErrors::fromStatus(5, 'user u-404 not found', (string) hex2bin(self::PROTOC_BYTES));
        self::assertSame(Code::NotFound, $error->getGrpcCode());
        self::assertSame('acme.user.v1.USER_ERROR_NOT_FOUND', $error->getReason());
        self::assertSame('', $error->getDomain());
        self::assertSame('user u-404 not found', $error->getMessage());
        self::assertSame(['request_id' => 'r-1', 'user_id' => 'u-404'], $error->getMetadata());
        self::assertSame('de', $error->getLocalized()?->locale);
        self::assertSame('Benutzer u-404 nicht gefunden', $error->getLocalized()?->message);
        self::assertTrue(UserErrorErrors::isNotFound($error));
        self::assertFalse(UserErrorErrors::isEmailTaken($error));
        self::assertSame(UserErrorErrors::definitions()[0], $error->getDefinition());
        self::assertSame('用户 u-404 不存在', $error->localizedMessage('zh'));
    }

    public function testRoundTripKeepsIdentity(): void
    {
        $errors = [
            PaymentErrorErrors::cardDeclined('4242'),
            PaymentErrorErrors::providerUnavailable(),
            GrpcError::create(Code::Aborted, 'INVENTORY_LOCKED', 'Bestellung für Zoë: 100%', 'inventory.acme.example', [
                'sku' => 'sku-1',
                '7' => 'numeric key',
            ]),
            GrpcError::create(Code::Unavailable, '', 'try again later'),
        ];
        foreach ($errors as $sent) {
            $received = GrpcErrors::fromTrailers($sent->toTrailers());
            self::assertSame($sent->getGrpcCode(), $received->getGrpcCode());
            self::assertSame($sent->getReason(), $received->getReason());
            self::assertSame($sent->getDomain(), $received->getDomain());
            self::assertSame($sent->getMessage(), $received->getMessage());
            self::assertSame($sent->getMetadata(), $received->getMetadata());
            self::assertSame($sent->getReason() !== '', $received->is($sent));
            self::assertSame($sent->toDetailsBin(), $received->toDetailsBin());
        }
    }

    public function testAnErrorWithoutReasonIsSentWithoutErrorInfo(): void
    {
        $status = new Status();
        $status->mergeFromString(GrpcError::create(Code::Unavailable, '', 'later')->toDetailsBin());
        self::assertSame(14, $status->getCode());
        self::assertSame('later', $status->getMessage());
        self::assertCount(0, $status->getDetails());
    }

    public function testTheRegistryDecidesTheCodeOfARegisteredReason(): void
    {
        UserErrorErrors::definitions();
        $details = self::status(9, 'wire', [self::errorInfo('acme.user.v1.USER_ERROR_EMAIL_TAKEN')]);
        $error = GrpcErrors::fromStatus(9, 'wire', $details);
        self::assertSame(Code::AlreadyExists, $error->getGrpcCode());
        self::assertSame('wire', $error->getMessage());
        // The same reason in another domain is another error: the wire code stays.
        $other = GrpcErrors::fromStatus(9, 'wire', self::status(9, 'wire', [
            self::errorInfo('acme.user.v1.USER_ERROR_EMAIL_TAKEN', 'elsewhere'),
        ]));
        self::assertSame(Code::FailedPrecondition, $other->getGrpcCode());
        self::assertFalse(UserErrorErrors::isEmailTaken($other));
        self::assertNull($other->getDefinition());
    }

    public function testAStatusWithoutErrorInfoHasNoReason(): void
    {
        foreach (['', self::status(14, 'later', [])] as $details) {
            $error = GrpcErrors::fromStatus(14, 'later', $details);
            self::assertSame(Code::Unavailable, $error->getGrpcCode());
            self::assertSame('', $error->getReason());
            self::assertSame('later', $error->getMessage());
            self::assertSame([], $error->getMetadata());
        }
    }

    public function testUndecodableDetailsAreSkippedAndTheNextOneRead(): void
    {
        $details = self::status(5, 'm', [
            (new Any())->setTypeUrl('type.googleapis.com/google.rpc.ErrorInfo')->setValue("\x0a\xff\x01garbage"),
            (new Any())->setTypeUrl('type.googleapis.com/google.rpc.LocalizedMessage')->setValue("\x12"),
            self::errorInfo('SECOND', 'd'),
            (new Any())->setTypeUrl('example.com/x/google.rpc.LocalizedMessage')->setValue(
                (new LocalizedMessage())->setLocale('fr')->setMessage('deuxième')->serializeToString(),
            ),
            self::errorInfo('THIRD', 'd'),
        ]);
        $error = GrpcErrors::fromStatus(5, 'm', $details);
        self::assertSame(Code::NotFound, $error->getGrpcCode());
        self::assertSame('SECOND', $error->getReason());
        self::assertSame('fr', $error->getLocalized()?->locale);
    }

    public function testDetailTypesAreMatchedByTheNameAfterTheLastSlash(): void
    {
        $info = self::errorInfo('BY_NAME', 'd')->setTypeUrl('google.rpc.ErrorInfo');
        self::assertSame('BY_NAME', GrpcErrors::fromStatus(3, 'm', self::status(3, 'm', [$info]))->getReason());
        $info->setTypeUrl('https://types.example/a/b/google.rpc.ErrorInfo');
        self::assertSame('BY_NAME', GrpcErrors::fromStatus(3, 'm', self::status(3, 'm', [$info]))->getReason());
        $info->setTypeUrl('type.googleapis.com/google.rpc.ErrorInfoX');
        self::assertSame('', GrpcErrors::fromStatus(3, 'm', self::status(3, 'm', [$info]))->getReason());
    }

    public function testMalformedDetailsKeepTheWireCodeAndMessage(): void
    {
        $valid = self::status(5, 'm', [self::errorInfo('R', 'd')]);
        $hostile = [
            "\xff",
            "\x0a",
            "\x1a\xff\xff\xff\xff\x0f",
            "\x1a\x05\x0a\x03abc",
            substr($valid, 0, -3),
            str_repeat("\x1a\x00", 1000),
            "\x08\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01",
            "\x0b\x0c",
        ];
        mt_srand(20261201);
        for ($i = 0; $i < 300; $i++) {
            $bytes = $valid;
            for ($flips = mt_rand(1, 4); $flips > 0; $flips--) {
                $bytes[mt_rand(0, strlen($bytes) - 1)] = chr(mt_rand(0, 255));
            }
            $hostile[] = $bytes;
            $hostile[] = random_bytes(mt_rand(1, 64));
        }
        foreach ($hostile as $bytes) {
            $error = GrpcErrors::fromStatus(5, 'wire message', $bytes);
            self::assertSame(Code::NotFound, $error->getGrpcCode(), bin2hex($bytes));
            self::assertSame('wire message', $error->getMessage());
        }
    }

    public function testFromTrailers(): void
    {
        $details = self::status(10, 'x', [self::errorInfo('LOCKED', 'inventory.example')]);
        $error = GrpcErrors::fromTrailers([
            'Grpc-Status' => ['10'],
            'grpc-message' => 'Bestellung f%C3%BCr Zo%C3%AB: 100%25 gesperrt',
            'grpc-status-details-bin' => rtrim(base64_encode($details), '='),
        ]);
        self::assertSame(Code::Aborted, $error->getGrpcCode());
        self::assertSame('Bestellung für Zoë: 100% gesperrt', $error->getMessage());
        self::assertSame('LOCKED', $error->getReason());
        self::assertSame('inventory.example', $error->getDomain());
        // Padded base64 works too; unreadable base64 only loses the details.
        self::assertSame('LOCKED', GrpcErrors::fromTrailers([
            'grpc-status' => '10',
            'grpc-status-details-bin' => base64_encode($details),
        ])->getReason());
        $unreadable = GrpcErrors::fromTrailers(['grpc-status' => '10', 'grpc-status-details-bin' => '!!!']);
        self::assertSame(Code::Aborted, $unreadable->getGrpcCode());
        self::assertSame('', $unreadable->getReason());
        self::assertSame(Code::Unknown, GrpcErrors::fromTrailers([])->getGrpcCode());
        self::assertSame(Code::Unknown, GrpcErrors::fromTrailers(['grpc-status' => 'five'])->getGrpcCode());
        self::assertSame(Code::Unknown, GrpcErrors::fromTrailers(['grpc-status' => '99'])->getGrpcCode());
    }

    public function testRegistryListsDefinitionsAndDuplicates(): void
    {
        UserErrorErrors::definitions();
        PaymentErrorErrors::definitions();
        $reasons = array_map(static fn ($definition) => $definition->reason, Registry::all());
        self::assertContains('acme.user.v1.USER_ERROR_NOT_FOUND', $reasons);
        self::assertContains('acme.order.v1.Payment.ERROR_CARD_DECLINED', $reasons);
        $sorted = $reasons;
        sort($sorted, SORT_STRING);
        self::assertSame($sorted, $reasons);
        self::assertSame([], Registry::duplicates());
        // Registering the same definitions again changes nothing.
        Registry::register(...UserErrorErrors::definitions());
        self::assertSame([], Registry::duplicates());
    }

    private static function errorInfo(string $reason, string $domain = ''): Any
    {
        return (new Any())
            ->setTypeUrl('type.googleapis.com/google.rpc.ErrorInfo')
            ->setValue((new ErrorInfo())->setReason($reason)->setDomain($domain)->serializeToString());
    }

    /**
     * @param list<Any> $details
     */
    private static function status(int $code, string $message, array $details): string
    {
        return (new Status())->setCode($code)->setMessage($message)->setDetails($details)->serializeToString();
    }
}
