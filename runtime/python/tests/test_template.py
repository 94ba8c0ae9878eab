"""Message template rendering, as runtime/rust/grpc-errors/src/template.rs."""

import pytest

from protosmith_grpc_errors import render

VALUES = {"user_id": "42", "n": "3"}


@pytest.mark.parametrize(
    ("template", "want"),
    [
        ("password for {user_id} does not match", "password for 42 does not match"),
        ("{{literal}} {n}/{n}", "{literal} 3/3"),
        ("missing {other} stays", "missing {other} stays"),
        ("unbalanced { and } survive", "unbalanced { and } survive"),
        ("密码 {user_id} 不匹配", "密码 42 不匹配"),
        ("{n}}}", "3}"),
        ("{n", "{n"),
        ("}{n}{", "}3{"),
        ("{a{n}", "{a{n}"),
        ("", ""),
    ],
)
def test_fills_placeholders_and_keeps_escapes(template: str, want: str) -> None:
    assert render(template, VALUES) == want


def test_values_are_not_templates() -> None:
    assert render("{a}", {"a": "{n}", "n": "no"}) == "{n}"
