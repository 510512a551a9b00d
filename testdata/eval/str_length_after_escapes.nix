map builtins.stringLength [ "\n" "\\" "\"" "\${" "$$" "" ]
