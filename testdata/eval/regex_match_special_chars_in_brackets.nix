[ (builtins.match "[$^.*+?(){}|]+" "$^.*+?(){}|") (builtins.match "[a\\-z]+" "a-z\\") (builtins.match "[[]" "[") ]
