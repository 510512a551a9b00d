# . matches a newline
[ (builtins.match ".*" "a\nb") (builtins.match "a.b" "a\nb") (builtins.match "([^\n]*)\n(.*)" "l1\nl2\nl3") ]
