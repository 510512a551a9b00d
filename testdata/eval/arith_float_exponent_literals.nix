# float literal forms
[ 1.5e2 2.5E-1 0.5 .5 1.e2 ]
