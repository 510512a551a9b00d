builtins.split "([[:digit:]])([[:alpha:]])" "x1ay2bz"
