"""Message templates: ``password for {user_id} does not match``.

``{name}`` is replaced by the value of ``name``; ``{{`` and ``}}`` are literal
braces. protoc-gen-errors validates templates when it generates code, so at
run time a placeholder without a value is left as written, and so is a lone
brace.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["render"]


def render(template: str, values: Mapping[str, str]) -> str:
    """Renders ``template``, taking placeholder values from ``values``."""
    out: list[str] = []
    at = 0
    while True:
        brace = _next_brace(template, at)
        if brace < 0:
            break
        out.append(template[at:brace])
        tail = template[brace : brace + 2]
        if tail in ("{{", "}}"):
            out.append(tail[0])
            at = brace + 2
            continue
        end = template.find("}", brace) if tail.startswith("{") else -1
        if end < 0:
            out.append(template[brace])
            at = brace + 1
            continue
        placeholder = template[brace : end + 1]
        out.append(values.get(placeholder[1:-1], placeholder))
        at = end + 1
    out.append(template[at:])
    return "".join(out)


def _next_brace(text: str, start: int) -> int:
    found = [index for index in (text.find("{", start), text.find("}", start)) if index >= 0]
    return min(found, default=-1)
