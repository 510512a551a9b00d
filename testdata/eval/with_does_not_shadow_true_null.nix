[ (with { true = false; }; true) (with { null = 1; }; null) ]
