"""What the conversation chart says in words: each arrow's label and tooltip, each lane
title's tooltip, and the note in a chart cleared while clients talk."""

from __future__ import annotations

from gui.conversation import DATA, HANDSHAKE, RESET, Arrow, Lane
from gui.i18n import translate
from netcore.text import escape_bytes

PREVIEW_CHARACTERS = 24  # of a data arrow's bytes, written along it


def arrow_label(arrow: Arrow, in_flight: bool) -> str:
    """What is written along the arrow: a data arrow's first bytes with its label."""
    if arrow.kind != DATA:
        return (arrow.short or arrow.label) if arrow.kind == HANDSHAKE else arrow.label
    preview = escape_bytes(arrow.data, PREVIEW_CHARACTERS)
    more = "…" if arrow.size > PREVIEW_CHARACTERS else ""
    if in_flight:
        return translate("conversation_chart", "{label}  {preview}  (not read yet)").format(
            label=arrow.label, preview=f"{preview}{more}")
    return f"{arrow.label}  {preview}{more}"


def arrow_tooltip(arrow: Arrow, in_flight: bool) -> str:
    """What the arrow is, in words, and what a click on it does."""
    if arrow.inferred:
        text = translate("conversation_chart",
                         "{label}\nInferred: the kernels do this; no socket call reports "
                         "it, so TCP Lab draws it from the calls around it.")
    elif arrow.kind == RESET:
        text = translate("conversation_chart",
                         "{label}\nA reset ends the connection at once, both ways: data "
                         "still in flight is lost, and the other side's next call fails "
                         "with \"connection reset\".")
    elif in_flight:
        text = translate("conversation_chart",
                         "{label}: sent, waiting in the kernel's buffers until a recv() "
                         "reads it")
    else:
        text = translate("conversation_chart", "{label}: click to see its bytes")
    return text.format(label=arrow.label)


def title_tooltip(lane: Lane) -> str:
    """The title in full, and what more there is to say of the lane."""
    return "\n".join(part for part in (lane.title, lane.explanation) if part)


def cleared_note() -> str:
    """Written in a chart cleared while connections were open, until something is drawn."""
    return translate("conversation_chart", "Cleared. The connections open at the Clear go on "
                                           "unseen; the next connection is drawn here.")
