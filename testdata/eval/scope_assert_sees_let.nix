let ok = true; in assert ok; "asserted"
