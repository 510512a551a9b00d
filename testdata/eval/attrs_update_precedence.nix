# // binds tighter than == and is right-associative
[ ({ a = 1; } // { b = 2; } == { a = 1; b = 2; }) (({ a = 1; } // { a = 2; }).a) ({ } // { }) ]
