# ${} in a key needs a string-valued expression
{ "${1}" = 1; }
