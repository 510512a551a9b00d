# helper: refers to a variable that only the importer defines (imports are not dynamically scoped)
outerVar + 1
