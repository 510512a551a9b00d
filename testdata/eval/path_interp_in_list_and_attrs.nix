{ files = [ "${./data/hello.txt}" ]; script = "cat ${./data/empty.txt}"; }
