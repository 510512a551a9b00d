let a = "outer"; in rec { b = a; inherit a; }
