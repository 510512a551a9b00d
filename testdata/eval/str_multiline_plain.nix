# plain strings may span lines; newlines kept verbatim
"a
  b"
