# integer addition wraps around (two's complement) in Nix 2.8
[ (9223372036854775807 + 1) (-9223372036854775807 - 2) (9223372036854775807 * 2) ]
