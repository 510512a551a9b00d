# escapes work in quoted attribute names
{ "a\nb" = 1; "c\${d}" = 2; }
