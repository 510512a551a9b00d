# two plain set literals for the same key are merged (no duplicate error)
{ a = { b = 1; }; a = { c = 2; }; }
