[ (!{ a = 1; } ? b) (!true || true) (!(true || true)) ]
