"""The call-flow pane: the live diagram of socket calls, and what a clicked call does."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.call_flow_diagram import CallFlowDiagram
from gui.call_flow_tracker import CallFlowTracker
from gui.call_steps import SERVER, shown_name, step_named
from gui.diagram_view import DiagramView, zoom_buttons
from gui.i18n import QT_TRANSLATE_NOOP, translate
from netcore.events import Event

HINT = QT_TRANSLATE_NOOP("call_flow_pane",
                         "Each marker is a worker, on the call it is in now; a hollow one is "
                         "blocked. Shape and colour are its connection's, on both sides. Click "
                         "a call to read about it.")


class CallFlowPane(QWidget):
    """Feeds the server's and the client windows' event batches to the diagram."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callFlowPane")
        self.tracker = CallFlowTracker()
        hint = QLabel(translate("call_flow_pane", HINT), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        buttons = zoom_buttons(self, "callFlow")
        self.diagram = CallFlowDiagram(self.tracker)  # (the view takes it)
        self.view = DiagramView(self.diagram, buttons, self)
        self.view.setObjectName("callFlowView")
        self.details_label = QLabel("", self)
        self.details_label.setObjectName("callFlowDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._hint, self._buttons = hint, buttons
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        for button in buttons:
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details_label)
        self.diagram.stepClicked.connect(self.show_step)
        self.diagram.stepChosen.connect(self.view.show_area)

    def width_beside_view(self) -> int:
        """The pane's margins beside its diagram's view."""
        margins = self.layout().contentsMargins()
        return margins.left() + margins.right()

    def height_beside_view(self, width: int) -> int:
        """At this width of the pane: the height of all it shows above and below its
        diagram's view (the words and buttons above, a clicked call's explanation below:
        its signature and two lines), for a window to make room for the diagram."""
        layout = self.layout()
        margins = layout.contentsMargins()
        spacing = layout.spacing()
        buttons_width = sum(button.sizeHint().width() + spacing for button in self._buttons)
        inside = width - margins.left() - margins.right()
        top = max(self._hint.heightForWidth(inside - buttons_width),
                  *(button.sizeHint().height() for button in self._buttons))
        below = self.details_label.fontMetrics().lineSpacing() * 3
        return margins.top() + top + spacing + spacing + below + margins.bottom()

    @Slot(object)
    def take_server_events(self, events: list[Event]) -> None:
        self.tracker.apply_server(events)
        self.diagram.refresh()

    def take_client_events(self, client_name: str, local_port: int | None,
                           events: list[Event]) -> None:
        self.tracker.apply_client(client_name, local_port, events)
        self.diagram.refresh()

    def forget_client(self, client_name: str) -> None:
        self.tracker.forget_client(client_name)
        self.diagram.refresh()

    @Slot(str, str)
    def show_step(self, side: str, step: str) -> None:
        call = step_named(side, step)
        if side == SERVER:
            text = translate("call_flow_pane", "Server: {call}\n{explanation}")
        else:
            text = translate("call_flow_pane", "Client: {call}\n{explanation}")
        shown = translate("call_steps", call.signature) if call.signature else shown_name(call.name)
        self.details_label.setText(text.format(
            call=shown, explanation=translate("call_steps", call.explanation)))
