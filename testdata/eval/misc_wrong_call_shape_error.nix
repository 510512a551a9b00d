let f = { name, port }: "${name}:${toString port}"; in f { name = "a"; prot = 1; }
