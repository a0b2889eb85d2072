"""Guided demos: one click runs real sockets through a lesson of the notes, narrating each
step in plain words from what the sockets and the kernel really did."""
