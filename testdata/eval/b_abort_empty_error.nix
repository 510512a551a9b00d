abort ""
