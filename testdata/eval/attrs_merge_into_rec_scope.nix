# an attrpath merged into a rec set is evaluated in that rec scope
[ { a = rec { x = 1; }; a.y = x; } { a = rec { b = 1; }; a = { c = b; }; } ]
