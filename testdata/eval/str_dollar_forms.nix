# $ not followed by { is literal; $${ is literal $ then interpolation? no: "$${" is "$" + interp
let x = "X"; in [ "$x" "$$" "$${x}" "\${x}" "$ {x}" "${x}$" ]
