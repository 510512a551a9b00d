[ (./. == ./.) (./data < ./data/hello.txt) (./data/hello.txt == ./data/./hello.txt) ]
