# a rec attr referring to itself is infinite recursion
rec { a = { b = a.b; }; }.a.b
