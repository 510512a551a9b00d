builtins.toJSON { p = ./data/hello.txt; l = [ ./data/empty.txt ]; }
