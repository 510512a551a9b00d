# "a.b" is a single key, distinct from a.b
{ "a.b" = 1; a.b = 2; }
