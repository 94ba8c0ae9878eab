<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors\Tests;

use PHPUnit\Framework\TestCase;
use Protosmith\GrpcErrors\Template;

/**
 * The tests of runtime/rust/grpc-errors/src/template.rs, ported, and a few more.
 */
final class TemplateTest extends TestCase
{
    public function testFillsPlaceholdersAndKeepsEscapes(): void
    {
        $values = ['user_id' => '42', 'n' => '3'];
        self::assertSame(
            'password for 42 does not match',
            Template::render('password for {user_id} does not match', $values),
        );
        self::assertSame('{literal} 3/3', Template::render('{{literal}} {n}/{n}', $values));
        self::assertSame('missing {other} stays', Template::render('missing {other} stays', $values));
        self::assertSame('unbalanced { and } survive', Template::render('unbalanced { and } survive', $values));
        self::assertSame('密码 42 不匹配', Template::render('密码 {user_id} 不匹配', $values));
    }

    public function testEdgeCases(): void
    {
        self::assertSame('', Template::render('', []));
        self::assertSame('{', Template::render('{', []));
        self::assertSame('}x', Template::render('}x', []));
        self::assertSame('{a{b}', Template::render('{a{b}', ['b' => 'no']));
        self::assertSame('v}', Template::render('{a}}', ['a' => 'v']));
        self::assertSame('{}', Template::render('{}', []));
        self::assertSame('empty', Template::render('{}', ['' => 'empty']));
        // A value is inserted as is, never rendered again.
        self::assertSame('{n}', Template::render('{a}', ['a' => '{n}', 'n' => 'x']));
    }
}
