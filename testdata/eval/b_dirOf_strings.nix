map dirOf [ "" "/" "a" "a/" "/a" "/a/" "/a/b" "a/b/c" "//a" "a//b" "/a//" ]
