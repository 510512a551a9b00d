builtins.length [ (throw "a") [ (throw "b") ] { c = throw "c"; } ]
