# toJSON escapes quotes, backslashes and control characters; / and non-ASCII are kept as is
[ (builtins.toJSON "\n\t\r\"\\/é🙂") (builtins.toJSON (builtins.fromJSON "\"\\u0001\\u001f\"")) (builtins.toJSON "\${x}") ]
