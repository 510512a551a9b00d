[ (builtins.fromJSON "\"\\u00e9\\ud83d\\ude00\\n\\/\\t\\\"\\\\\"") (builtins.fromJSON "\"\\u0041\"") (builtins.fromJSON "\"é\"") ]
