toString [ { outPath = "/x"; } { __toString = s: "T"; } ]
