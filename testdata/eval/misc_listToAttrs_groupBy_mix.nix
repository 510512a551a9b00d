let users = [ { n = "a"; g = "x"; } { n = "b"; g = "y"; } { n = "c"; g = "x"; } ]; in builtins.mapAttrs (g: us: map (u: u.n) us) (builtins.groupBy (u: u.g) users)
