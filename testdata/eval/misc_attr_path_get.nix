let getAttrFromPath = p: s: builtins.foldl' (acc: k: acc.${k}) s p; in getAttrFromPath [ "a" "b" ] { a.b = "found"; }
