# builtins add/sub/mul/div accept int/float mixes and return floats
[ (builtins.add 1 0.5) (builtins.sub 1.5 1) (builtins.mul 3 0.5) (builtins.div 7.0 2) (builtins.div 7 2) (builtins.typeOf (2.0 * 2)) (builtins.typeOf (4 / 2)) ]
