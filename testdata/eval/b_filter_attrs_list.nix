builtins.filter (s: s.enable or false) [ { enable = true; n = 1; } { n = 2; } { enable = false; n = 3; } ]
