let inherit (builtins) length head; in length [ (head [ 1 ]) ]
