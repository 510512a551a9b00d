let setAttrByPath = p: v: if p == [ ] then v else { ${builtins.head p} = setAttrByPath (builtins.tail p) v; }; in setAttrByPath [ "x" "y" "z" ] 1
