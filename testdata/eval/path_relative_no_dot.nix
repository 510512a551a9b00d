# foo/bar (no leading ./) is also a relative path literal
[ (builtins.typeOf data/hello.txt) (builtins.readFile data/hello.txt) ]
