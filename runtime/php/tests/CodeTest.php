<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors\Tests;

use PHPUnit\Framework\TestCase;
use Protosmith\GrpcErrors\Code;

final class CodeTest extends TestCase
{
    /**
     * README.md, "Canonical code → HTTP status".
     */
    public function testHttpStatusesFollowGoogleRpcCode(): void
    {
        $table = [
            'OK' => 200, 'CANCELLED' => 499, 'UNKNOWN' => 500, 'INVALID_ARGUMENT' => 400,
            'DEADLINE_EXCEEDED' => 504, 'NOT_FOUND' => 404, 'ALREADY_EXISTS' => 409,
            'PERMISSION_DENIED' => 403, 'RESOURCE_EXHAUSTED' => 429, 'FAILED_PRECONDITION' => 400,
            'ABORTED' => 409, 'OUT_OF_RANGE' => 400, 'UNIMPLEMENTED' => 501, 'INTERNAL' => 500,
            'UNAVAILABLE' => 503, 'DATA_LOSS' => 500, 'UNAUTHENTICATED' => 401,
        ];
        $number = 0;
        foreach ($table as $name => $http) {
            $code = Code::fromInt($number);
            self::assertSame($name, $code->protoName());
            self::assertSame($code, Code::fromName($name));
            self::assertSame($http, $code->httpStatus(), $name);
            $number++;
        }
        self::assertCount(17, Code::cases());
    }

    public function testNumbersOutsideTheCanonicalRangeAreUnknown(): void
    {
        self::assertSame(Code::Unknown, Code::fromInt(17));
        self::assertSame(Code::Unknown, Code::fromInt(-1));
        self::assertSame(Code::Unknown, Code::fromInt(PHP_INT_MAX));
        self::assertNull(Code::fromName('NOT_FOUNDD'));
    }
}
