"""Marking an input field that cannot be used: a red outline, the reason as its tooltip.

A field is marked with the dynamic property `refused`; REFUSED_FIELD_STYLE, set on a
container, outlines every marked field inside it. The field's own tooltip comes back
when the mark is cleared.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.plain_tooltip import plain_tooltip

# A style sheet, never shown as text (written without spaces).
REFUSED_FIELD_STYLE = '*[refused="true"]{border-width:2px;border-style:solid;border-color:#b00020}'
_NORMAL_TIP = "normalToolTip"


def mark_refused(field: QWidget, sentence: str) -> None:
    """Outline the field and put the reason on it (tooltip and accessible description)."""
    if not field.property("refused"):
        field.setProperty(_NORMAL_TIP, field.toolTip())
    field.setProperty("refused", True)
    field.setToolTip(plain_tooltip(sentence))
    field.setAccessibleDescription(sentence)
    _restyle(field)


def clear_refused(field: QWidget) -> None:
    """Take the mark off, giving the field its own tooltip back."""
    if not field.property("refused"):
        return
    field.setProperty("refused", False)
    field.setToolTip(str(field.property(_NORMAL_TIP) or ""))
    field.setAccessibleDescription("")
    _restyle(field)


def is_refused(field: QWidget) -> bool:
    return bool(field.property("refused"))


def _restyle(field: QWidget) -> None:
    # A style sheet's [property] rule is applied again only when the widget is re-polished.
    field.style().unpolish(field)
    field.style().polish(field)
