[ (toString { outPath = "o"; __toString = s: "t"; }) "${{ outPath = "o"; __toString = s: "t"; }}" (builtins.toJSON { outPath = "o"; __toString = s: "t"; }) ]
