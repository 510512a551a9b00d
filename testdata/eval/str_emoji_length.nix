[ (builtins.stringLength "🙂") (builtins.stringLength "👍🏽") (builtins.stringLength "e\u0301") ]
