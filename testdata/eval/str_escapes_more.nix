# escape sequences: unknown escapes give the character itself
[ "\a\b\z" "\$" "$" "\\$" "a\
b" "\'" ]
