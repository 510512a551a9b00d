let k = "x"; n = 3; in { ${k + "y"} = 1; ${toString n} = 2; "${k}-${toString n}" = 3; ${null} = 4; }
