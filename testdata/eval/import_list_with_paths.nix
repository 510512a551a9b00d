let l = import ./data/list_of_modules.nix; in [ (builtins.elemAt l 0) ((builtins.elemAt l 1) { x = 5; }) (import (builtins.elemAt l 2)) (builtins.typeOf (builtins.elemAt l 2)) ]
