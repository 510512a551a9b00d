''it's''
