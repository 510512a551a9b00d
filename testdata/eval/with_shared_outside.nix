# A `with` around the function (not inside it): names from it are the same for every call
with { y = 10; }; let f = x: { a = [ y ]; b = [ x y ]; }; in [ (f 1) (f 2) ]
