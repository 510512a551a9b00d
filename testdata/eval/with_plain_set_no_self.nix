# a plain set's own attributes are not in scope, so with supplies a
with { a = 1; }; { a = 2; b = a; }.b
