# leading zeros are decimal; there are no hex or underscore literals
[ 01 (007 + 1) 1. 0.0 ]
