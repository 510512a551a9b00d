# a trailing slash on a string works for directories only; symlinks count
let d = toString ./data; in [ (builtins.pathExists "${d}/") (builtins.pathExists "${d}/hello.txt/") (builtins.pathExists ./data/kinds/link) (builtins.pathExists ./data/kinds/dir) (builtins.pathExists ./data/kinds/nope) (builtins.pathExists "/") ]
