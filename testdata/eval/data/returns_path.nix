# helper: returns a path literal, which is relative to this file
./hello.txt
