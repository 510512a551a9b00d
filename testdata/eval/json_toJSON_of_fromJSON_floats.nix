builtins.toJSON (builtins.fromJSON "[0.5,1e-7,123456.789,1e21]")
