# a throwing default is only forced when the argument is used
[ (({ a ? throw "def" }: 1) { }) (({ a ? throw "def" }: a) { a = 2; }) ]
