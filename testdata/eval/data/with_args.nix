# helper: a file whose body is a with over its argument
args: with args; "${greeting}, ${name}"
