with (throw "scope forced"); x
