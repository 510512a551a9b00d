"other-in-subdir"
