"""Qt's translation function, for every string the app shows a person.

    translate("Context", "Text with {a} placeholder").format(a=...)

`Context` is the module's or class's name. Strings in a table at module level are
marked with QT_TRANSLATE_NOOP("Context", "...") where they are defined, and passed to
translate() with the same context where they are shown. pyside6-lupdate finds both.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from netcore.i18n import install_translator

translate = QCoreApplication.translate
# netcore's sentences (the log's details, errors) go through Qt's translations too. A
# language chosen later installs again, which clears netcore's cache.
install_translator(QCoreApplication.translate)

__all__ = ["QT_TRANSLATE_NOOP", "translate"]
