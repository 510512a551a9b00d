# helper: a rec set at the top of a file
rec { version = "1.2.3"; name = "pkg-${version}"; parts = builtins.splitVersion version; }
