let a = "let"; in with { a = "with"; b = "with-b"; }; [ a b ]
