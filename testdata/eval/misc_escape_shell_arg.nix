let esc = s: "'" + builtins.replaceStrings [ "'" ] [ "'\\''" ] s + "'"; in map esc [ "plain" "it's" "" ]
