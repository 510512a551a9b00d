# --strict forces nested values inside lists and sets
{ a = [ 1 { b = [ (throw "deep strict") ]; } ]; }
