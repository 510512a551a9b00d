# toString of floats uses printf %f: 6 decimals, no exponent
[ (toString 1.5) (toString 0.1) (toString 1.0) (toString 123456789.0) (toString 1.0e-7) (toString (-2.5)) (toString 0.000001) (toString (1 / 3.0)) ]
