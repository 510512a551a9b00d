[ (builtins.concatStringsSep "," [ { outPath = "o"; } "x" ]) (builtins.concatStringsSep "," [ "only" ]) (builtins.concatStringsSep "" [ ]) ]
