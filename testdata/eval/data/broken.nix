# helper: a syntax error (used by import_syntax_error_error)
{ a = 1
