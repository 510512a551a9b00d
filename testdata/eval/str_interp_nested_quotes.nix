let a = { "x y" = "v"; }; in "${a."x y"}-${"${"in"}ner"}"
