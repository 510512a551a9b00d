# Perl classes like \d are not POSIX ERE
builtins.match "\\d+" "12"
