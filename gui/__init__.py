"""TCP Lab's window: the Qt side. netcore does the sockets; this package shows them."""
