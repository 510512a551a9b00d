{ i = 1; f = 1.5; s = "s"; b = true; n = null; l = [ 1 ]; a = { }; }
