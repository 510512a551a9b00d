# readDir reports symlinks as "symlink" (not followed)
[ (builtins.readDir ./data/kinds) (builtins.readDir ./data/kinds/dir) ]
