import ./data/empty.txt
