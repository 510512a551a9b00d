[ ({ } // { }) (builtins.attrNames { }) (builtins.attrValues { }) ({ } ? a) ({ } == { }) ]
