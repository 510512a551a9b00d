# keywords can be attribute names only when quoted; true/null are plain identifiers
[ { "if" = 1; }."if" { a."let" = 2; }.a."let" { true = 3; null = 4; }.true (let "in" = 5; in 6) ]
