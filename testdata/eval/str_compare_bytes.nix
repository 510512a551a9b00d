# string comparison is bytewise
[ ("a" < "b") ("Z" < "a") ("é" > "z") ("" < " ") ("ab" < "abc") ("abc" == "abc") ]
