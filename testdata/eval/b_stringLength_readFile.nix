builtins.stringLength (builtins.readFile ./data/hello.txt)
