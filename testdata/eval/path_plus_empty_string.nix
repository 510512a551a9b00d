# path + "" is still a path
[ (builtins.typeOf (./data/hello.txt + "")) (./data/hello.txt + "") ]
