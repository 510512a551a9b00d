builtins.concatStringsSep "," [ [ "a" ] ]
