(builtins.fromJSON (builtins.readFile ./data/settings.json)).tags
