# toString re-coerces the result of __toString / outPath with toString rules
[ (toString { __toString = s: 1; }) (toString { __toString = s: { outPath = "x"; }; }) (toString { outPath = 1; }) (toString { __toString = s: [ "a" "b" ]; }) ]
