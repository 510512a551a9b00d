[ (builtins.toJSON null) (builtins.toJSON [ true false null 1 (-1) 1.5 "s" ]) (builtins.toJSON { }) (builtins.toJSON [ ]) (builtins.toJSON 9223372036854775807) ]
