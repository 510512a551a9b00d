# elemAt only forces the selected element
builtins.elemAt [ (throw "a") 2 (throw "c") ] 1
