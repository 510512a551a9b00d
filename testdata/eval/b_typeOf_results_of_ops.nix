map builtins.typeOf [ (1 + 1) (1 + 1.0) ("a" + "b") ([ ] ++ [ ]) ({ } // { }) (1 == 1) (x: x) (builtins.head [ null ]) ]
