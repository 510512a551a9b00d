# with builtins brings builtins such as head into scope; a let still wins
let head = "let-head"; in with builtins; [ head (length [ 1 ]) ]
