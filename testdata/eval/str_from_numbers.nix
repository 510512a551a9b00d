[ (toString 10) (toString (-10)) (toString 10.5) ("v" + toString 1) ]
