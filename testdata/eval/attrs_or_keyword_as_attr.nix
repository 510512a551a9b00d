# "or" can be an attribute name after a dot and in a set
[ { or = 1; }.or ({ a.or = 2; }.a.or) ]
