let sub = "nested"; f = "up.nix"; in (import ./data/${sub}/${f}).level
