with { k = "x"; }; { ${k} = 1; }
