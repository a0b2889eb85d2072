"""The guided demos pane: pick a demo, run it with one click, read the narration as the
sockets do each step; End demo cleans up what it started."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from gui.demos.catalog import DEMOS, Demo
from gui.demos.context import DemoContext
from gui.demos.runner import DemoRunner
from gui.i18n import QT_TRANSLATE_NOOP, translate
from gui.text_size import NARRATION_SCALE

PACES: tuple[tuple[str, int], ...] = ((QT_TRANSLATE_NOOP("demo_pane", "Slow"), 5000),
                                      (QT_TRANSLATE_NOOP("demo_pane", "Normal"), 2500),
                                      (QT_TRANSLATE_NOOP("demo_pane", "Fast"), 800))


class DemoPane(QWidget):
    """The demo list, Run and End, the pace, and the narration."""

    def __init__(self, make_context: Callable[[], DemoContext],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoPane")
        self.runner = DemoRunner(make_context, self)
        self.demo_list = QListWidget(self)
        self.demo_list.setObjectName("demoList")
        self.demo_list.setToolTip(translate("demo_pane", "Choose a lesson, then click Run demo"))
        self.demo_list.setAccessibleName(translate("demo_pane", "Guided demos"))
        for demo in DEMOS:
            item = QListWidgetItem(demo.shown_title(), self.demo_list)
            item.setData(Qt.ItemDataRole.UserRole, demo.key)
            item.setToolTip(demo.shown_summary())
        self.demo_list.setCurrentRow(0)
        self.demo_list.setMaximumHeight(self.demo_list.sizeHintForRow(0) * (len(DEMOS) + 1))
        self.run_button = QPushButton(translate("demo_pane", "&Run demo"), self)
        self.run_button.setObjectName("demoRunButton")
        self.run_button.setToolTip(translate("demo_pane",
                                             "Run the chosen demo with real sockets, step by step"))
        self.end_button = QPushButton(translate("demo_pane", "&End demo"), self)
        self.end_button.setObjectName("demoEndButton")
        self.end_button.setToolTip(
            translate("demo_pane", "Stop, close the demo's client windows and its server"))
        self.pace_combo = QComboBox(self)
        self.pace_combo.setObjectName("demoPaceCombo")
        self.pace_combo.setToolTip(translate("demo_pane", "How long each step stays on the screen"))
        self.pace_combo.setAccessibleName(translate("demo_pane", "Time to read each step"))
        for label, ms in PACES:
            self.pace_combo.addItem(translate("demo_pane", label), ms)
        self.pace_combo.setCurrentIndex(1)
        self.progress_label = QLabel("", self)
        self.progress_label.setObjectName("demoProgress")
        self.narration = QPlainTextEdit(self)
        self.narration.setObjectName("demoNarration")
        self.narration.setToolTip(translate("demo_pane", "What each step did, and why"))
        self.narration.setReadOnly(True)
        self.narration.setAccessibleName(translate("demo_pane", "Narration"))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * NARRATION_SCALE)  # grows with Larger text too
        self.narration.setFont(font)
        self.narration.setPlaceholderText(
            translate("demo_pane", "Choose a demo and click Run demo."))

        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.end_button)
        buttons.addWidget(QLabel(translate("demo_pane", "Pace:"), self))
        buttons.addWidget(self.pace_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_list)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.narration, 1)

        self.run_button.clicked.connect(self.run_chosen)
        self.end_button.clicked.connect(self.end)
        self.demo_list.itemActivated.connect(self.run_chosen)
        self.pace_combo.currentIndexChanged.connect(self._pace_changed)
        self.runner.narrated.connect(self._narrate)
        self.runner.stepStarted.connect(self._step_started)
        self.runner.finished.connect(self._finished)
        self._pace_changed()
        self.end_button.setEnabled(False)

    def chosen(self) -> Demo:
        key = self.demo_list.currentItem().data(Qt.ItemDataRole.UserRole)
        return next(demo for demo in DEMOS if demo.key == key)

    def run(self, demo: Demo) -> None:
        self.narration.clear()
        self.narration.appendPlainText(f"{demo.shown_title()}\n{demo.shown_summary()}\n")
        self.end_button.setEnabled(True)
        self.runner.start(demo.build)

    @Slot()
    def run_chosen(self) -> None:
        self.run(self.chosen())

    @Slot()
    def end(self) -> None:
        self.runner.end()
        self.end_button.setEnabled(False)
        self.progress_label.setText(translate("demo_pane",
                                              "Ended: the demo's clients and server are closed."))

    @Slot()
    def _pace_changed(self) -> None:
        self.runner.reading_ms = int(self.pace_combo.currentData())

    @Slot(str)
    def _narrate(self, text: str) -> None:
        self.narration.appendPlainText(text)

    @Slot(int, int)
    def _step_started(self, number: int, total: int) -> None:
        self.progress_label.setText(translate("demo_pane", "Step {number} of {total}")
                                    .format(number=number, total=total))
        if number > 1:
            self.narration.appendPlainText("")  # a paragraph per step

    @Slot(bool, str)
    def _finished(self, completed: bool, problem: str) -> None:
        self.progress_label.setText(
            translate("demo_pane", "Done. Look around, then click End demo to clean up.")
            if completed else translate("demo_pane", "Stopped."))
