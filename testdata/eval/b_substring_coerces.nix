# the subject is coerced like an interpolation (sets with outPath ok)
builtins.substring 0 3 { outPath = "abcdef"; }
