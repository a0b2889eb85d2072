"""Tooltips that show their text letter for letter.

Qt shows a tooltip that looks like HTML (Qt.mightBeRichText: it starts with a tag) as
HTML: a peer's "<b>hi</b>" came out bold, and "<script>…</script>" as nothing at all. What
the app puts in a tooltip is often what came off the network or was typed (bytes, an
address, a process's name, a kept message), so each such tooltip goes through
plain_tooltip(), which makes what Qt would take for HTML into HTML that shows the text.
A message box's text is guessed the same way, and can go through it too.
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt as GuiQt


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip must be given to show it as it is (unchanged unless Qt would
    take it for HTML)."""
    if not GuiQt.mightBeRichText(text):
        return text
    # Spaces and lines kept (a hex dump's columns), and wrapped as any tooltip is: with
    # every space made unbreakable, a long line ran off the screen.
    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    return "".join(('<p style="white-space:pre-wrap">', escaped, "</p>"))  # (markup, no words)
