"""The app's language: English (the sources') or Simplified Chinese, Qt's own way.

At start the app uses the language chosen in its Language menu (remembered in its
settings), or else the system's: Chinese for any Chinese locale, English otherwise. The
translations are `.qm` files shipped in the package (resources/translations.py makes them);
Qt's own texts (the buttons of its dialogs) come from Qt's translations of itself.
A choice made in the menu applies from the next start: every window sets its texts as it
is built.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.settings import open_settings
from netcore.i18n import Sentence, install_translator
from resources.translations import shipped_sentences

SYSTEM = ""  # follow the system's language
ENGLISH = "en"
CHINESE = "zh_CN"
SETTING = "view/language"
# Each language's name in itself: what a person who reads only that language looks for.
OWN_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}
# In the menu, each with a letter for Alt (the same in every language).
_MENU_TEXTS = {ENGLISH: "&English", CHINESE: "简体中文(&Z)"}
_SYSTEM_TEXT = QT_TRANSLATE_NOOP("language", "&System language")
# The contexts of what a process-per-client child reports itself (netcore/child.py and
# the modules it serves with): it has no Qt to translate them, so it is given them.
CHILD_CONTEXTS = frozenset({"child", "session", "errors", "framing", "text"})

_installed: list[QTranslator] = []  # kept alive: Qt holds only a pointer to each
_speaking = ENGLISH  # the language installed now


def chosen_language() -> str:
    """What the Language menu chose (SYSTEM if nothing, or something unknown)."""
    value = open_settings().value(SETTING)  # anything: a list, if the file says "a, b"
    return value if isinstance(value, str) and value in OWN_NAMES else SYSTEM


def language_to_use(choice: str, system_locale: str | None = None) -> str:
    """The language the app speaks for that choice; the system's for SYSTEM."""
    if choice in OWN_NAMES:
        return choice
    system = QLocale.system().name() if system_locale is None else system_locale
    return CHINESE if system.startswith("zh") else ENGLISH


def install_language(language: str) -> bool:
    """Speak `language` in every text made from now on (English needs nothing); False if
    its translation could not be loaded, and the app stays in English."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    loaded = True
    if language != ENGLISH:
        ours = QTranslator(app)
        qm = resources.files("resources").joinpath(f"tcp_lab_{language}.qm")
        loaded = ours.load(str(qm))
        if loaded:
            app.installTranslator(ours)
            _installed.append(ours)
        qt_own = QTranslator(app)
        if qt_own.load(f"qtbase_{language}",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
    install_translator(QCoreApplication.translate)  # netcore forgets what it looked up
    global _speaking
    _speaking = language if loaded else ENGLISH
    return loaded



def start_in_chosen_language() -> str:
    """At start, before any window is built; returns the language used."""
    install_language(language_to_use(chosen_language()))
    return _speaking


class LanguageMenu(QMenu):
    """Language > System language / English / 简体中文; the choice is remembered and
    applies at the next start."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(translate("language", "&Language"), parent)
        self.setObjectName("languageMenu")
        group = QActionGroup(self)
        chosen = chosen_language()
        self.actions_by_language: dict[str, QAction] = {}
        for language, text in ((SYSTEM, translate("language", _SYSTEM_TEXT)),
                               *_MENU_TEXTS.items()):
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(language == chosen)
            action.triggered.connect(lambda _checked=False, chosen=language: self.choose(chosen))
            group.addAction(action)
            self.addAction(action)
            self.actions_by_language[language] = action

    def show_chosen(self) -> None:
        """Tick what the settings say now (after Reset settings, say)."""
        self.actions_by_language[chosen_language()].setChecked(True)

    def choose(self, language: str) -> None:
        settings = open_settings()
        settings.setValue(SETTING, language)
        settings.sync()
        wanted = language_to_use(language)
        if wanted == _speaking:
            return  # nothing changes: nothing to say
        name = OWN_NAMES[wanted]
        QMessageBox.information(
            self.parentWidget(), translate("language", "Language"),
            translate("language", "TCP Lab will speak {language} from its next start.")
            .format(language=name))


def child_sentences() -> tuple[Sentence, ...]:
    """What a process-per-client child reports, in the language spoken now (empty in
    English): netcore/i18n.py's sentences, given to each child (ServerConfig)."""
    return () if _speaking == ENGLISH else _child_sentences(_speaking)


@cache
def _child_sentences(language: str) -> tuple[Sentence, ...]:
    return shipped_sentences(language, CHILD_CONTEXTS)
