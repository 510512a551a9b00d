# there is no % operator
7 % 2
