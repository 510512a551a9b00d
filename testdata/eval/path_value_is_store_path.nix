# path values in the output are copied to the store (as in --json output)
[ ./data/hello.txt { p = ./data/empty.txt; } ]
