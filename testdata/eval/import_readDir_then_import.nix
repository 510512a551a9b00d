let d = builtins.readDir ./data/subdir; in builtins.mapAttrs (n: t: if t == "regular" then builtins.typeOf (import (./data/subdir + "/${n}")) else t) d
