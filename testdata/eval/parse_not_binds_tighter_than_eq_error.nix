# ! binds tighter than ==, so this is (!1) == 2
! 1 == 2
