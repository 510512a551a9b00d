[ (baseNameOf ./data/hello.txt) (baseNameOf ./data) (baseNameOf ./data/nested/inner) (baseNameOf (toString ./data/hello.txt)) ]
