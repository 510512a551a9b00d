# dynamic keys of a rec set are evaluated in the rec scope
[ (rec { a = "x"; ${a} = 1; }) (let a = "x"; in rec { a = "y"; ${a} = 1; }) ]
