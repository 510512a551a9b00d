[ (./data/a < ./data/b) (./b > ./a) ]
