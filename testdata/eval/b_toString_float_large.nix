[ (toString 1.0e15) (toString 123.456) (toString (-0.000001)) (toString 1.0e-10) ]
