# __curPos is a keyword-like position value; a let binding cannot shadow it
let __curPos = 1; p = __curPos; in [ p.line p.column (baseNameOf p.file) ]
