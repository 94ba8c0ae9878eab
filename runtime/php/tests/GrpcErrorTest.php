<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors\Tests;

use Acme\Order\V1\OrderErrorErrors;
use Acme\User\V1\UserErrorErrors;
use PHPUnit\Framework\TestCase;
use Protosmith\GrpcErrors\Code;
use Protosmith\GrpcErrors\GrpcError;
use Protosmith\GrpcErrors\GrpcErrors;

final class GrpcErrorTest extends TestCase
{
    public function testIsComparesReasonAndDomainOnly(): void
    {
        $error = GrpcError::create(Code::Aborted, 'LOCKED', 'locked', 'inventory.example');
        $same = GrpcError::create(Code::Internal, 'LOCKED', 'other message', 'inventory.example', ['k' => 'v']);
        self::assertTrue($error->is($same));
        self::assertTrue($same->is($error));
        self::assertFalse($error->is(GrpcError::create(Code::Aborted, 'LOCKED', 'locked', 'other.example')));
        self::assertFalse($error->is(GrpcError::create(Code::Aborted, 'LOCKED', 'locked')));
        self::assertFalse($error->is(GrpcError::create(Code::Aborted, 'OTHER', 'locked', 'inventory.example')));
    }

    public function testAnErrorWithoutReasonMatchesNothing(): void
    {
        $none = GrpcError::create(Code::Unavailable, '', 'try again later');
        self::assertFalse($none->is($none));
        self::assertFalse($none->is(GrpcError::create(Code::Unavailable, '', 'try again later')));
        self::assertFalse(GrpcError::create(Code::Unavailable, 'R', 'x')->is($none));
        self::assertFalse(UserErrorErrors::isNotFound($none));
    }

    public function testWithersReturnNewValuesAndLeaveTheOriginal(): void
    {
        $original = UserErrorErrors::notFound('u-1');
        $cause = new \LogicException('disk on fire');
        $changed = $original->withMessage('changed')->withMetadata('request_id', 'r-1')->withCause($cause);
        self::assertNotSame($original, $changed);
        self::assertSame('user u-1 not found', $original->getMessage());
        self::assertSame(['user_id' => 'u-1'], $original->getMetadata());
        self::assertNull($original->getPrevious());
        self::assertSame('changed', $changed->getMessage());
        self::assertSame(['request_id' => 'r-1', 'user_id' => 'u-1'], $changed->getMetadata());
        self::assertSame($cause, $changed->getPrevious());
        self::assertTrue($changed->is($original));
        // The definition is untouched by everything above.
        self::assertSame('user {user_id} not found', UserErrorErrors::definitions()[0]->message);
        self::assertSame('user {user_id} not found', $original->getDefinition()?->message);
    }

    public function testMetadataIsSortedAndAKeyIsReplaced(): void
    {
        $error = GrpcError::create(Code::Internal, 'R', 'm', '', ['b' => '2', 'a' => '1'])
            ->withMetadata('c', '3')
            ->withMetadata('a', 'again');
        self::assertSame(['a' => 'again', 'b' => '2', 'c' => '3'], $error->getMetadata());
    }

    public function testExceptionContract(): void
    {
        $error = OrderErrorErrors::outOfStock(2, 'sku-9');
        self::assertInstanceOf(\RuntimeException::class, $error);
        self::assertSame(8, $error->getCode());
        self::assertSame(Code::ResourceExhausted, $error->getGrpcCode());
        self::assertSame(429, $error->getHttpStatus());
        self::assertSame('only 2 of sku-9 left', $error->getMessage());
        self::assertSame(['available' => '2', 'sku' => 'sku-9'], $error->getMetadata());
        try {
            throw $error;
        } catch (GrpcError $caught) {
            self::assertTrue(OrderErrorErrors::isOutOfStock($caught));
        }
    }

    public function testIsXxxFindsAGrpcErrorWrappedInAnotherException(): void
    {
        $wrapped = new \RuntimeException('while placing the order', 0, OrderErrorErrors::alreadyPaid('o-2'));
        self::assertTrue(OrderErrorErrors::isAlreadyPaid($wrapped));
        self::assertFalse(OrderErrorErrors::isNotFound($wrapped));
        self::assertFalse(OrderErrorErrors::isNotFound(new \RuntimeException('plain')));
        self::assertSame('o-2', GrpcErrors::fromThrowable($wrapped)->getMetadata()['order_id']);
        $plain = GrpcErrors::fromThrowable(new \LogicException('boom'));
        self::assertSame(Code::Unknown, $plain->getGrpcCode());
        self::assertSame('', $plain->getReason());
        self::assertSame('boom', $plain->getMessage());
        self::assertInstanceOf(\LogicException::class, $plain->getPrevious());
    }

    public function testLocaleChoosesATranslationAndKeepsTheMessage(): void
    {
        $error = UserErrorErrors::notFound('u-404');
        self::assertNull($error->getLocalized());
        $german = $error->withLocale('de-AT, en;q=0.5');
        self::assertSame('user u-404 not found', $german->getMessage());
        self::assertSame('de', $german->getLocalized()?->locale);
        self::assertSame('Benutzer u-404 nicht gefunden', $german->getLocalized()?->message);
        self::assertSame('用户 u-404 不存在', $error->withLocale('zh-TW')->getLocalized()?->message);
        // No suitable translation: the same error.
        self::assertSame($error, $error->withLocale('fr'));
        self::assertSame('用户 u-404 不存在', $error->localizedMessage('zh'));
        self::assertNull($error->localizedMessage('zh-TW'));
        // Rendered when asked for, so metadata added afterwards fills it too.
        $late = UserErrorErrors::definitions()[0]->toError()->withLocale('de')->withArgs(['user_id' => 'late']);
        self::assertSame('Benutzer late nicht gefunden', $late->getLocalized()?->message);
    }

    public function testHandMadeErrorsCarryAGivenTranslation(): void
    {
        $error = GrpcError::create(Code::Aborted, 'LOCKED', 'locked')->withLocalizedMessage('fr', 'verrouillé');
        self::assertSame('fr', $error->getLocalized()?->locale);
        self::assertSame('verrouillé', $error->getLocalized()?->message);
        self::assertSame($error, $error->withLocale('fr'), 'no definition, nothing to choose from');
    }

    public function testWithArgsRendersTheDefinitionTemplateEvenAfterWithMessage(): void
    {
        $error = OrderErrorErrors::definitions()[1]->toError()->withMessage('x')->withArgs(['available' => 1]);
        self::assertSame('only 1 of {sku} left', $error->getMessage());
        $hand = GrpcError::create(Code::Internal, 'R', 'hello {name}')->withArgs(['name' => 'Zoë']);
        self::assertSame('hello Zoë', $hand->getMessage());
    }

    public function testToTrailers(): void
    {
        $trailers = GrpcError::create(Code::Aborted, 'R', "100% gesperrt\nZoë")->toTrailers();
        self::assertSame('10', $trailers['grpc-status']);
        self::assertSame('100%25 gesperrt%0AZo%C3%AB', $trailers['grpc-message']);
        self::assertStringNotContainsString('=', $trailers['grpc-status-details-bin']);
        $back = GrpcErrors::fromTrailers($trailers);
        self::assertSame("100% gesperrt\nZoë", $back->getMessage());
        self::assertSame('R', $back->getReason());
        self::assertSame(Code::Aborted, $back->getGrpcCode());
    }
}
