builtins.hashString "sha256" (builtins.readFile ./data/hello.txt) == builtins.hashFile "sha256" ./data/hello.txt
