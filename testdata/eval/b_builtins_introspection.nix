[ (builtins ? builtins) (builtins.typeOf builtins.builtins) (builtins ? nope) (builtins ? map) (builtins.isFunction builtins.trace) builtins.langVersion (builtins.typeOf builtins.storeDir) ]
