# regexes work on bytes: . does not match a 2-byte character
[ (builtins.match "." "é") (builtins.match ".." "é") (builtins.match "h.llo" "héllo") (builtins.match "h..llo" "héllo") ]
