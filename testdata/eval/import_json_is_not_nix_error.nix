# import parses Nix, not JSON
import ./data/settings.json
