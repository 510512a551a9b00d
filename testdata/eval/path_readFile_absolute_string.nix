builtins.readFile (toString ./data/hello.txt) == builtins.readFile ./data/hello.txt
