# a path literal cannot contain //
/x//y
