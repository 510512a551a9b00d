builtins.readFile "./data/hello.txt"
