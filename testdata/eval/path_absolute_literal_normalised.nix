# absolute path literals are normalised (. and .. removed) and need no file to exist
[ (toString /a/b/../c) (toString /a/./b) (builtins.typeOf /tmp) (baseNameOf /a/b/c) ]
