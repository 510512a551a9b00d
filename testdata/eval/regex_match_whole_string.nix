# match must cover the whole string (implicitly anchored)
[ (builtins.match "ab" "xab") (builtins.match "ab" "ab") (builtins.match "^ab$" "ab") (builtins.match "a" "") (builtins.match "" "") (builtins.match "" "a") ]
