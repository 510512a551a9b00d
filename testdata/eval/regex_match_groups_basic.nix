[ (builtins.match "(.*)\\.nix" "foo.nix") (builtins.match "([a-z]+)([0-9]*)" "abc123") (builtins.match "(((a)))" "a") (builtins.match "()" "") ]
