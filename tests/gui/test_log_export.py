"""Copy a log's selected lines (Ctrl+C, or its context menu) and save a whole log as text
or CSV, through the log's own controls, with the data as the log shows it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.client_window import ClientWindow
from gui.log_model import DETAILS, WHAT
from gui.main_window import MainWindow
from netcore.events import EventKind
from tests.gui.conftest import (SIGNAL_TIMEOUT_MS, open_connected_client, received_text,
                                send_from, start_server)

MESSAGE = "你好, <b>TCP</b>"


def client_with_a_reply(qtbot: QtBot, main_window: MainWindow) -> ClientWindow:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    send_from(client, MESSAGE)
    qtbot.waitUntil(lambda: received_text(client) == (MESSAGE + "\n").encode(),
                    timeout=SIGNAL_TIMEOUT_MS)
    return client


def data_rows(client: ClientWindow) -> list[int]:
    return [number for number, row in enumerate(client.controller.log.rows)
            if row.kind in (EventKind.SENT, EventKind.RECEIVED)]


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path, csv_chosen: bool) -> None:
    def answer(parent, title, directory, filters):  # type: ignore[no-untyped-def]
        text_filter, csv_filter = filters.split(";;")
        return str(path), csv_filter if csv_chosen else text_filter
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)


def test_ctrl_c_copies_the_selected_lines_with_the_columns_shown(
        qtbot: QtBot, main_window: MainWindow) -> None:
    client = client_with_a_reply(qtbot, main_window)
    view = client.log_view
    table = view.table
    selection = table.selectionModel()
    for number in data_rows(client):
        selection.select(table.model().index(number, 0),
                         QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    table.setFocus()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)

    copied = QGuiApplication.clipboard().text().splitlines()
    assert len(copied) == 2  # the send and its echo, nothing else
    for line in copied:
        cells = line.split("\t")
        assert len(cells) == len(view.shown_columns())  # the client hides two columns
        assert MESSAGE in cells[view.shown_columns().index(DETAILS)]  # HTML as plain text


def test_save_as_csv_keeps_every_line_and_its_chinese_text(
        qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    client = client_with_a_reply(qtbot, main_window)
    answer_save_dialog(monkeypatch, tmp_path / "client-log", csv_chosen=True)
    client.log_view.save_button.click()

    saved = tmp_path / "client-log.csv"  # the suffix of the chosen kind is added
    raw = saved.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets then read it as UTF-8
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    model = client.controller.log
    assert table[0][0] == "Time" and len(table) == 1 + model.rowCount()
    what = client.log_view.shown_columns().index(WHAT)
    replies = [line for line in table[1:] if line[what] == model.cell_text(data_rows(client)[1], WHAT)]
    assert replies and MESSAGE in replies[0][-1]
    assert client.log_view.saved_label.text() == f"{model.rowCount()} lines saved"
    assert client.log_view.saved_label.toolTip() == f"Saved to {saved}"


def test_save_as_text_has_the_column_names_then_a_line_each(
        qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    start_server(qtbot, main_window)
    answer_save_dialog(monkeypatch, tmp_path / "server.txt", csv_chosen=False)
    main_window.log_view.save_button.click()
    text = (tmp_path / "server.txt").read_text(encoding="utf-8").splitlines()
    assert text[0].split("\t") == ["Time", "Worker", "Conn", "What", "Bytes", "Details"]
    assert len(text) == 1 + main_window.server.log.rowCount()
    assert any("listen(" in line for line in text[1:])


def test_a_file_name_that_looks_like_html_is_told_as_it_is(
        qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    from tests.gui.test_plain_tooltip import as_a_tooltip_shows_it
    start_server(qtbot, main_window)
    answer_save_dialog(monkeypatch, tmp_path / "<b>log.txt", csv_chosen=False)
    main_window.log_view.save_button.click()
    shown = as_a_tooltip_shows_it(main_window.log_view.saved_label.toolTip())
    assert shown == f"Saved to {tmp_path / '<b>log.txt'}"  # not "log.txt" in bold


def test_a_log_that_cannot_be_saved_says_why_and_keeps_the_log(
        qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    start_server(qtbot, main_window)
    rows = main_window.server.log.rowCount()
    answer_save_dialog(monkeypatch, tmp_path / "no such folder" / "log.txt", csv_chosen=False)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: warnings.append(text))
    main_window.log_view.save_button.click()
    assert len(warnings) == 1 and "could not be saved" in warnings[0]
    assert "no such folder" in warnings[0] and "that folder does not exist" in warnings[0]
    assert main_window.server.log.rowCount() == rows
    assert main_window.log_view.saved_label.text() == ""


def test_the_filter_shows_only_matching_lines_and_copy_and_save_take_those(
        qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    client = client_with_a_reply(qtbot, main_window)
    view = client.log_view
    model = client.controller.log
    total = model.rowCount()
    view.filter_edit.setText("你好")
    qtbot.waitUntil(lambda: view.filter.active, timeout=SIGNAL_TIMEOUT_MS)  # after a pause
    shown = [row for row in range(total) if not view.table.isRowHidden(row)]
    assert shown == data_rows(client)  # the send and the echo carry it; nothing else does
    assert view.match_label.text() == f"2 of {total} lines match"

    send_from(client, "no match here")  # a new line is checked as it arrives
    qtbot.waitUntil(lambda: model.rowCount() > total + 1, timeout=SIGNAL_TIMEOUT_MS)
    assert all(view.table.isRowHidden(row) for row in range(total, model.rowCount()))

    view.table.selectAll()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert len(QGuiApplication.clipboard().text().splitlines()) == 2  # hidden lines left out
    answer_save_dialog(monkeypatch, tmp_path / "shown.txt", csv_chosen=False)
    view.save_button.click()
    assert len((tmp_path / "shown.txt").read_text(encoding="utf-8").splitlines()) == 1 + 2

    view.hex_box.setChecked(True)  # the lines read as hex now: they no longer say 你好
    assert all(view.table.isRowHidden(row) for row in range(model.rowCount()))
    assert view.match_label.text() == f"0 of {model.rowCount()} lines match"
    view.hex_box.setChecked(False)

    view.filter_edit.setFocus()
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Escape)  # Escape clears the filter
    qtbot.waitUntil(lambda: not view.filter.active, timeout=SIGNAL_TIMEOUT_MS)
    assert not any(view.table.isRowHidden(row) for row in range(model.rowCount()))
    assert view.match_label.text() == ""


def test_ctrl_f_in_a_log_goes_to_its_filter(qtbot: QtBot, main_window: MainWindow) -> None:
    main_window.log_view.table.setFocus()
    qtbot.waitUntil(main_window.log_view.table.hasFocus, timeout=SIGNAL_TIMEOUT_MS)
    qtbot.keyClick(main_window.log_view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert main_window.log_view.filter_edit.hasFocus()


def test_the_filter_finds_a_byte_count_as_the_log_shows_it(qtbot: QtBot,
                                                          main_window: MainWindow) -> None:
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    send_from(client, "x" * 1200)  # 1,201 bytes with the line ending
    qtbot.waitUntil(lambda: client.controller.bytes_in == 1201, timeout=SIGNAL_TIMEOUT_MS)
    view = client.log_view
    view.filter_edit.setText("1,201")
    qtbot.waitUntil(lambda: view.filter.active, timeout=SIGNAL_TIMEOUT_MS)
    shown = [row for row in range(view.model.rowCount()) if not view.table.isRowHidden(row)]
    assert shown == data_rows(client)


def test_a_peer_s_formula_is_saved_as_text_and_csv_chosen_makes_a_csv(
        qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """A spreadsheet would run =HYPERLINK(...) from a peer's bytes when the file opens."""
    start_server(qtbot, main_window)
    client = open_connected_client(qtbot, main_window)
    formula = '=HYPERLINK("http://example.invalid","x")'
    send_from(client, formula)
    qtbot.waitUntil(lambda: received_text(client) == (formula + "\n").encode(),
                    timeout=SIGNAL_TIMEOUT_MS)
    answer_save_dialog(monkeypatch, tmp_path / "tcp-lab-log.txt", csv_chosen=True)
    client.log_view.save_button.click()
    saved = tmp_path / "tcp-lab-log.csv"  # the offered .txt name follows the kind chosen
    table = list(csv.reader(saved.read_text(encoding="utf-8-sig").splitlines()))
    details = [line[-1] for line in table[1:] if formula in line[-1]]
    assert details and all(cell.startswith("'=") for cell in details)
