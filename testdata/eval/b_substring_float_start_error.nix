builtins.substring 1.0 1 "abc"
