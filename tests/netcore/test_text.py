"""Bytes from the network shown as harmless text, hex typed by a person, event clock times."""

from __future__ import annotations

import re
import time
from datetime import datetime

import pytest

from netcore.text import clock_time, escape_bytes, hex_bytes, parse_hex


def test_markup_is_shown_literally_not_interpreted():
    assert escape_bytes(b"<b>hi</b> &amp;") == "<b>hi</b> &amp;"


@pytest.mark.parametrize(("data", "shown"), [
    (b"a\x00b", "a\\x00b"),
    (b"\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
    (b"ok\xff", "ok\\xff"),
    (b"\x7f\x07", "\\x7f\\x07"),
    (b"line 1\r\nline 2\tend", "line 1\\r\\nline 2\\tend"),
    ("\u0085".encode(), "\\x85"),  # a C1 control character, valid UTF-8, still escaped
], ids=["nul", "ansi-escape", "invalid-utf8", "del-bell", "line-breaks-tab", "c1-control"])
def test_control_characters_and_stray_bytes_become_visible_escapes(data, shown):
    text = escape_bytes(data)
    assert text == shown
    assert all(ord(char) >= 0x20 and ord(char) != 0x7F for char in text)


def test_chinese_and_other_utf8_text_is_kept():
    assert escape_bytes("你好，世界 café ✓".encode()) == "你好，世界 café ✓"


def test_a_cut_multibyte_character_shows_its_bytes():
    assert escape_bytes("你".encode()[:2]) == "\\xe4\\xbd"


def test_a_literal_backslash_is_told_apart_from_an_escape():
    assert escape_bytes(b"a\\b") == "a\\\\b"
    assert escape_bytes(b"\\x00") != escape_bytes(b"\x00")
    assert escape_bytes(b"\\n") != escape_bytes(b"\n")


def test_limit_cuts_the_shown_bytes():
    assert escape_bytes(b"abcdef", limit=3) == "abc"
    assert hex_bytes(b"abcdef", limit=2) == "61 62"


def test_hex_bytes_spaces_each_byte():
    assert hex_bytes(b"hello\x00") == "68 65 6c 6c 6f 00"


@pytest.mark.parametrize("typed", ["48 69", "0x48,0x69", "4869", "48:69", "0X48 0x69\n", "48-69"])
def test_parse_hex_accepts_common_ways_of_typing_bytes(typed):
    assert parse_hex(typed) == b"Hi"


def test_parse_hex_of_nothing_is_no_bytes():
    assert parse_hex("  ") == b""


def test_parse_hex_names_the_wrong_character():
    with pytest.raises(ValueError) as caught:
        parse_hex("4g")
    assert str(caught.value) == '"g" is not a hex digit (use 0-9 and a-f, e.g. 48 69).'


def test_parse_hex_says_a_digit_is_missing():
    with pytest.raises(ValueError) as caught:
        parse_hex("486")
    assert str(caught.value).startswith("Hex needs two digits per byte")


def test_clock_time_shows_the_wall_clock_to_the_millisecond():
    before = datetime.now().strftime("%H:%M:%S")
    shown = clock_time(time.monotonic())
    after = datetime.now().strftime("%H:%M:%S")
    assert re.fullmatch(r"\d\d:\d\d:\d\d\.\d{3}", shown)
    assert shown[:8] in (before, after)


def test_layout_controls_cannot_rearrange_a_log_line() -> None:
    # A right-to-left override would show "evil\u202etxt.exe" as "evilexe.txt".
    assert escape_bytes("evil\u202etxt.exe".encode()) == "evil\\u202etxt.exe"
    assert escape_bytes("one\u2028two\u2029three".encode()) == "one\\u2028two\\u2029three"
    assert escape_bytes("\u2067x\u2069".encode()) == "\\u2067x\\u2069"


def test_data_is_read_in_the_encoding_chosen() -> None:
    chinese = "你好，世界".encode("gb18030")
    assert escape_bytes(chinese, encoding="gb18030") == "你好，世界"
    assert "\\x" in escape_bytes(chinese)  # not UTF-8: escaped, never mis-shown as text
    assert escape_bytes("café\n".encode("latin-1"), encoding="latin-1") == "café\\n"
    # A character cut in two by a recv() boundary: its first byte is escaped.
    assert escape_bytes("你好".encode("gb18030")[:3], encoding="gb18030") == "你\\xba"
    assert escape_bytes(b"\x85", encoding="latin-1") == "\\x85"  # a C1 control byte
