"""Tooltips that show their text letter for letter.

Qt shows a tooltip that looks like HTML (Qt.mightBeRichText: it starts with a tag) as
HTML: a peer's "<b>hi</b>" came out bold, and "<script>…</script>" as nothing at all. What
the app puts in a tooltip is often what came off the network or was typed (bytes, an
address, a process's name, a kept message), so each such tooltip goes through
plain_tooltip(), which makes what Qt would take for HTML into HTML that shows the text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip must be given to show it as it is (unchanged unless Qt would
    take it for HTML)."""
    if not GuiQt.mightBeRichText(text):
        return text
    # Spaces kept (a hex dump's columns), lines kept; wrapped like any rich tooltip.
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpacePre)
