# // does not force the values of either side
builtins.attrNames ({ a = throw "x"; } // { b = throw "y"; })
