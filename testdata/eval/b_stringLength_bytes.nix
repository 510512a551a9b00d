[ (builtins.stringLength "日本🙂") (builtins.stringLength "\t\n\r\\") (builtins.stringLength { outPath = "abc"; }) (builtins.stringLength "${"a"}${"bc"}") ]
