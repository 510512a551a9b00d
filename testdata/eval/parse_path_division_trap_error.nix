# 6/3 is a path (to a nonexistent file)
builtins.toJSON [ 6/3 ]
