let d = toString ./.; in builtins.replaceStrings [ d ] [ "<d>" ] (toString (dirOf (dirOf ./data/nested/inner/note.txt)))
