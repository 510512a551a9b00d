# ^ and $ only match at the ends of the subject, not at newlines
[ (builtins.match "a$" "a\n") (builtins.match "^b.*" "a\nb") (builtins.split "^" "a\nb") ]
