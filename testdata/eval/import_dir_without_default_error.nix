import ./data/nodefault
