# after an operator, "let" must be the legacy "let {" form
1 + let a = 1; in a
