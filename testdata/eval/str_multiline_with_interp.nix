let x = "X"; in "line1
${x}
line3"
