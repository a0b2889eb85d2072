"""Bad input that the system refuses: a port another program holds is named with that
program, so the person knows what to stop."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from netcore.config import ServerConfig
from netcore.errors import NetError
from netcore.server import Server
from tests.netcore.helpers import free_port, is_listening, wait_until

pytestmark = [pytest.mark.faults,
              pytest.mark.skipif(not sys.platform.startswith("linux"),
                                 reason="which program holds a port is read from /proc")]


@pytest.fixture
def ncat_listening() -> tuple[int, int]:
    """(port, pid) of an ncat listening on 127.0.0.1; stopped afterwards."""
    ncat = shutil.which("ncat")
    if ncat is None:
        pytest.skip("ncat is not installed")
    port = free_port()
    process = subprocess.Popen([ncat, "-l", "-k", "127.0.0.1", str(port)],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        assert wait_until(lambda: is_listening(port)), "ncat did not start listening"
        yield port, process.pid
    finally:
        process.kill()
        process.wait(5)


def test_a_port_in_use_names_the_program_that_holds_it(ncat_listening) -> None:
    port, pid = ncat_listening
    with pytest.raises(NetError) as caught:
        Server(ServerConfig(host="127.0.0.1", port=port), lambda event: None).open()
    assert caught.value.sentence.startswith(
        f"Port {port} is already in use on 127.0.0.1: the program ncat (process {pid}) is "
        f"listening there.")


def test_the_window_says_which_program_holds_the_port(qtbot: QtBot, main_window: MainWindow,
                                                      ncat_listening) -> None:
    port, pid = ncat_listening
    main_window.port_spin.setValue(port)
    main_window.start_button.click()
    qtbot.waitUntil(lambda: main_window.error_label.isVisible(), timeout=5000)
    assert f"ncat (process {pid})" in main_window.error_label.text()
    port_field = main_window.port_spin
    assert port_field.property("refused") is True, "the port's field is marked"
    assert f"ncat (process {pid})" in port_field.toolTip()
    assert not main_window.host_edit.property("refused")
    assert main_window.start_button.isEnabled(), "no half-started server"
    assert main_window.server.address is None



def test_a_refused_address_is_marked_at_its_field_until_edited(qtbot: QtBot,
                                                               main_window: MainWindow) -> None:
    host = main_window.host_edit
    host.setText("no-such-host.invalid")
    main_window.start_button.click()
    assert main_window.server.address is None, "no half-started server"
    assert host.property("refused") is True
    assert host.toolTip().startswith('"no-such-host.invalid" is not an address of this computer')
    assert main_window.focusWidget() is host, "the cursor goes to the field"
    assert not main_window.port_spin.property("refused")
    qtbot.keyClick(host, "x")  # the person corrects it
    assert not host.property("refused")
    assert host.toolTip().startswith("127.0.0.1: only this computer can connect")


def test_a_port_typed_in_the_server_s_address_box_says_where_it_goes(
        qtbot: QtBot, main_window: MainWindow) -> None:
    """As the client window says it: "not an address of this computer" told nothing."""
    host = main_window.host_edit
    for typed, words in (("127.0.0.1:9000", "without “:9000”: the port goes in the Port box"),
                         ("9000", "“9000” looks like a port number")):
        host.setText(typed)
        main_window.start_button.click()
        assert main_window.server.address is None, "no half-started server"
        assert words in main_window.error_label.text()
        assert host.property("refused") is True and words in host.toolTip()


def _open_client(qtbot: QtBot, main_window: MainWindow):
    client = main_window.open_client_window()
    client.message.edit.setText("hello")
    return client


def test_a_repeat_count_it_cannot_use_is_refused_at_the_field(qtbot: QtBot,
                                                              main_window: MainWindow) -> None:
    editor = _open_client(qtbot, main_window).message
    sentences = {
        "abc": "“abc” is not a number of times",
        "-3": "“-3” is not a number of times",
        "2.5": "“2.5” is not a number of times",
        "0": "Send at least once",
        "": "Type how many times to send",
        "2000000": "That is more than 1,000,000 times",
    }
    for typed, sentence in sentences.items():
        editor.repeat_edit.setText(typed)
        # Checked as it is typed, before Send:
        assert editor.repeat_edit.property("refused") is True, typed
        assert editor.repeat_edit.toolTip().startswith(sentence), typed
        assert editor.error_label.isVisible() and editor.error_label.text().startswith(sentence)
        editor.send_button.click()
        assert not editor.repeater.running and editor.repeater.sent == 0, typed
        assert editor.edit.text() == "hello", "the message is kept to send once fixed"
    editor.repeat_edit.setText("1,000")
    assert not editor.repeat_edit.property("refused")
    assert not editor.error_label.isVisible()
    assert editor.repeat_times() == 1000


def test_malformed_hex_is_refused_as_it_is_typed(qtbot: QtBot, main_window: MainWindow) -> None:
    editor = _open_client(qtbot, main_window).message
    editor.format_combo.setCurrentText("Hex")
    assert editor.edit.property("refused") is True, "“hello” is not hex"
    assert editor.error_label.text().startswith('Invalid hex: "h" is not a hex digit')
    editor.edit.setText("48 6")
    assert "two digits per byte" in editor.edit.toolTip()
    editor.edit.setText("48 69")
    assert not editor.edit.property("refused") and not editor.error_label.isVisible()
    assert editor.payload() == b"Hi\n"
    editor.format_combo.setCurrentText("Text")
    editor.edit.setText("zz")
    assert not editor.edit.property("refused"), "any text is fine as text"
