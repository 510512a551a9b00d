let s = "a,b,,c"; parts = builtins.filter builtins.isString (builtins.split "," s); in [ parts (builtins.concatStringsSep "," parts == s) ]
