# path literals can contain interpolation
let f = "hello.txt"; d = "data"; in [ (builtins.readFile ./data/${f}) (builtins.readFile ./${d}/hello.txt) ]
