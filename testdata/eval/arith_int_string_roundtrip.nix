map (n: builtins.fromJSON (toString n)) [ 0 (-5) 123456789 ]
