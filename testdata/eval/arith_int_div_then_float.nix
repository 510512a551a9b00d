# integer division happens before multiplying by a float
[ (10 / 4 * 2.0) (10 * 2.0 / 4) ]
