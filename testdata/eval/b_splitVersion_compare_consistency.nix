let v = "1.2.3pre4"; in [ (builtins.splitVersion v) (builtins.compareVersions v "1.2.3") (builtins.compareVersions v "1.2.2") ]
