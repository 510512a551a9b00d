# a path literal may not end in /
builtins.pathExists ./data/
