# ? binds tighter than ! and ==
[ (!{ a = 1; } ? a) ({ a = 1; } ? a == true) ]
