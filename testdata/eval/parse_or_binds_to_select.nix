# "or" belongs to the select; + binds looser
[ ({ a.b = 1; }.a.b or 2 + 1) (1 + { a = 1; }.b or 2) ]
