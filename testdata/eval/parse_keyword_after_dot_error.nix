# an unquoted keyword after a dot is a syntax error
{ a.if = 1; }
