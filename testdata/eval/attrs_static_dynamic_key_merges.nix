# ${"a"} with a literal string counts as a static name (merges / rec-visible)
[ { ${"a"}.b = 1; a.c = 2; } (rec { ${"a"} = 1; b = a; }) ]
