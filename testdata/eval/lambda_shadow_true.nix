# true/false/null are ordinary variables and can be shadowed by arguments and let
[ ((true: true) 5) (let null = 1; in null) ]
