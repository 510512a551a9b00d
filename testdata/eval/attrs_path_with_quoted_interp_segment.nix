{ a."b${"c"}".d = 1; }.a.bc.d
