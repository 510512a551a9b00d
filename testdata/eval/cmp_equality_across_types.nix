[ (null == false) ({ } == [ ]) ("1" == 1) (1 == 1.0) (true != false) ({ outPath = "a"; } == "a") (0 == false) ("" == null) ]
