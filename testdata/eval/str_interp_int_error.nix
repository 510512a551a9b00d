# interpolation does not convert integers (unlike toString)
"${1}"
