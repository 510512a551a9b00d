# a = 1 followed by a.b = 2 is a duplicate
{ a = 1; a.b = 2; }
