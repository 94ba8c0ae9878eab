<?php

declare(strict_types=1);

namespace Protosmith\GrpcErrors;

/**
 * Message templates: `password for {user_id} does not match`.
 *
 * `{name}` is replaced by the value `name`; `{{` and `}}` are literal braces.
 * protoc-gen-errors validates templates when it generates code, so at run
 * time a placeholder without a value is simply left as written.
 */
final class Template
{
    private function __construct()
    {
    }

    /**
     * Renders $template, taking placeholder values from $values.
     *
     * @param array<string, string> $values
     */
    public static function render(string $template, array $values): string
    {
        $out = '';
        $rest = $template;
        while (($at = strcspn($rest, '{}')) < strlen($rest)) {
            $out .= substr($rest, 0, $at);
            $tail = substr($rest, $at);
            $end = strpos($tail, '}');
            if (str_starts_with($tail, '{{') || str_starts_with($tail, '}}')) {
                $out .= $tail[0];
                $rest = substr($tail, 2);
            } elseif ($tail[0] === '{' && $end !== false) {
                $name = substr($tail, 1, $end - 1);
                $out .= array_key_exists($name, $values) ? $values[$name] : substr($tail, 0, $end + 1);
                $rest = substr($tail, $end + 1);
            } else {
                $out .= $tail[0];
                $rest = substr($tail, 1);
            }
        }
        return $out . $rest;
    }
}
