# \n (backslash + n) outside brackets is an invalid escape
builtins.match "\\n" "n"
