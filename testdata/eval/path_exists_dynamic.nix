map (n: builtins.pathExists (./data + "/${n}")) [ "hello.txt" "nope" "subdir" "kinds/link" ]
