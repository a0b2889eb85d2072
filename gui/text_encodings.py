"""The text encodings a person can choose, for what a window sends and what a log shows.

UTF-8 is the web's and the default. GB18030 is China's national standard, a superset of
GBK and GB2312, which Chinese devices and programs often speak (many network debugging
assistants send GBK by default). Latin-1 gives every byte one character, for peers that
speak a Western single-byte code.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from gui.i18n import QT_TRANSLATE_NOOP, translate
from netcore.text import UTF_8

ENCODING_LABELS: dict[str, str] = {
    UTF_8: QT_TRANSLATE_NOOP("text_encodings", "UTF-8"),
    "gb18030": QT_TRANSLATE_NOOP("text_encodings", "GB18030 (GBK)"),
    "latin-1": QT_TRANSLATE_NOOP("text_encodings", "Latin-1"),
}


def encoding_combo(object_name: str, tip: str, parent: QWidget) -> QComboBox:
    """A combo of ENCODING_LABELS, UTF-8 chosen; its item data is the codec's name."""
    combo = QComboBox(parent)
    combo.setObjectName(object_name)
    combo.setToolTip(tip)
    combo.setAccessibleName(translate("text_encodings", "Text encoding"))
    for encoding, label in ENCODING_LABELS.items():
        combo.addItem(translate("text_encodings", label), encoding)
    return combo


def encode_text(text: str, encoding: str) -> bytes:
    """The bytes of `text` in `encoding`; ValueError with a sentence naming the first
    character that encoding cannot write."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise ValueError(translate(
            "text_encodings", "“{char}” cannot be written in {encoding}: choose UTF-8 or "
                              "GB18030, or send it as hex.").format(
            char=text[exc.start], encoding=translate("text_encodings",
                                                     ENCODING_LABELS[encoding]))) from None
