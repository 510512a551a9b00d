# string + path copies the path to the store and yields a string
let r = "a" + ./data/hello.txt; in [ r (builtins.typeOf r) ]
