map baseNameOf [ "" "/" "a" "a/" "a//" "/a/b" "/a/b//" "//" "." ".." "a/." ]
