map (p: p.name) (builtins.sort (a: b: a.prio < b.prio || (a.prio == b.prio && a.name < b.name)) [ { name = "c"; prio = 2; } { name = "a"; prio = 2; } { name = "b"; prio = 1; } ])
