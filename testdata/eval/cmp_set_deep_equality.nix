[ ({ a.b.c = [ 1 { d = null; } ]; } == { a.b.c = [ 1 { d = null; } ]; }) ({ a = 1; } == { a = 1; b = throw "never"; }) ({ x = 1.0; } == { x = 1; }) ]
