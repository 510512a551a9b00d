[ "a\tb" "a\rb" "a\\tb" (builtins.stringLength "\t\r\n") ]
