"""Help > What am I looking at? (F1) and Help > About TCP Lab."""

from __future__ import annotations

import html
import platform
from importlib import metadata

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from gui.i18n import QT_TRANSLATE_NOOP, translate

# (heading, text) for each part of the window, in the order a person meets them.
GUIDE: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("help", "The server, at the top"),
     QT_TRANSLATE_NOOP("help", "Choose an address, a port, a model (how the server serves "
                               "several clients at once) and a behaviour (what it does with "
                               "the bytes it gets), then click Start Server. The bold line "
                               "under it says what the server is doing right now, and the "
                               "counters say how much it received and sent.")),
    (QT_TRANSLATE_NOOP("help", "The connections table"),
     QT_TRANSLATE_NOOP("help", "One row per client the server accepted: where it comes "
                               "from, which worker (loop, thread or child process) serves "
                               "it, what that worker is doing, and the bytes in and out. "
                               "Closed connections stay, greyed out.")),
    (QT_TRANSLATE_NOOP("help", "The log"),
     QT_TRANSLATE_NOOP("help", "Every socket call as it happens, in order: socket(), "
                               "bind(), listen(), accept(), recv(), send(), close(), and "
                               "each time a call has to wait. Type in the filter to see "
                               "only some lines; Ctrl+C copies the selected ones.")),
    (QT_TRANSLATE_NOOP("help", "Client windows"),
     QT_TRANSLATE_NOOP("help", "Each is one client program with one connection. Connect "
                               "does socket() and connect() (the three-way handshake); type "
                               "a message and press Enter to send() it. Disconnect closes "
                               "normally (FIN), Half-close stops sending only, Abort "
                               "resets (RST).")),
    (QT_TRANSLATE_NOOP("help", "How the calls flow"),
     QT_TRANSLATE_NOOP("help", "The course notes' diagram of the calls on each side. Each "
                               "marker is a worker on the call it is in now; a hollow marker "
                               "is blocked, waiting. Click a call to read what it does.")),
    (QT_TRANSLATE_NOOP("help", "The conversation"),
     QT_TRANSLATE_NOOP("help", "Time runs down; each client and each server worker has a "
                               "lane. Arrows are the bytes each send() put on the wire. The "
                               "handshake and the closing segments are drawn grey: the "
                               "kernel does them, and the app infers them.")),
    (QT_TRANSLATE_NOOP("help", "What the kernel sees"),
     QT_TRANSLATE_NOOP("help", "The operating system's own view of each of the app's "
                               "sockets: its TCP state (LISTEN, ESTABLISHED, TIME_WAIT, "
                               "...), bytes waiting unread, and connections the kernel "
                               "accepted before the program did.")),
    (QT_TRANSLATE_NOOP("help", "Guided demos"),
     QT_TRANSLATE_NOOP("help", "One click runs a lesson with real sockets and tells, step "
                               "by step, what just happened and why. End demo puts "
                               "everything back.")),
)


class GuideDialog(QDialog):
    """A short tour of the main window's parts, in the app's language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(translate("help", "What am I looking at?"))
        self.text = QTextBrowser(self)
        self.text.setObjectName("guideText")
        self.text.setOpenExternalLinks(False)
        # Built from translated plain sentences, each escaped: a translation is no markup.
        self.text.setHtml("".join(
            f"<h3>{html.escape(translate('help', heading))}</h3>"
            f"<p>{html.escape(translate('help', body))}</p>" for heading, body in GUIDE))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        char = self.fontMetrics().horizontalAdvance("0")
        self.resize(char * 70, char * 60)


def app_version() -> str:
    try:
        return metadata.version("tcp-lab")
    except metadata.PackageNotFoundError:
        return translate("help", "a copy that is not installed")


def about_text() -> str:
    return translate(
        "help", "TCP Lab {version}\n\nSee TCP client/server programming happen: every "
                "socket call, on both sides, as it happens, in plain words. Made for "
                "teachers and students of socket programming, and for showing people who "
                "have never programmed what happens when two programs talk.\n\n"
                "Python {python} · Qt {qt} · PySide6 {pyside}\nMIT licence.").format(
        version=app_version(), python=platform.python_version(), qt=qVersion(),
        pyside=PySide6.__version__)


def show_about(parent: QWidget) -> None:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(translate("help", "About TCP Lab"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(about_text())
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.exec()
