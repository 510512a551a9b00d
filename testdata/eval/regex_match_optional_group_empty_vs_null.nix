# an optional group that matched empty text is "", one that did not participate is null
[ (builtins.match "a(b*)c" "ac") (builtins.match "a(b)?c" "ac") (builtins.match "a(b?)c" "ac") ]
