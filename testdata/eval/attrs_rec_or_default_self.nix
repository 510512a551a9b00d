rec { x = { }; y = x.z or "def"; }.y
