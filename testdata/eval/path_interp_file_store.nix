# interpolating a path gives its store path
[ "${./data/hello.txt}" "${./data/empty.txt}/x" ]
