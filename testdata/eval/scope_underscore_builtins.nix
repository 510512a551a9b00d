# double-underscore names are global aliases of builtins
[ (__sub 5 3) (__typeOf 1) (__length [ 1 2 ]) (__head [ "h" ]) ]
