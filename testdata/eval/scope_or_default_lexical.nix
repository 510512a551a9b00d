let d = "lexical"; in { }.x or d
