# a path can be appended to a string only if it exists (it is copied)
"prefix-" + ./data/missing-file
