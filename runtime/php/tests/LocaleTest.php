<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors\Tests;

use PHPUnit\Framework\TestCase;
use Protosmith\GrpcErrors\Locale;

/**
 * The tests of runtime/rust/grpc-errors/src/locale.rs, ported one for one.
 */
final class LocaleTest extends TestCase
{
    private const KEYS = ['cn', 'de', 'zh-TW', 'pt_BR'];

    private static function pick(string $header): ?string
    {
        return Locale::negotiate($header, self::KEYS);
    }

    public function testExactTagsWinOverTheirLanguage(): void
    {
        self::assertSame('zh-TW', self::pick('zh-TW'));
        self::assertSame('zh-TW', self::pick('ZH_tw'));
        self::assertSame('pt_BR', self::pick('pt-BR'));
        self::assertSame('cn', self::pick('cn'));
    }

    public function testRegionalTagsFallBackToTheirLanguageAndBack(): void
    {
        self::assertSame('de', self::pick('de-CH'));
        self::assertSame('zh-TW', self::pick('zh'));
        self::assertSame('pt_BR', self::pick('pt-PT'));
    }

    public function testQualitiesOrderTheChoices(): void
    {
        self::assertSame('zh-TW', self::pick('fr, de;q=0.5, zh-TW;q=0.9'));
        self::assertSame('de', self::pick('de;q=0.5, cn;q=0.5'));
        self::assertSame('cn', self::pick('de;q=0, cn;q=0.001'));
        self::assertSame('de', self::pick('de;q=1.0'));
    }

    public function testNothingSuitableGivesNull(): void
    {
        self::assertNull(self::pick(''));
        self::assertNull(self::pick('*'));
        self::assertNull(self::pick('fr, en-GB'));
        self::assertNull(self::pick('de;q=0'));
        self::assertNull(self::pick('de;q=2'));
        self::assertNull(self::pick('de;q=0.1234'));
        self::assertNull(self::pick('de;q'));
        self::assertNull(self::pick(',,;,'));
        self::assertNull(Locale::negotiate('de', []));
    }

    public function testTheInteropCasesPickTheirTranslation(): void
    {
        self::assertSame('de', Locale::negotiate('de-AT, en;q=0.5', ['de', 'zh']));
        self::assertSame('zh', Locale::negotiate('zh-TW', ['de', 'zh']));
        self::assertNull(Locale::negotiate('fr, de;q=0.8', ['zh']));
    }
}
