map (p: { and = p.a && p.b; or = p.a || p.b; imp = p.a -> p.b; }) [ { a = true; b = true; } { a = true; b = false; } { a = false; b = true; } { a = false; b = false; } ]
