[ (./data/hello.txt == ./data/hello.txt) (./data/hello.txt == ./data/../data/hello.txt) (./data == ./data/hello.txt) (./data/hello.txt == "${./data/hello.txt}") (toString ./data == ./data) ]
