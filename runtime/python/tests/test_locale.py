"""The accept-language rules of runtime/rust/grpc-errors/src/locale.rs, ported test by test."""

import pytest

from protosmith_grpc_errors import negotiate

KEYS = ("cn", "de", "zh-TW", "pt_BR")


def pick(header: str) -> str | None:
    return negotiate(header, KEYS)


@pytest.mark.parametrize(
    ("header", "want"),
    [("zh-TW", "zh-TW"), ("ZH_tw", "zh-TW"), ("pt-BR", "pt_BR"), ("cn", "cn")],
)
def test_exact_tags_win_over_their_language(header: str, want: str) -> None:
    assert pick(header) == want


@pytest.mark.parametrize(("header", "want"), [("de-CH", "de"), ("zh", "zh-TW"), ("pt-PT", "pt_BR")])
def test_regional_tags_fall_back_to_their_language_and_back(header: str, want: str) -> None:
    assert pick(header) == want


@pytest.mark.parametrize(
    ("header", "want"),
    [
        ("fr, de;q=0.5, zh-TW;q=0.9", "zh-TW"),
        ("de;q=0.5, cn;q=0.5", "de"),
        ("de;q=0, cn;q=0.001", "cn"),
        ("de;q=1.0", "de"),
        ("de;Q=0.5, cn;q=0.4", "de"),
        (" de-at ;q=0.7 , zh ; q=0.8", "zh-TW"),
    ],
)
def test_qualities_order_the_choices(header: str, want: str) -> None:
    assert pick(header) == want


@pytest.mark.parametrize(
    "header",
    [
        "",
        "*",
        "fr, en-GB",
        "de;q=0",
        "de;q=2",
        "de;q=0.1234",
        "de;q",
        ",,;,",
        "de;q=.5",
        "de;q=1.001",
        "de;q=0,5",
        "de;q=\u0660.5",  # an Arabic-Indic zero is not a digit here
    ],
)
def test_nothing_suitable_gives_none(header: str) -> None:
    assert pick(header) is None


def test_no_translations_gives_none() -> None:
    assert negotiate("de", []) is None


def test_the_first_key_wins_among_equal_matches() -> None:
    assert negotiate("zh", ["zh-TW", "zh-CN"]) == "zh-TW"
    assert negotiate("zh-CN", ["zh-TW", "zh-CN"]) == "zh-CN"
