# outPath may be a path, which interpolation copies to the store
"${{ outPath = ./data/hello.txt; }}"
