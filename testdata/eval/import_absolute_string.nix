# an absolute path string works like the path itself
(import (toString ./data/lib.nix)).answer
