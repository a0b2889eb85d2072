"""netcore's translate(): English without a window, the installed translator's with one."""

from __future__ import annotations

from netcore import i18n


def test_english_until_a_translator_is_installed_then_its_words() -> None:
    window_translator = i18n._translator  # Qt's, if a window test ran before
    i18n.install_translator(None)
    assert i18n.translate("errors", "Connection refused") == "Connection refused"
    calls: list[tuple[str, str]] = []

    def pretend(context: str, text: str) -> str:
        calls.append((context, text))
        return "连接被拒绝" if text == "Connection refused" else text

    try:
        i18n.install_translator(pretend)
        assert i18n.translate("errors", "Connection refused") == "连接被拒绝"
        assert i18n.translate("errors", "Connection refused") == "连接被拒绝"
        assert calls == [("errors", "Connection refused")], "looked up once, then kept"
        i18n.install_translator(None)
        assert i18n.translate("errors", "Connection refused") == "Connection refused"
    finally:
        i18n.install_translator(window_translator)
