# sets with outPath coerce to their outPath
[ (toString { outPath = "/o"; }) (toString { outPath = { outPath = "/deep"; }; }) ]
