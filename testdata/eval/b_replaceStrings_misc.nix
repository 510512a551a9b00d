[ (builtins.replaceStrings [ ] [ ] "abc") (builtins.replaceStrings [ "é" ] [ "e" ] "héé") (builtins.replaceStrings [ "\${" ] [ "X" ] "a\${b}") (builtins.replaceStrings [ "\n" ] [ "\\n" ] "l1\nl2") ]
