# list < skips equal elements, so incomparable-but-equal elements are fine
[ ([ null ] < [ null ]) ([ null ] < [ null 1 ]) ([ { } 1 ] < [ { } 2 ]) ([ true 1 ] < [ true 2 ]) ([ 1 ] < [ 1 ]) ]
