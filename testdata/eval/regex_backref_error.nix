# back-references are rejected in POSIX extended syntax
builtins.match "(a)\\1" "aa"
