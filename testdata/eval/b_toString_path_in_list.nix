# paths inside toString'd lists are not copied to the store
let d = toString ./.; in builtins.replaceStrings [ d ] [ "<d>" ] (toString [ ./data/hello.txt "x" ])
