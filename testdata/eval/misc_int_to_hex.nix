let hex = n: let d = builtins.substring (builtins.bitAnd n 15) 1 "0123456789abcdef"; in if n < 16 then d else hex (n / 16) + d; in map hex [ 0 15 16 255 4096 ]
