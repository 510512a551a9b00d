# toJSON prints floats with 6 significant digits (%g-like) inside the string
map builtins.toJSON [ 1.0 0.1 123456789.0 1.0e21 3.14159265 100000.0 1000000.0 0.0001 0.00001 (1 / 3.0) (-2.5) ]
