# equal key sets: values are compared and forced
{ a = 1; b = throw "forced by =="; } == { a = 1; b = 2; }
