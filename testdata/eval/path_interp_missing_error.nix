# interpolating a missing path fails (it must be copied)
"x${./data/no-such-file}"
