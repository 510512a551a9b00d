builtins.catAttrs "port" (builtins.attrValues { web = { port = 80; }; db = { port = 5432; }; misc = { }; })
