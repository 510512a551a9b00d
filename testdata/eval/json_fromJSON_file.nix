let s = builtins.fromJSON (builtins.readFile ./data/settings.json); in [ s.port s.big s.ratio s.nested.none (builtins.attrNames s) ]
