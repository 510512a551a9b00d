# values inside the with-set are evaluated in their own (lexical) scope
[ (let a = 1; in with { a = 2; b = a; }; b) (with { a = 1; }; with { b = a; }; b) (with rec { a = 1; b = a; }; b) ]
