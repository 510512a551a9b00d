/* block */ 1 + # line comment
  /* multi
     line */ 2 /**/
