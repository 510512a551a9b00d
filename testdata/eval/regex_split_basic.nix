[ (builtins.split "," "a,b,,c") (builtins.split "b" "") (builtins.split "," "abc") (builtins.split "(,)" ",a,") ]
