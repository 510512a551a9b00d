let k = "po" + "rt"; in builtins.getAttr k { port = 80; }
