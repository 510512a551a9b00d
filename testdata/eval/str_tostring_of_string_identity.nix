[ (toString "x") (toString "") (toString "${"y"}") ]
